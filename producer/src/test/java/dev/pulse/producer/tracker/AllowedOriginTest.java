package dev.pulse.producer.tracker;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.pulse.producer.PulseProducerConfig;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * {@code pulse.producer.tracker.allowed-origins} as people write it, read into what browsers send in {@code Origin},
 * and what is no origin refused by the producer's configuration, naming it.
 */
class AllowedOriginTest {

    @ParameterizedTest
    @CsvSource({
            "https://www.example.com, https://www.example.com",
            "https://www.example.com/, https://www.example.com",
            "' https://www.example.com ', https://www.example.com",
            "https://Example.COM, https://example.com",
            "HTTPS://example.com, https://example.com",
            "https://example.com:443, https://example.com",
            "http://example.com:80/, http://example.com",
            "https://example.com:80, https://example.com:80",
            "http://localhost:8090, http://localhost:8090",
            "https://bücher.example, https://xn--bcher-kva.example",
            "https://Bücher.example:8443/, https://xn--bcher-kva.example:8443",
            "https://日本語.jp, https://xn--wgv71a119e.jp",
            "http://127.0.0.1:8090, http://127.0.0.1:8090",
            "http://[::1]:8090, http://[::1]:8090" })
    void readsAnOriginAsBrowsersSendIt(String written, String sent) {
        assertThat(new AllowedOrigin().convert(written), is(sent));
    }

    @ParameterizedTest
    @ValueSource(strings = { "www.example.com", "https://www.example.com/shop", "https://www.example.com?a=1",
            "https://www.example.com#top", "https://user@www.example.com", "ftp://www.example.com", "https://",
            "https:www.example.com", "https://exa mple.com", "null", "*" })
    void refusesWhatIsNoOriginNamingIt(String written) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> new AllowedOrigin().convert(written));
        assertThat(refused.getMessage(), containsString("\"" + written + "\" in pulse.producer.tracker.allowed-origins is not an origin"));
    }

    /** The producer's configuration (as Quarkus builds it at start-up) takes the origins in that form, or refuses them. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "https://Shop.Example:443/,http://localhost:8090 | https://shop.example,http://localhost:8090",
            "https://shop.example/checkout | ",
            "https://shop.example,shop.example | " })
    void theConfigurationHoldsOriginsAsBrowsersSendThemOrStopsTheProducer(String written, String sent) {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder().addDiscoveredConverters()
                .withMapping(PulseProducerConfig.class)
                .withSources(new PropertiesConfigSource(Map.of("pulse.producer.topic", "page-events",
                        "pulse.producer.max-body-size", "1M", "pulse.producer.ack-timeout", "15s",
                        "pulse.producer.retry-after", "5s", "pulse.producer.publish.allowed-topics", "page-events",
                        "pulse.producer.tracker.max-body-size", "4K", "pulse.producer.tracker.bot-user-agents", "bot",
                        "pulse.producer.tracker.allowed-origins", written), "test", 100));
        if (sent != null) {
            SmallRyeConfig config = builder.build();
            assertThat(config.getConfigMapping(PulseProducerConfig.class).tracker().allowedOrigins().orElseThrow(),
                    is(Set.of(sent.split(","))));
        } else {
            String malformed = written.contains(",") ? written.substring(written.indexOf(',') + 1) : written;
            RuntimeException refused = assertThrows(RuntimeException.class, builder::build);
            assertThat(refused.getMessage(), containsString("pulse.producer.tracker.allowed-origins"));
            assertThat(refused.getMessage(), containsString("\"" + malformed + "\""));
        }
    }
}
