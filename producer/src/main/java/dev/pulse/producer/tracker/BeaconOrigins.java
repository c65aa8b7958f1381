package dev.pulse.producer.tracker;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pulse.event.ErrorResponse;
import dev.pulse.producer.PulseProducerConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;

/**
 * CORS for the beacon endpoint alone, so that {@code POST /events} and the rest keep answering as before. A beacon
 * sent as {@code text/plain} needs no preflight: the browser sends it whatever the answer, and would only hide the
 * answer from the page. So the Origin is checked here, before anything is read: a page of an origin not in
 * {@code pulse.producer.tracker.allowed-origins} (or a request with no Origin) gets 403 and nothing is written. A
 * preflight (a JSON {@code fetch}) from such an origin gets 403 too, so the browser does not even send the request.
 */
@ApplicationScoped
public class BeaconOrigins {

    /** Before the body limits (order -3), so that a foreign page learns nothing but its refusal. */
    private static final int ORDER_BEFORE_BODY_LIMITS = -4;
    private static final String PREFLIGHT_MAX_AGE_SECONDS = "86400";

    void install(@Observes Router router, PulseProducerConfig config, ObjectMapper mapper, MeterRegistry registry)
            throws JsonProcessingException {
        // Already in the form browsers send (AllowedOrigin), so an exact comparison is enough.
        Set<String> allowed = config.tracker().allowedOrigins().orElse(Set.of());
        Counter refused = Counter.builder("pulse.producer.tracker.origins.refused")
                .description("Beacon requests refused because their Origin is not allowed; nothing of them was written")
                .register(registry);
        byte[] error = mapper.writeValueAsBytes(ErrorResponse.of("This page's origin may not send beacons: add it to "
                + "pulse.producer.tracker.allowed-origins"));
        router.route(BeaconResource.PATH).order(ORDER_BEFORE_BODY_LIMITS).handler(context -> {
            String origin = context.request().getHeader(HttpHeaderNames.ORIGIN);
            HttpServerResponse response = context.response().putHeader(HttpHeaderNames.VARY, "Origin");
            if (origin == null || !allowed.contains(origin)) {
                refused.increment();
                response.setStatusCode(403)
                        .putHeader(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                        // The body was not read: the connection cannot carry another request.
                        .putHeader(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                        .end(Buffer.buffer(error));
                return;
            }
            response.putHeader(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            if (context.request().method() == HttpMethod.OPTIONS) {
                response.setStatusCode(204)
                        .putHeader(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "POST")
                        .putHeader(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, "Content-Type")
                        .putHeader(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, PREFLIGHT_MAX_AGE_SECONDS)
                        .end();
                return;
            }
            context.next();
        });
    }
}
