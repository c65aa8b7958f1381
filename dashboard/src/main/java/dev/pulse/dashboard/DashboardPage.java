package dev.pulse.dashboard;

import java.time.Duration;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The chart page, for every range: which one it shows is in its URL ({@code ?range=7d}, {@code ?from=&to=}), which
 * only its script reads. Counts are never rendered here: the script fetches them and writes them as text. A browser
 * that is not signed in is sent to the sign-in page instead ({@link SignInForm}).
 */
@Path(DashboardPage.PATH)
public class DashboardPage {

    static final String PATH = "/";

    @CheckedTemplate
    static class Templates {
        /** {@code user}: who is signed in, or null where access control is off. */
        static native TemplateInstance index(Duration tick, Duration rangeRefresh, Duration backfill, int topPages,
                String user);
    }

    private final DashboardConfig config;
    private final SecurityIdentity identity;

    public DashboardPage(DashboardConfig config, SecurityIdentity identity) {
        this.config = config;
        this.identity = identity;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The live dashboard page",
            description = "A browser that is not signed in is redirected (302) to the sign-in page, and back here once signed in.")
    public TemplateInstance index() {
        return Templates.index(config.tick(), config.rangeRefresh(), config.backfill(), config.topPages(),
                identity.isAnonymous() ? null : identity.getPrincipal().getName());
    }
}
