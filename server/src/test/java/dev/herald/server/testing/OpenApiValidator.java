package dev.herald.server.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import dev.herald.server.ops.OpenApiRoutes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks an HTTP response against Herald's OpenAPI document (the one {@code OpenApiDocument}
 * assembles from the modules' {@code openapi/*.json} fragments and serves at {@code /openapi.json}):
 * the request's path and method must match an operation, the status must be one the operation lists (no {@code default} fallback), the media type one the
 * response lists, required response headers present and valid, and the body valid against the
 * response's JSON Schema (2020-12, {@code $ref}s to components resolved inside the document).
 * Anything else is an {@link AssertionError} naming the operation and every violation.
 *
 * <p>Thread-safe: compiled schemas are cached per JSON pointer.
 */
public final class OpenApiValidator {
    /** The document's base IRI for {@code $ref} resolution; never fetched, the loader serves the file. */
    private static final String BASE = "https://herald.invalid/openapi.json";
    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final Pattern TEMPLATE_PARAM = Pattern.compile("\\{[^/}]+}");
    private static volatile OpenApiValidator herald;

    private final JsonNode document;
    private final SchemaRegistry registry;
    private final List<PathTemplate> templates;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private record PathTemplate(String template, Pattern pattern, int literalLength) {
    }

    /** What a response matched in the document: the operation and status key, for reports. */
    public record Match(String method, String template, String status) {
    }

