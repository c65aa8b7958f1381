package dev.pulse.producer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pulse.event.ErrorResponse;
import dev.pulse.producer.tracker.BeaconResource;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;

/**
 * Answers 413 in JSON to a request whose Content-Length exceeds {@code pulse.producer.max-body-size} (or, for the
 * tracker's beacons, the smaller {@code pulse.producer.tracker.max-body-size}), without reading its body. Vert.x
 * enforces the service-wide limit ({@code quarkus.http.limits.max-body-size}) in a route of order -2 with an empty
 * 413; these routes run just before it. Bodies sent without a Content-Length (chunked) are cut by Vert.x alone, as
 * their size is only known once read (the beacon endpoint checks its own limit once it has the body).
 */
@ApplicationScoped
public class RequestBodyLimit {

    private static final int ORDER_BEFORE_VERTX_BODY_LIMIT = -3;

    void install(@Observes Router router, PulseProducerConfig config, ObjectMapper mapper) throws JsonProcessingException {
        // Same order: Vert.x tries them in the order they were added, the beacon's own limit first.
        refuseLarger(router.route(BeaconResource.PATH), config.tracker().maxBodySize().asLongValue(), mapper);
        refuseLarger(router.route(), config.maxBodySize().asLongValue(), mapper);
    }

    private static void refuseLarger(Route route, long limit, ObjectMapper mapper) throws JsonProcessingException {
        byte[] error = mapper.writeValueAsBytes(
                ErrorResponse.of("The request body is larger than the limit of " + limit + " bytes"));
        route.order(ORDER_BEFORE_VERTX_BODY_LIMIT).handler(context -> {
            if (declaredLength(context.request().getHeader(HttpHeaderNames.CONTENT_LENGTH)) > limit) {
                context.response()
                        .setStatusCode(413)
                        .putHeader(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                        // The unread body makes the connection unusable for another request.
                        .putHeader(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                        .end(Buffer.buffer(error));
            } else {
                context.next();
            }
        });
    }

    private static long declaredLength(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
