package dev.herald.server.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the document is put together from the modules' fragments, and what assembly refuses. */
class OpenApiDocumentAssemblyTest {
    private static final String HEAD = """
            {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "security": [{"bearerAuth": []}],
             "paths": {"/openapi.json": {"get": {"tags": ["ops"], "responses": {"200": {"description": "d"}}}}}}
            """;
    private static final String SHARED = """
            {"tags": [{"name": "ops"}],
             "paths": {"/healthz": {"get": {"tags": ["ops"], "responses": {"200": {"description": "d"}}}}},
             "components": {"schemas": {"Problem": {"type": "object"}},
                            "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}}}}
            """;
    private static final String FEATURE = """
            {"tags": [{"name": "things"}],
             "paths": {"/v1/things": {"get": {"tags": ["things"], "responses": {
                 "200": {"description": "d", "content": {"application/json":
                     {"schema": {"$ref": "#/components/schemas/Thing"}}}},
                 "404": {"description": "d", "content": {"application/problem+json":
                     {"schema": {"$ref": "#/components/schemas/Problem"}}}}}}}},
             "components": {"schemas": {"Thing": {"type": "object"}}}}
            """;

    @Test
    void fragmentsMergeIntoOneDocument_headFirst_tagsPathsAndComponentsInFragmentOrder() throws IOException {
        JsonNode doc = assemble(HEAD, SHARED, FEATURE);
        assertThat(doc.path("openapi").asText()).isEqualTo("3.1.0");
        assertThat(names(doc)).startsWith("openapi", "info", "security", "tags", "paths", "components");
        assertThat(doc.path("tags").findValuesAsText("name")).containsExactly("ops", "things");
        assertThat(fieldNames(doc.path("paths"))).containsExactly("/openapi.json", "/healthz", "/v1/things");
        assertThat(fieldNames(doc.path("components").path("schemas"))).containsExactly("Problem", "Thing");
        assertThat(doc.path("components").path("securitySchemes").has("bearerAuth")).isTrue();
    }

    @Test
    void anOperationInTwoFragmentsFailsNamingBoth() {
        String again = FEATURE.replace("\"/v1/things\"", "\"/healthz\"");
        assertThatThrownBy(() -> assemble(HEAD, SHARED, again))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("path /healthz member 'get'").hasMessageContaining("f1").hasMessageContaining("f2");
    }

    @Test
    void twoFragmentsMayDeclareDifferentOperationsOfOnePath() throws IOException {
        String post = FEATURE.replace("\"/v1/things\": {\"get\"", "\"/healthz\": {\"post\"");
        JsonNode doc = assemble(HEAD, SHARED, post);
        assertThat(fieldNames(doc.path("paths").path("/healthz"))).containsExactly("get", "post");
        assertThat(fieldNames(doc.path("paths"))).containsExactly("/openapi.json", "/healthz");
    }

    @Test
    void aComponentInTwoFragmentsFails() {
        String again = FEATURE.replace("\"Thing\": {", "\"Problem\": {").replace("schemas/Thing", "schemas/Problem");
        assertThatThrownBy(() -> assemble(HEAD, SHARED, again))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("component schemas/Problem is declared by both f1 and f2");
    }

    @Test
    void aComponentOfTheSameNameInAnotherSectionIsNoConflict() throws IOException {
        String parameter = FEATURE.replace("\"components\": {\"schemas\": {\"Thing\": {\"type\": \"object\"}}}",
                "\"components\": {\"schemas\": {\"Thing\": {\"type\": \"object\"}}, "
                        + "\"parameters\": {\"Problem\": {\"name\": \"p\", \"in\": \"query\"}}}");
        assertThat(assemble(HEAD, SHARED, parameter).at("/components/parameters/Problem/name").asText()).isEqualTo("p");
    }

    @Test
    void aTagDeclaredTwiceFails() {
        String again = FEATURE.replace("{\"name\": \"things\"}", "{\"name\": \"things\"}, {\"name\": \"ops\"}");
        assertThatThrownBy(() -> assemble(HEAD, SHARED, again))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("tag 'ops'");
    }

