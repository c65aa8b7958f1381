package dev.pulse.producer.tracker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /pulse.js}, the tracker a website includes with one script tag. Gzipped once at start-up for the
 * browsers that accept it (all of them), so that no other answer of the producer passes a compression handler. Each
 * form's ETag is the hash of its content: a browser revalidates it once its hour of caching is over and gets 304
 * while it has not changed.
 */
@Path("/pulse.js")
@Tag(name = "Tracker")
public class TrackerScriptResource {

    static final String RESOURCE = "tracker/pulse.js";
    static final String MEDIA_TYPE = "text/javascript; charset=utf-8";

    private static final CacheControl CACHE_FOR_AN_HOUR = CacheControl.valueOf("public, max-age=3600");

    private final Form plain;
    private final Form gzipped;

    TrackerScriptResource() {
        byte[] script = load();
        String hash = hash(script);
        plain = new Form(script, new EntityTag(hash));
        gzipped = new Form(gzip(script), new EntityTag(hash + "-gz"));
    }

    @GET
    @Produces(MEDIA_TYPE)
    @Operation(summary = "The website tracker",
            description = "Include it with <script defer src=\"http://<producer>/pulse.js\" data-api=\"http://<producer>\"></script>.")
    @APIResponse(responseCode = "200", description = "The script (gzipped when accepted), with an ETag and Cache-Control")
    @APIResponse(responseCode = "304", description = "Not modified since the ETag in If-None-Match")
    public Response script(@Context Request request, @HeaderParam(HttpHeaders.ACCEPT_ENCODING) String acceptEncoding) {
        boolean gzip = acceptEncoding != null && acceptEncoding.toLowerCase(Locale.ROOT).contains("gzip");
        Form form = gzip ? gzipped : plain;
        Response.ResponseBuilder answer = request.evaluatePreconditions(form.etag());
        if (answer == null) {
            answer = Response.ok(form.content()).encoding(gzip ? "gzip" : null);
        }
        return answer.tag(form.etag()).cacheControl(CACHE_FOR_AN_HOUR).header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING)
                .build();
    }

    private record Form(byte[] content, EntityTag etag) {
    }

    private static byte[] load() {
        try (InputStream in = TrackerScriptResource.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the application");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length);
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String hash(byte[] content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
