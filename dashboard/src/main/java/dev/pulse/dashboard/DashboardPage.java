package dev.pulse.dashboard;

import java.time.Duration;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The chart page, for every range: which one it shows is in its URL ({@code ?range=7d}, {@code ?from=&to=}), which
 * only its script reads. Counts are never rendered here: the script fetches them and writes them as text.
 */
@Path("/")
public class DashboardPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(Duration tick, Duration rangeRefresh, Duration backfill, int topPages);
    }

    private final DashboardConfig config;

    public DashboardPage(DashboardConfig config) {
        this.config = config;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The live dashboard page")
    public TemplateInstance index() {
        return Templates.index(config.tick(), config.rangeRefresh(), config.backfill(), config.topPages());
    }
}