    @Test
    void aHeadMemberInTwoFragmentsFails() {
        String second = SHARED.replace("{\"tags\"", "{\"info\": {\"title\": \"x\", \"version\": \"2\"}, \"tags\"");
        assertThatThrownBy(() -> assemble(HEAD, second, FEATURE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("head member 'info' is declared by both f0 and f1");
    }

    @Test
    void aDocumentWithoutAHeadFails() {
        assertThatThrownBy(() -> assemble(SHARED, FEATURE))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'openapi'");
    }

    @Test
    void anUnknownTopLevelMemberFails() {
        String odd = FEATURE.replace("{\"tags\"", "{\"webhooks\": {}, \"tags\"");
        assertThatThrownBy(() -> assemble(HEAD, SHARED, odd))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("f2").hasMessageContaining("'webhooks'");
    }

    @Test
    void aKeyRepeatedInsideOneFragmentFails() {
        String repeated = FEATURE.replace("\"Thing\": {\"type\": \"object\"}",
                "\"Thing\": {\"type\": \"object\"}, \"Thing\": {\"type\": \"string\"}");
        assertThatThrownBy(() -> assemble(HEAD, SHARED, repeated))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("f2").hasMessageContaining("Thing");
    }

    @Test
    void aReferenceNoFragmentDeclaresFailsNamingTheFragmentAndPlace() {
        String dangling = FEATURE.replace("\"Thing\": {\"type\": \"object\"}", "\"Other\": {\"type\": \"object\"}");
        assertThatThrownBy(() -> assemble(HEAD, SHARED, dangling))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("f2 refers at #/paths/~1v1~1things/get/responses/200")
                .hasMessageContaining("#/components/schemas/Thing");
    }

    @Test
    void aReferenceToAnotherFragmentsComponentResolves() throws IOException {
        assertThat(assemble(HEAD, SHARED, FEATURE).at("/paths/~1v1~1things/get/responses/404/content")
                .findValue("$ref").asText()).isEqualTo("#/components/schemas/Problem");
        assertThatThrownBy(() -> assemble(HEAD, FEATURE.replace("[{\"name\": \"things\"}]",
                "[{\"name\": \"things\"}, {\"name\": \"ops\"}]")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("#/components/schemas/Problem");
    }

    @Test
    void anOperationWithAnUndeclaredTagFails() {
        String untagged = FEATURE.replace("\"tags\": [\"things\"]", "\"tags\": [\"nothing\"]");
        assertThatThrownBy(() -> assemble(HEAD, SHARED, untagged))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("get /v1/things is tagged 'nothing'");
    }

    @Test
    void aMissingFragmentResourceFails() {
        assertThatThrownBy(() -> OpenApiDocument.resource("openapi/nowhere.json"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("openapi/nowhere.json");
    }

    @Test
    void heraldsFragmentsEachContributeAndTheirPathsAddUp() throws IOException {
        JsonNode doc = new ObjectMapper().readTree(OpenApiDocument.herald());
        int operations = 0;
        for (String name : OpenApiDocument.FRAGMENTS) {
            JsonNode fragment = new ObjectMapper().readTree(OpenApiDocument.resource(name).json());
            assertThat(fragment.path("paths").size()).as(name + " paths").isPositive();
            for (JsonNode item : fragment.path("paths")) {
                operations += item.size();
            }
        }
        // Two fragments may share a path with different operations (the calls' POST and GET).
        int assembled = 0;
        for (JsonNode item : doc.path("paths")) {
            assembled += item.size();
        }
        assertThat(assembled).isEqualTo(operations);
        assertThat(doc.at("/components/schemas/Problem").isObject()).as("shared Problem").isTrue();
    }

    private static JsonNode assemble(String... fragments) throws IOException {
        List<OpenApiDocument.Fragment> list = new ArrayList<>();
        for (int i = 0; i < fragments.length; i++) {
            list.add(new OpenApiDocument.Fragment("f" + i, fragments[i].getBytes(StandardCharsets.UTF_8)));
        }
        return new ObjectMapper().readTree(OpenApiDocument.assemble(list));
    }

    private static List<String> names(JsonNode node) {
        return fieldNames(node);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
