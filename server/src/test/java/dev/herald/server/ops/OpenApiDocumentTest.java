package dev.herald.server.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.server.Herald;
import dev.herald.platform.auth.RouteAccess;
import dev.herald.server.testing.Http;
import dev.herald.server.testing.OpenApiValidator;
import dev.herald.server.testing.StoreExtension;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The OpenAPI document against the running server: served as is, in step with the routes Javalin
 * actually has (both ways), its security matching the bearer filter, and well formed. Also shows
 * that the response validator used by the integration tests really rejects what it should.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiDocumentTest {
    @RegisterExtension
    static final StoreExtension STORE = StoreExtension.sqlite();
    private static final Pattern PARAM = Pattern.compile("\\{([^/}]+)}");
    /** Keywords a schema in the document may use: anything else is a typo that would silently validate nothing. */
    private static final Set<String> SCHEMA_KEYWORDS = Set.of("type", "properties", "required", "additionalProperties",
            "items", "prefixItems", "enum", "const", "oneOf", "anyOf", "allOf", "not", "$ref", "pattern", "minLength",
            "maxLength", "minimum", "maximum", "exclusiveMinimum", "minItems", "maxItems", "uniqueItems", "format",
            "description", "default", "unevaluatedProperties", "propertyNames", "contentMediaType", "if", "then",
            "else", "dependentRequired", "title", "patternProperties", "minProperties", "maxProperties", "examples",
            "contains", "deprecated");

    private final OpenApiValidator validator = OpenApiValidator.herald();
    private Herald herald;
    private Http http;

    @BeforeAll
    void start() {
        herald = Herald.start(STORE.config());
        http = Http.validating(herald.baseUrl());
    }

    @AfterAll
    void stop() {
        herald.close();
    }

    @Test
    void documentIsServedPubliclyByteForByte() {
        Http.Response r = http.get("/openapi.json", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.bytes()).isEqualTo(OpenApiRoutes.load());
        assertThat(r.json().path("openapi").asText()).isEqualTo("3.1.0");
    }

    @Test
    void everyServedRouteIsDocumentedAndEveryDocumentedOperationIsServed() {
        // Javalin's <param> (a parameter that may span segments) is documented as {param}.
        // The web console's pages are HTML for browsers, not API operations: they are not documented.
        Set<String> served = new TreeSet<>(herald.endpoints().stream()
                .filter(e -> !e.substring(e.indexOf(' ') + 1).startsWith("/console"))
                .map(e -> e.replace('<', '{').replace('>', '}')).toList());
        Set<String> documented = new TreeSet<>(validator.operations());
        assertThat(served).as("routes Javalin serves").isNotEmpty();
        assertThat(documented).as("operations in the assembled OpenAPI document").isEqualTo(served);
    }

    @Test
    void theMcpEndpointIsServedButDeliberatelyOutsideTheDocument() {
        // /mcp is MCP's Streamable HTTP transport (JSON-RPC 2.0 in one URL), not a REST operation: it is a
        // servlet beside Javalin's routes, so neither the route-coverage check above nor the document lists
        // it. It is guarded all the same (see docs/voice.md, "MCP").
        assertThat(validator.operations()).noneMatch(op -> op.endsWith(" /mcp"));
        assertThat(herald.endpoints()).noneMatch(e -> e.endsWith(" /mcp"));
        Http.Response r = http.unvalidated().send("POST", "/mcp", null, "application/json",
                "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.contentType()).startsWith("application/problem+json");
    }

    @Test
    void protectedOperationsAnswer401WithoutAKeyAndPublicOnesDoNot() {
        JsonNode doc = validator.document();
        boolean globallyProtected = !doc.path("security").isEmpty();
        List<String> checked = new ArrayList<>();
        for (String op : validator.operations()) {
            String method = op.substring(0, op.indexOf(' '));
            String template = op.substring(op.indexOf(' ') + 1);
            JsonNode operation = doc.path("paths").path(template).path(method.toLowerCase(java.util.Locale.ROOT));
            boolean isProtected = operation.has("security") ? !operation.path("security").isEmpty() : globallyProtected;
            String path = PARAM.matcher(template).replaceAll("x");
            byte[] body = method.equals("GET") ? null : "{}".getBytes(StandardCharsets.UTF_8);
            Http.Response r = http.send(method, path, null, body == null ? null : "application/json", body);
            if (isProtected) {
                assertThat(r.status()).as(op + " without a key").isEqualTo(401);
            } else {
                assertThat(r.status()).as(op + " is public").isNotEqualTo(401);
            }
            checked.add(op);
        }
        assertThat(checked).hasSameSizeAs(validator.operations());
    }

    @Test
    void everyOperationDeclaresWhichKeysItAcceptsAndPublicOnesAloneNeedNoSecurity() {
        JsonNode doc = validator.document();
        Set<String> vocabulary = Set.of("public", "any", "project", "admin");
        for (String op : validator.operations()) {
            String method = op.substring(0, op.indexOf(' ')).toLowerCase(java.util.Locale.ROOT);
            JsonNode operation = doc.path("paths").path(op.substring(op.indexOf(' ') + 1)).path(method);
            String access = operation.path(RouteAccess.EXTENSION).asText("");
            assertThat(access).as(op + " " + RouteAccess.EXTENSION).isIn(vocabulary);
            boolean noSecurity = operation.has("security") && operation.path("security").isEmpty();
            assertThat(noSecurity).as(op + ": security [] exactly when public").isEqualTo(access.equals("public"));
            if (access.equals("project") || access.equals("admin")) {
                assertThat(operation.path("responses").has("403")).as(op + " documents its 403").isTrue();
            }
        }
    }

    @Test
    void aServerWithARouteThatDeclaresNoAccessDoesNotStart() {
        List<java.util.function.Function<dev.herald.server.Services, dev.herald.platform.Feature>> undeclared =
                List.of(s -> router -> router.get("/v1/undeclared", ctx -> ctx.result("open")));
        assertThatThrownBy(() -> Herald.start(STORE.config(), undeclared))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("GET /v1/undeclared");
    }

    @Test
    void documentIsWellFormed() {
        JsonNode doc = validator.document();
        assertThat(doc.path("openapi").asText()).isEqualTo("3.1.0");
        Set<String> operationIds = new HashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            Set<String> templateParams = new TreeSet<>();
            Matcher m = PARAM.matcher(path.getKey());
            while (m.find()) {
                templateParams.add(m.group(1));
            }
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (op.getKey().equals("parameters")) {
                    continue;
                }
                String where = op.getKey() + " " + path.getKey();
                assertThat(operationIds.add(op.getValue().path("operationId").asText())).as(where + " operationId unique")
                        .isTrue();
                JsonNode responses = op.getValue().path("responses");
                assertThat(responses.isEmpty()).as(where + " has responses").isFalse();
                assertThat(responses.has("default")).as(where + " must list statuses, not 'default'").isFalse();
                Set<String> declared = new TreeSet<>();
                collectPathParams(doc, path.getValue().path("parameters"), declared);
                collectPathParams(doc, op.getValue().path("parameters"), declared);
                assertThat(declared).as(where + " path parameters").isEqualTo(templateParams);
                responses.fields().forEachRemaining(r -> checkResponse(doc, where + " " + r.getKey(), r.getKey(), r.getValue()));
            }
        }
        checkRefsAndKeywords(doc, doc, "#", false);
    }

    @Test
    void validatorRejectsUndocumentedRoutesStatusesBodiesAndMediaTypes() {
        Http.Response okHealth = response(200, "application/json", "{\"status\":\"ok\"}");
        assertThat(validator.validate("GET", "/healthz", okHealth).template()).isEqualTo("/healthz");

        assertThatThrownBy(() -> validator.validate("GET", "/nope", okHealth))
                .isInstanceOf(AssertionError.class).hasMessageContaining("no operation");
        assertThatThrownBy(() -> validator.validate("DELETE", "/healthz", okHealth))
                .isInstanceOf(AssertionError.class).hasMessageContaining("no operation");
        assertThatThrownBy(() -> validator.validate("GET", "/healthz", response(201, "application/json", "{\"status\":\"ok\"}")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("status not documented");
        assertThatThrownBy(() -> validator.validate("GET", "/healthz", response(200, "application/json", "{\"status\":\"ok\",\"x\":1}")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("x");
        assertThatThrownBy(() -> validator.validate("GET", "/healthz", response(200, "text/html", "{\"status\":\"ok\"}")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("media type text/html");
        assertThatThrownBy(() -> validator.validate("GET", "/healthz", response(200, "application/json", "{\"status\":\"ok\"} {}")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("not strict JSON");

        // A problem without its required members, through a $ref'd response component.
        assertThatThrownBy(() -> validator.validate("GET", "/readyz", response(503, "application/problem+json", "{\"title\":\"x\"}")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("type").hasMessageContaining("status");
        // A 401 must carry its WWW-Authenticate challenge.
        String problem = "{\"type\":\"urn:herald:problem:unauthorized\",\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"no\"}";
        assertThatThrownBy(() -> validator.validate("GET", "/v1/me", response(401, "application/problem+json", problem)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("WWW-Authenticate");
        // Path templates match one segment per parameter, queries are ignored.
        Http.Response notFound = response(404, "application/problem+json",
                problem.replace("unauthorized", "not-found").replace("401", "404"));
        assertThat(validator.validate("GET", "/v1/projects/abc?x=1", notFound).template()).isEqualTo("/v1/projects/{project}");
        assertThatThrownBy(() -> validator.validate("GET", "/v1/projects/a/b", notFound)).isInstanceOf(AssertionError.class);
    }

    private static Http.Response response(int status, String contentType, String body) {
        HttpHeaders headers = HttpHeaders.of(Map.of("Content-Type", List.of(contentType)), (a, b) -> true);
        return new Http.Response(status, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode deref(JsonNode doc, JsonNode node) {
        JsonNode current = node;
        while (current.has("$ref")) {
            current = doc.at(current.path("$ref").asText().substring(1));
        }
        return current;
    }

    private static void collectPathParams(JsonNode doc, JsonNode parameters, Set<String> into) {
        for (JsonNode p : parameters) {
            JsonNode param = deref(doc, p);
            if (param.path("in").asText().equals("path")) {
                assertThat(param.path("required").asBoolean()).as("path parameter " + param.path("name") + " required").isTrue();
                into.add(param.path("name").asText());
            }
        }
    }

    /** Every error response is problem+json described by the one Problem component (or its validation refinement). */
    private static void checkResponse(JsonNode doc, String where, String status, JsonNode response) {
        JsonNode resolved = deref(doc, response);
        assertThat(resolved.path("description").asText()).as(where + " description").isNotBlank();
        if (status.startsWith("4") || status.startsWith("5")) {
            JsonNode content = resolved.path("content");
            assertThat(content.size()).as(where + " has exactly one media type").isEqualTo(1);
            JsonNode media = content.has("application/problem+json") ? content.path("application/problem+json")
                    : content.path("application/json");
            String ref = media.path("schema").path("$ref").asText();
            // The Ratify registry's 404 is the fixed body {} that SPEC 13.1 prescribes.
            assertThat(ref).as(where + " is a problem").isIn("#/components/schemas/Problem",
                    "#/components/schemas/ValidationProblem", "#/components/schemas/DecisionProblem",
                    "#/components/schemas/RegistryNotFound");
        }
    }

    /** Every local $ref resolves; schema objects use only known keywords. */
    private static void checkRefsAndKeywords(JsonNode doc, JsonNode node, String where, boolean inSchema) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkRefsAndKeywords(doc, node.get(i), where + "/" + i, inSchema);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        if (node.has("$ref")) {
            String ref = node.path("$ref").asText();
            assertThat(ref).as(where).startsWith("#/");
            assertThat(doc.at(ref.substring(1)).isMissingNode()).as(where + " -> " + ref + " resolves").isFalse();
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            String child = where + "/" + key;
            if (inSchema) {
                assertThat(SCHEMA_KEYWORDS).as("schema keyword at " + child).contains(key);
                switch (key) {
                    case "properties", "patternProperties", "$defs" -> e.getValue().fields().forEachRemaining(
                            p -> checkRefsAndKeywords(doc, p.getValue(), child + "/" + p.getKey(), true));
                    case "items", "additionalProperties", "not", "if", "then", "else", "unevaluatedProperties",
                         "propertyNames", "contains", "oneOf", "anyOf", "allOf", "prefixItems" ->
                            checkRefsAndKeywords(doc, e.getValue(), child, true);
                    default -> {
                    }
                }
            } else if (key.equals("schema")) {
                checkRefsAndKeywords(doc, e.getValue(), child, true);
            } else if (key.equals("schemas") && where.equals("#/components")) {
                e.getValue().fields().forEachRemaining(
                        s -> checkRefsAndKeywords(doc, s.getValue(), child + "/" + s.getKey(), true));
            } else {
                checkRefsAndKeywords(doc, e.getValue(), child, false);
            }
        }
    }
}
