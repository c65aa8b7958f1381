package dev.pulse.event;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.util.ClassUtil;

import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.UriInfo;

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

    /** The longest account of an invalid parameter value given back in full. */
    private static final int MAX_QUOTED = 100;

    /** Headers that described the original answer's body, which is replaced. */
    private static final Set<String> BODY_HEADERS = Set.of(HttpHeaders.CONTENT_TYPE.toLowerCase(),
            HttpHeaders.CONTENT_LENGTH.toLowerCase());

    /**
     * Whatever Quarkus REST or a service raises with a status (404, 405, 406, 415...), with its headers
     * ({@code Retry-After}, say) kept. A query or path parameter that does not convert to its declared
     * type is a 404 by the JAX-RS rules, with the conversion failure as cause: the client sent a bad value, 400.
     */
    @ServerExceptionMapper
    public RestResponse<ErrorResponse> webApplication(WebApplicationException e, UriInfo uri) {
        if (e instanceof NotFoundException && e.getCause() != null) {
            String failure = e.getCause().getMessage();
            String parameter = parameterQuotedIn(failure, uri);
            String invalid = (parameter == null ? "Invalid value for a query or path parameter"
                    : "Invalid value for parameter '" + parameter + "'") + ": " + shortened(failure);
            return error(Status.BAD_REQUEST, ErrorResponse.of(invalid)).build();
        }
        // Quarkus REST wraps what Jackson could not parse (not JSON, a field given twice, too deep) in a 400.
        if (e.getCause() instanceof JsonProcessingException unparsable) {
            return invalidRequest(List.of(new Violation(-1, null, "is not valid JSON: " + unparsable.getOriginalMessage())));
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
     * Quarkus does not say which parameter failed to convert, but the failure quotes the value (Java's number and
     * time parsers and Pulse's own converters all do): the one parameter holding that value is the culprit.
     */
    private static String parameterQuotedIn(String failure, UriInfo uri) {
        if (failure == null) {
            return null;
        }
        Set<String> named = new TreeSet<>();
        for (MultivaluedMap<String, String> parameters : List.of(uri.getQueryParameters(), uri.getPathParameters())) {
            parameters.forEach((name, values) -> {
                if (values.stream().anyMatch(value -> failure.contains("\"" + value + "\"") || failure.contains("'" + value + "'"))) {
                    named.add(name);
                }
            });
        }
        return named.size() == 1 ? named.iterator().next() : null;
    }

    /** The conversion failure quotes the client's value, which may be as long as a URL can be. */
    private static String shortened(String message) {
        return message.length() > MAX_QUOTED ? message.substring(0, MAX_QUOTED) + "…" : message;
    }

    /**
     * A request that breaks a Bean Validation constraint: each broken rule becomes a violation named after the
     * parameter or JSON field at fault.
     */
    @ServerExceptionMapper
    public RestResponse<ErrorResponse> invalid(ConstraintViolationException e) {
        return invalidRequest(e.getConstraintViolations().stream()
                .map(v -> new Violation(-1, lastName(v.getPropertyPath()), v.getMessage()))
                .sorted(Comparator.comparing(Violation::field))
                .toList());
    }

    /**
     * A JSON body that Jackson parsed but could not bind: an unknown field, a value of the wrong type, a null where
     * a value is required. Quarkus' own mapper would answer a body of another shape.
     */
    @ServerExceptionMapper
    public RestResponse<ErrorResponse> unbindable(MismatchedInputException e) {
        return invalidRequest(List.of(new Violation(-1, PageEventJson.fieldPath(e), expectation(e))));
    }

    private static String expectation(MismatchedInputException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            String known = unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
            return "is not a known field (fields: " + known + ")";
        }
        String expected = expectedValue(e.getTargetType());
        return e instanceof InvalidNullException ? expected + ", not null" : expected;
    }

    private static String expectedValue(Class<?> target) {
        if (target == null) {
            return "has the wrong type";
        }
        Class<?> type = target.isPrimitive() ? ClassUtil.wrapperType(target) : target;
        if (type == Boolean.class) {
            return "must be true or false";
        }
        if (type == Integer.class || type == Long.class || type == Short.class || type == Byte.class) {
            return "must be a whole number";
        }
        if (Number.class.isAssignableFrom(type)) {
            return "must be a number";
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "must be a string";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "must be a JSON array";
        }
        return "must be a JSON object";
    }

    /** A 400 listing every violation; one at the body itself (no field) is named "body" in the summary. */
    private static RestResponse<ErrorResponse> invalidRequest(List<Violation> violations) {
        String summary = violations.stream()
                .map(v -> (v.field() == null ? "body" : v.field()) + " " + v.reason())
                .collect(Collectors.joining("; "));
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
