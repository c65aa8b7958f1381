package dev.pulse.event;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The error mappers every Pulse service shares, so that whatever fails the answer is an {@link ErrorResponse}
 * in JSON, never an HTML page or an empty body. Each service maps its own exceptions beside these, in the same
 * style: a {@code @ServerExceptionMapper} returning {@code RestResponse<ErrorResponse>}.
 */
public class CommonErrorMappers {

    private static final Logger LOG = Logger.getLogger(CommonErrorMappers.class);

    /** Headers that described the original answer's body, which is replaced. */
    private static final Set<String> BODY_HEADERS = Set.of(HttpHeaders.CONTENT_TYPE.toLowerCase(),
            HttpHeaders.CONTENT_LENGTH.toLowerCase());

    /**
     * Whatever Quarkus REST or a service raises with a status (404, 405, 406, 415...), with its headers
     * ({@code Allow}, {@code Retry-After}) kept. A query or path parameter that does not convert to its declared
     * type is a 404 by the JAX-RS rules, with the conversion failure as cause: the client sent a bad value, 400.
     */
    @ServerExceptionMapper
    public RestResponse<ErrorResponse> webApplication(WebApplicationException e) {
        if (e instanceof NotFoundException && e.getCause() != null) {
            String invalid = "A query or path parameter has an invalid value: " + e.getCause().getMessage();
            return error(Status.BAD_REQUEST, ErrorResponse.of(invalid)).build();
        }
        Response original = e.getResponse();
        RestResponse.ResponseBuilder<ErrorResponse> answer = error(original.getStatusInfo(), ErrorResponse.of(e.getMessage()));
        original.getStringHeaders().forEach((name, values) -> {
            if (!BODY_HEADERS.contains(name.toLowerCase())) {
                values.forEach(value -> answer.header(name, value));
            }
        });
        return answer.build();
    }

    /**
     * A request that breaks a Bean Validation constraint: each broken rule becomes a violation named after the
     * parameter or JSON field at fault.
     */
    @ServerExceptionMapper
    public RestResponse<ErrorResponse> invalid(ConstraintViolationException e) {
        List<Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Violation(-1, lastName(v.getPropertyPath()), v.getMessage()))
                .sorted(Comparator.comparing(Violation::field))
                .toList();
        String summary = violations.stream().map(v -> v.field() + " " + v.reason()).collect(Collectors.joining("; "));
        return error(Status.BAD_REQUEST, new ErrorResponse("Invalid request: " + summary, violations)).build();
    }

    private static String lastName(Path path) {
        String name = null;
        for (Path.Node node : path) {
            name = node.getName();
        }
        return name;
    }

    @ServerExceptionMapper
    public RestResponse<ErrorResponse> unexpected(Throwable e) {
        LOG.error("Unexpected error while handling a request", e);
        return error(Status.INTERNAL_SERVER_ERROR, ErrorResponse.of("Internal error")).build();
    }

    /** An error answer in the shared form, to build on (headers): every service's own mappers start from this. */
    public static RestResponse.ResponseBuilder<ErrorResponse> error(Response.StatusType status, ErrorResponse body) {
        return RestResponse.ResponseBuilder.create(status, body).type(MediaType.APPLICATION_JSON_TYPE);
    }
}
