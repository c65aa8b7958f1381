package dev.pulse.producer;

import static dev.pulse.producer.PageEventsTopic.await;
import static dev.pulse.producer.PageEventsTopic.uniquePage;
import static dev.pulse.producer.PageEventsTopic.value;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pulse.testing.KafkaBrokerTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** The workshop route GET /publish/{topic}/{name}: random user and duration, allow-listed topics only. */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
class PublishResourceTest {

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Test
    void publishesARandomViewOfThePageAndAnswersIt() throws Exception {
        String page = uniquePage();
        Instant before = Instant.now().minusMillis(1);

        String answer = given().when().get("/publish/page-events/" + page)
                .then().statusCode(202).contentType(ContentType.JSON)
                .body("name", is(page))
                .body("user", matchesPattern("U[0-9]"))
                .body("duration", both(greaterThanOrEqualTo(0)).and(lessThanOrEqualTo(9000)))
                .extract().asString();
        JsonNode answered = new ObjectMapper().readTree(answer);
        Instant date = Instant.parse(answered.get("date").asText());
        assertThat(date, is(both(greaterThanOrEqualTo(before)).and(lessThanOrEqualTo(Instant.now()))));

        ConsumerRecord<String, String> record = await(companion, r -> page.equals(r.key()), 1).get(0);
        JsonNode written = value(record);
        assertThat(written.get("user").asText(), is(answered.get("user").asText()));
        assertThat(written.get("duration").asLong(), is(answered.get("duration").asLong()));
        assertThat(Instant.parse(written.get("date").asText()), is(date));
        assertThat(record.timestamp(), is(date.toEpochMilli()));
    }

    @ParameterizedTest
    @ValueSource(strings = { "__consumer_offsets", "page-counts", "page-events-dlq", "page-events.", " page-events", "PAGE-EVENTS" })
    void otherTopicsAreForbidden(String topic) {
        given().urlEncodingEnabled(true).pathParam("topic", topic)
                .when().get("/publish/{topic}/P1")
                .then().statusCode(403).contentType(ContentType.JSON)
                .body("error", is("Publishing to this topic is not allowed; allowed topics: page-events"));
    }

    @Test
    void forbiddenTopicIsNeitherWrittenNorCreated() {
        String existing = "unlisted-" + UUID.randomUUID();
        companion.topics().createAndWait(existing, 1);
        String absent = "absent-" + UUID.randomUUID();
        String tooLong = "t".repeat(400);

        for (String topic : new String[] { existing, absent, tooLong, "../" + absent }) {
            given().pathParam("topic", topic)
                    .when().get("/publish/{topic}/P1")
                    .then().statusCode(403).contentType(ContentType.JSON);
        }

        long endOffset = companion.offsets()
                .get(KafkaCompanion.tp(existing, 0), OffsetSpec.latest()).offset();
        assertThat("records written to " + existing, endOffset, is(0L));
        Set<String> topics = companion.topics().list();
        assertThat(topics, hasItem(existing));
        assertThat(topics, not(hasItem(absent)));
        assertThat(topics, not(hasItem(tooLong)));
        assertThat(topics, not(hasItem("../" + absent)));
    }

    @Test
    void pageNameMustBeUtf8() {
        // Decoded leniently, %FF would become U+FFFD: a name the client never sent.
        given().urlEncodingEnabled(false)
                .when().get("/publish/page-events/P%FF1")
                .then().statusCode(400).contentType(ContentType.JSON)
                .body("violations[0].field", is("name"))
                .body("violations[0].reason", containsString("percent-encoded UTF-8"));
        String page = "Grüße 😀 " + UUID.randomUUID();
        given().pathParam("name", page)
                .when().get("/publish/page-events/{name}")
                .then().statusCode(202).body("name", is(page));
    }

    @Test
    void pageNameMustFollowTheEventRules() {
        given().pathParam("name", "P".repeat(129))
                .when().get("/publish/page-events/{name}")
                .then().statusCode(400).contentType(ContentType.JSON)
                .body("violations[0].index", is(0))
                .body("violations[0].field", is("name"))
                .body("violations[0].reason", containsString("1 to 128 characters"));
    }
}
