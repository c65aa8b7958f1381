package dev.pulse.generator;

import java.io.IOException;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import dev.pulse.event.PageEventJson;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** A change to the running generator; an absent field keeps its current value. */
@RegisterForReflection
@Schema(description = "Settings to change; omit a field to keep its value")
public record GeneratorUpdate(
        @Schema(description = "Events per second, greater than 0 and at most 10000", example = "50") Double rate,
        @Schema(description = "True to stop emitting, false to resume", example = "false") Boolean paused) {

    private static final List<String> FIELDS = List.of("rate", "paused");

    // Strict on purpose: "50" for a number, 1 for a boolean or a misspelt field is a client bug to report, not guess at.
    private static final JsonMapper MAPPER = PageEventJson.STRICT_MAPPER;

    static GeneratorUpdate parse(byte[] body) throws InvalidSettingsException {
        GeneratorUpdate update;
        try {
            JsonNode tree = MAPPER.readTree(body);
            if (tree == null || !tree.isObject()) {
                throw new InvalidSettingsException(null, expectation(null));
            }
            // Read as a tree first: binding alone cannot tell an explicit null from an absent field.
            for (String field : FIELDS) {
                if (tree.path(field).isNull()) {
                    throw new InvalidSettingsException(field, expectation(field));
                }
            }
            update = MAPPER.treeToValue(tree, GeneratorUpdate.class);
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidSettingsException(e.getPropertyName(), "is not a generator setting (settings: rate, paused)");
        } catch (JsonMappingException e) {
            String field = e.getPath().isEmpty() ? null : e.getPath().get(0).getFieldName();
            throw new InvalidSettingsException(field, expectation(field));
        } catch (JsonProcessingException e) {
            throw new InvalidSettingsException(null, "is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidSettingsException(null, "could not be read: " + e.getMessage());
        }
        if (update.rate() != null) {
            String problem = GeneratorConfigCheck.rateProblem(update.rate()).orElse(null);
            if (problem != null) {
                throw new InvalidSettingsException("rate", problem);
            }
        }
        return update;
    }

    private static String expectation(String field) {
        if ("rate".equals(field)) {
            return "must be a number of events per second";
        }
        if ("paused".equals(field)) {
            return "must be true or false";
        }
        return "must be a JSON object such as {\"rate\": 50, \"paused\": false}";
    }
}
