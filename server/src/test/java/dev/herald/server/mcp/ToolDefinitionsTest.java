package dev.herald.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.server.ops.OpenApiRoutes;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tools' definitions: self-contained schemas built from the OpenAPI document's components. */
class ToolDefinitionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ToolDefinitions definitions;

    ToolDefinitionsTest() throws Exception {
        definitions = new ToolDefinitions(JSON.readTree(OpenApiRoutes.load()), JSON);
    }

    @Test
    void referencesIntoTheOpenApiDocumentBecomeTheSchemasOwnDefs() {
        ObjectNode tool = definitions.load("run_voice_qualifier");
        JsonNode output = tool.path("outputSchema");
        assertThat(output.path("properties").path("campaign").path("$ref").asText()).isEqualTo("#/$defs/Campaign");
        // What Campaign refers to in turn comes along, and no pointer into the document is left.
        assertThat(output.path("$defs").has("CampaignProgress")).isTrue();
        assertThat(output.path("$defs").has("Instant")).isTrue();
        assertThat(output.path("$defs").has("Campaign.state")).isTrue();
        assertThat(output.toString()).doesNotContain("#/components/");
        JsonNode input = tool.path("inputSchema");
        assertThat(input.path("properties").path("retry").path("$ref").asText()).isEqualTo("#/$defs/CreateCampaign.retry");
        assertThat(input.path("$defs").path("CreateCampaign.retry").path("type").asText()).isEqualTo("object");
    }

    @Test
    void everyToolsSchemasAreValidJsonSchemas() {
        DefaultJsonSchemaValidator validator = new DefaultJsonSchemaValidator(JSON);
        for (String name : List.of("run_voice_qualifier", "get_call_results", "list_calls", "get_call")) {
            ObjectNode tool = definitions.load(name);
            for (String schema : List.of("inputSchema", "outputSchema")) {
                var checked = validator.validateSchema(JSON.convertValue(tool.get(schema), Map.class));
                assertThat(checked.valid()).as(name + " " + schema + ": " + checked.errorMessage()).isTrue();
            }
        }
    }

    @Test
    void anAnswerThatStraysFromTheRestShapeFailsTheOutputSchema() {
        @SuppressWarnings("unchecked")
        Map<String, Object> schema = JSON.convertValue(definitions.load("get_call_results").get("outputSchema"), Map.class);
        DefaultJsonSchemaValidator validator = new DefaultJsonSchemaValidator(JSON);
        Map<String, Object> progress = Map.of("total", 0, "finished", true,
                "by_state", Map.of("pending", 0, "waiting", 0, "dialling", 0, "done", 0, "exhausted", 0, "refused", 0),
                "by_outcome", Map.of("qualified", 0, "unqualified", 0, "no_answer", 0, "voicemail", 0, "busy", 0,
                        "failed", 0, "do_not_call", 0, "outside_calling_hours", 0));
        Map<String, Object> answer = new java.util.HashMap<>(Map.of("call_batch_id", "cmp_1", "state", "completed",
                "progress", progress, "results", List.of(), "has_more", false));
        answer.put("completed_at", null);
        answer.put("next_cursor", null);
        assertThat(validator.validate(schema, answer).valid()).as(validator.validate(schema, answer).errorMessage()).isTrue();
        answer.put("state", "finished");
        assertThat(validator.validate(schema, answer).valid()).isFalse();
    }

    @Test
    void aDefinitionNamingAnotherToolOrAMissingComponentIsRefused() {
        assertThatThrownBy(() -> definitions.load("no_such_tool")).hasMessageContaining("no resource");
        assertThat(ToolDefinitions.defName("/components/schemas/CreateCampaign/properties/calling_window"))
                .isEqualTo("CreateCampaign.calling_window");
        assertThat(ToolDefinitions.defName("/components/schemas/Campaign")).isEqualTo("Campaign");
    }
}
