package dev.pulse.dashboard;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The sign-in page: a built-in user's name and password, posted to Quarkus' form authentication ({@link SignInForm}),
 * which sends the browser on to the page it asked for, or back here with {@code ?failed=true}
 * ({@code quarkus.http.auth.form.login-page} and {@code error-page}).
 */
@Path(SignInPage.PATH)
public class SignInPage {

    static final String PATH = "/sign-in";
    /** Where the form posts: Quarkus' form authentication, at its default {@code quarkus.http.auth.form.post-location}. */
    static final String FORM_POST = "/j_security_check";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance page(String formPost, boolean failed);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The sign-in page",
            description = "Its form posts j_username and j_password to POST /j_security_check, which answers 302: to the "
                    + "page first asked for (or /) with the session cookie, or back here with failed=true.")
    public TemplateInstance page(@Parameter(description = "Whether the last attempt failed") @RestQuery boolean failed) {
        return Templates.page(FORM_POST, failed);
    }
}
