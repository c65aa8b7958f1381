package dev.pulse.dashboard;

import java.net.URI;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;

import io.vertx.ext.web.RoutingContext;

/** Signing out: open to anyone, since all it does is delete the browser's session cookie. */
@Path(SignOutResource.PATH)
public class SignOutResource {

    static final String PATH = "/sign-out";

    private final SignInForm signIn;

    SignOutResource(SignInForm signIn) {
        this.signIn = signIn;
    }

    @POST
    @Operation(summary = "Signs the browser out", description = "Deletes the session cookie and sends the browser to the sign-in page.")
    @APIResponse(responseCode = "303", description = "To the sign-in page")
    public RestResponse<Void> signOut(@Context RoutingContext request) {
        signIn.signOut(request);
        return RestResponse.seeOther(URI.create(SignInPage.PATH));
    }
}