    private OpenApiValidator(byte[] documentBytes) {
        try {
            this.document = STRICT.readTree(documentBytes);
        } catch (IOException e) {
            throw new UncheckedIOException("the OpenAPI document is not JSON", e);
        }
        String text = new String(documentBytes, StandardCharsets.UTF_8);
        // The document's own members are not schema keywords; declare them so they are ignored quietly.
        Dialect dialect = Dialect.builder(Dialects.getDraft202012())
                .keywords(Stream.of("openapi", "jsonSchemaDialect", "info", "servers", "security", "tags", "paths",
                        "components", "webhooks", "externalDocs").map(NonValidationKeyword::new).toList())
                .build();
        this.registry = SchemaRegistry.withDialect(dialect, b -> b.schemas(Map.of(BASE, text))
                .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
        List<PathTemplate> list = new ArrayList<>();
        for (Iterator<String> it = document.path("paths").fieldNames(); it.hasNext(); ) {
            String template = it.next();
            list.add(new PathTemplate(template, compile(template), TEMPLATE_PARAM.matcher(template).replaceAll("").length()));
        }
        // Literal segments win over parameters: /tsa/root.pem before a hypothetical /tsa/{x}.
        list.sort(Comparator.comparingInt(PathTemplate::literalLength).reversed());
        this.templates = List.copyOf(list);
    }

    /** The validator for the document Herald serves (loaded once). */
    public static OpenApiValidator herald() {
        OpenApiValidator v = herald;
        if (v == null) {
            synchronized (OpenApiValidator.class) {
                if (herald == null) {
                    herald = new OpenApiValidator(OpenApiRoutes.load());
                }
                v = herald;
            }
        }
        return v;
    }

    public JsonNode document() {
        return document;
    }

    /** Every operation of the document as {@code "METHOD template"}. */
    public List<String> operations() {
        List<String> ops = new ArrayList<>();
        for (PathTemplate t : templates) {
            for (Iterator<String> it = document.path("paths").path(t.template()).fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (isMethod(key)) {
                    ops.add(key.toUpperCase(Locale.ROOT) + " " + t.template());
                }
            }
        }
        return ops;
    }

    /**
     * Validates one response. {@code target} is the request's path, with or without a query string.
     *
     * @throws AssertionError listing every way the response departs from the document
     */
    public Match validate(String method, String target, Http.Response response) {
        String path = URI.create(target).getRawPath();
        String verb = method.toLowerCase(Locale.ROOT);
        PathTemplate template = templates.stream().filter(t -> t.pattern().matcher(path).matches())
                .filter(t -> document.path("paths").path(t.template()).has(verb))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no operation in the OpenAPI document for " + method + " " + path
                        + " (answered " + response.status() + ": " + abbreviate(response.body()) + ")"));
        String operationPointer = "/paths/" + escape(template.template()) + "/" + verb;
        String where = method + " " + template.template() + " -> " + response.status();
        JsonNode responses = document.at(operationPointer + "/responses");
        String status = String.valueOf(response.status());
        String statusKey = responses.has(status) ? status : status.charAt(0) + "XX";
        if (!responses.has(statusKey)) {
            throw new AssertionError(where + ": status not documented (documented: " + fieldNames(responses)
                    + "); body: " + abbreviate(response.body()));
        }
        String responsePointer = resolveRef(operationPointer + "/responses/" + escape(statusKey));
        JsonNode responseObject = document.at(responsePointer);
        List<String> violations = new ArrayList<>();
        checkHeaders(responsePointer, responseObject, response, violations);
        checkBody(responsePointer, responseObject, response, violations);
        if (!violations.isEmpty()) {
            throw new AssertionError(where + " does not match the OpenAPI document:\n  - "
                    + String.join("\n  - ", violations) + "\nbody: " + abbreviate(response.body()));
        }
        return new Match(method.toUpperCase(Locale.ROOT), template.template(), statusKey);
    }

    /** Every way {@code body} departs from the document's problem schema ({@code components/schemas/Problem}). */
    public List<String> problemViolations(JsonNode body) {
        List<String> violations = new ArrayList<>();
        validateAgainst("/components/schemas/Problem", body, "problem", violations);
        return violations;
    }

    private void checkHeaders(String responsePointer, JsonNode responseObject, Http.Response response,
                              List<String> violations) {
        for (Iterator<String> it = responseObject.path("headers").fieldNames(); it.hasNext(); ) {
            String name = it.next();
            String headerPointer = resolveRef(responsePointer + "/headers/" + escape(name));
            JsonNode header = document.at(headerPointer);
            String value = response.header(name);
            if (value == null) {
                if (header.path("required").asBoolean(false)) {
                    violations.add("required header " + name + " is missing");
                }
                continue;
            }
            if (header.has("schema")) {
                validateAgainst(headerPointer + "/schema", TextNode.valueOf(value), "header " + name, violations);
            }
        }
    }

    private void checkBody(String responsePointer, JsonNode responseObject, Http.Response response,
                           List<String> violations) {
        JsonNode content = responseObject.path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            if (response.bytes().length > 0) {
                violations.add("the document defines no body, but one was sent");
            }
            return;
        }
        String contentType = response.contentType();
        if (contentType == null) {
            violations.add("no Content-Type; documented: " + fieldNames(content));
            return;
        }
        String media = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!content.has(media)) {
            violations.add("media type " + media + " is not documented (documented: " + fieldNames(content) + ")");
            return;
        }
        String schemaPointer = responsePointer + "/content/" + escape(media) + "/schema";
        if (document.at(schemaPointer).isMissingNode()) {
            return;
        }
        if (isJson(media)) {
            JsonNode body;
            try {
                body = STRICT.readTree(response.bytes());
            } catch (JsonProcessingException e) {
                violations.add("body is not strict JSON: " + e.getOriginalMessage());
                return;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            validateAgainst(schemaPointer, body, "body", violations);
        } else if (media.startsWith("text/") || media.endsWith("pem-file")) {
            validateAgainst(schemaPointer, TextNode.valueOf(response.body()), "body", violations);
        } else if (response.bytes().length == 0) {
            violations.add("empty " + media + " body");
        }
    }

    private void validateAgainst(String pointer, JsonNode value, String what, List<String> violations) {
        Schema schema = schemas.computeIfAbsent(pointer, p -> registry.getSchema(SchemaLocation.of(BASE + "#" + p)));
        List<Error> errors = schema.validate(value);
        for (Error m : errors) {
            violations.add(what + ": " + m.getMessage());
        }
    }

    /** Follows {@code $ref}s of response and header objects (local references only). */
    private String resolveRef(String pointer) {
        String current = pointer;
        for (int hops = 0; hops < 10; hops++) {
            JsonNode node = document.at(current);
            if (node.isMissingNode()) {
                throw new AssertionError("the OpenAPI document has no " + current);
            }
            JsonNode ref = node.get("$ref");
            if (ref == null) {
                return current;
            }
            if (!ref.asText().startsWith("#/")) {
                throw new AssertionError("only local $refs are supported, got " + ref.asText() + " at " + current);
            }
            current = ref.asText().substring(1);
        }
        throw new AssertionError("$ref cycle at " + pointer);
    }

    private static boolean isJson(String media) {
        return media.equals("application/json") || media.endsWith("+json");
    }

    static boolean isMethod(String key) {
        return switch (key) {
            case "get", "put", "post", "delete", "patch", "head", "options", "trace" -> true;
            default -> false;
        };
    }

    private static Pattern compile(String template) {
        StringBuilder regex = new StringBuilder();
        Matcher m = TEMPLATE_PARAM.matcher(template);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start()))).append("[^/]+");
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        return Pattern.compile(regex.toString());
    }

    /** JSON pointer escaping (RFC 6901). */
    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String abbreviate(String s) {
        return s.length() <= 600 ? s : s.substring(0, 600) + "...";
    }
}
