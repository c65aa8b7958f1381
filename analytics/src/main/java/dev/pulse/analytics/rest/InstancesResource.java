package dev.pulse.analytics.rest;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.pulse.analytics.query.StreamsGroup;
import dev.pulse.analytics.query.StreamsInstance;
import dev.pulse.event.ErrorResponse;

@Path("/instances")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Instances", description = "The analytics instances sharing the work")
public class InstancesResource {

    private final StreamsGroup group;

    InstancesResource(StreamsGroup group) {
        this.group = group;
    }

    @GET
    @Operation(summary = "Every instance of the application and the page-events partitions it counts (active tasks)")
    @APIResponse(responseCode = "200", description = "The instances, self marking the one answering")
    @APIResponse(responseCode = "503", description = "Kafka Streams is not running",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    public List<StreamsInstance> instances() {
        return group.instances();
    }
}
