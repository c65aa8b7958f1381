package dev.pulse.generator;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.pulse.event.ErrorResponse;

@Path("/generator")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Generator", description = "The timed supplier of random page events")
public class GeneratorResource {

    private final PageEventGenerator generator;

    GeneratorResource(PageEventGenerator generator) {
        this.generator = generator;
    }

    @GET
    @Operation(summary = "The generator's settings and counters")
    public GeneratorStatus status() {
        return generator.status();
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the rate or pause/resume the running generator, effective at once")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = GeneratorUpdate.class)))
    @APIResponse(responseCode = "200", description = "The settings now in force",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GeneratorStatus.class)))
    @APIResponse(responseCode = "400", description = "Unknown field, wrong type or rate out of range; nothing changed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    public GeneratorStatus update(
            @NotNull(message = "must be a JSON object with rate, paused or both") @Valid GeneratorUpdate body) {
        return generator.update(body);
    }
}
