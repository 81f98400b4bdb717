package dev.herald.server.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Herald's one OpenAPI 3.1 document, assembled from the fragments the modules ship beside the
 * routes they describe: each fragment holds the {@code tags}, {@code paths} and {@code components}
 * its package owns, the shared components (problems, common parameters and headers, the security
 * scheme, generic value formats) are in platform's, and the server's own fragment holds the
 * document's head ({@code openapi}, {@code info}, {@code servers}, {@code security}, ...).
 *
 * <p>Assembly refuses, naming the fragments involved, anything that would make the document say
 * less than its fragments do: an operation of a path (or another member of a path item), a
 * component, tag or head member declared twice (the second would silently replace the first; two
 * fragments may share a path when each declares its own operations, as when one package lists
 * what another creates), a duplicate key inside one fragment, a top-level member it
 * does not know, a {@code $ref} no fragment declares, an operation tagged with an undeclared tag.
 */
public final class OpenApiDocument {
    /**
     * The classpath resources Herald's document is assembled from, in the order their tags, paths
     * and components appear in it. A module that adds a fragment lists it here; its routes are
     * otherwise undocumented, which {@code RouteAccess} refuses at start.
     */
    public static final List<String> FRAGMENTS = List.of(
            "openapi/server.json",
            "openapi/platform.json",
            "openapi/identity.json",
            "openapi/platforms.json",
            "openapi/policy.json",
            "openapi/realtime.json",
            "openapi/attest.json",
            "openapi/voice/profiles.json",
            "openapi/voice/numbers.json",
            "openapi/voice/recordings.json",
            "openapi/voice/retention.json",
            "openapi/voice/settings.json",
            "openapi/voice/crm.json",
            "openapi/voice/knowledge.json",
            "openapi/voice/calendar.json",
            "openapi/voice/calls-placement.json",
            "openapi/voice/campaigns.json",
            "openapi/voice/testcalls.json",
            "openapi/voice/calls-read.json",
            "openapi/voice/follow-ups.json");

    /** Members of the document's head: each comes from exactly one fragment. */
    private static final List<String> HEAD = List.of("openapi", "jsonSchemaDialect", "info", "servers", "security");
    /** Members every fragment may contribute to. */
    private static final List<String> MERGED = List.of("tags", "paths", "components");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");
    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    // Two spaces and \n on every platform, so the served bytes do not depend on where Herald runs.
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter(Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)).withObjectIndenter(new DefaultIndenter("  ", "\n"));
    /** Assembled once; racing first calls assemble the same bytes, so a plain volatile suffices. */
    private static volatile byte[] heraldDocument;

    /** One fragment: where it came from (for messages) and its JSON text. */
    public record Fragment(String name, byte[] json) {
        public Fragment {
            json = json.clone();
        }

        @Override
        public byte[] json() {
            return json.clone();
        }
    }

    private OpenApiDocument() {}

    /**
     * Herald's document as served, assembled from {@link #FRAGMENTS} on first use (the fragments
     * never change at run time). A failing assembly throws its own message on every call.
     */
    public static byte[] herald() {
        byte[] document = heraldDocument;
        if (document == null) {
            document = assemble(FRAGMENTS.stream().map(OpenApiDocument::resource).toList());
            heraldDocument = document;
        }
        return document.clone();
    }

    /** Reads a fragment from the classpath; a missing one is an error. */
    public static Fragment resource(String name) {
        try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing OpenAPI fragment " + name + " on the classpath");
            }
            return new Fragment(name, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read OpenAPI fragment " + name, e);
        }
    }

    /**
     * Merges the fragments into one document (pretty-printed UTF-8 JSON).
     *
     * @throws IllegalStateException naming the fragment(s) when the fragments do not make one document
     */
    public static byte[] assemble(List<Fragment> fragments) {
        Map<String, JsonNode> parsed = new LinkedHashMap<>();
        for (Fragment f : fragments) {
            if (parsed.put(f.name(), parse(f)) != null) {
                throw new IllegalStateException("OpenAPI fragment " + f.name() + " is listed twice");
            }
        }
        ObjectNode doc = merge(parsed);
        parsed.forEach((name, fragment) -> checkReferences(doc, name, fragment, "#"));
        checkTags(doc, parsed);
        try {
            return (STRICT.writer(PRETTY).writeValueAsString(doc) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the OpenAPI document", e);
        }
    }

    private static JsonNode parse(Fragment f) {
        JsonNode node;
        try {
            node = STRICT.readTree(f.json());
        } catch (IOException e) {
            throw new IllegalStateException("OpenAPI fragment " + f.name() + " is not JSON (or repeats a key): "
                    + e.getMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalStateException("OpenAPI fragment " + f.name() + " is not a JSON object");
        }
        node.fieldNames().forEachRemaining(member -> {
            if (!HEAD.contains(member) && !MERGED.contains(member)) {
                throw new IllegalStateException("OpenAPI fragment " + f.name() + " has top-level member '" + member
                        + "'; a fragment holds " + MERGED + " and the server's also " + HEAD);
            }
        });
        return node;
    }

    private static ObjectNode merge(Map<String, JsonNode> fragments) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode doc = json.objectNode();
        Map<String, String> owners = new HashMap<>();
        for (String member : HEAD) {
            fragments.forEach((name, f) -> {
                if (f.has(member)) {
                    claim(owners, "head member '" + member + "'", name);
                    doc.set(member, f.get(member));
                }
            });
        }
        for (String member : List.of("openapi", "info")) {
            if (!doc.has(member)) {
                throw new IllegalStateException("no OpenAPI fragment gives the document's '" + member + "'");
            }
        }
        ArrayNode tags = json.arrayNode();
        ObjectNode paths = json.objectNode();
        ObjectNode components = json.objectNode();
        fragments.forEach((name, f) -> {
            for (JsonNode tag : f.path("tags")) {
                claim(owners, "tag '" + tag.path("name").asText() + "'", name);
                tags.add(tag);
            }
            // Two fragments may share a path (one package lists, another creates), never a member of it.
            f.path("paths").fields().forEachRemaining(p -> {
                ObjectNode item = paths.has(p.getKey()) ? (ObjectNode) paths.get(p.getKey())
                        : paths.putObject(p.getKey());
                p.getValue().fields().forEachRemaining(op -> {
                    claim(owners, "path " + p.getKey() + " member '" + op.getKey() + "'", name);
                    item.set(op.getKey(), op.getValue());
                });
            });
            f.path("components").fields().forEachRemaining(section -> {
                ObjectNode into = components.has(section.getKey()) ? (ObjectNode) components.get(section.getKey())
                        : components.putObject(section.getKey());
                section.getValue().fields().forEachRemaining(c -> {
                    claim(owners, "component " + section.getKey() + "/" + c.getKey(), name);
                    into.set(c.getKey(), c.getValue());
                });
            });
        });
        if (!tags.isEmpty()) {
            doc.set("tags", tags);
        }
        doc.set("paths", paths);
        if (!components.isEmpty()) {
            doc.set("components", components);
        }
        return doc;
    }

    /** Records who declared {@code what}; a second declaration is the error. */
    private static void claim(Map<String, String> owners, String what, String fragment) {
        String first = owners.putIfAbsent(what, fragment);
        if (first != null) {
            throw new IllegalStateException("OpenAPI " + what + " is declared by both " + first + " and " + fragment);
        }
    }

    /** Every {@code $ref} of a fragment points into the assembled document. */
    private static void checkReferences(JsonNode doc, String fragment, JsonNode node, String where) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkReferences(doc, fragment, node.get(i), where + "/" + i);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        JsonNode ref = node.get("$ref");
        if (ref != null && ref.isTextual()) {
            String target = ref.textValue();
            if (!target.startsWith("#/") || doc.at(target.substring(1)).isMissingNode()) {
                throw new IllegalStateException("OpenAPI fragment " + fragment + " refers at " + where + " to "
                        + target + ", which no fragment declares");
            }
        }
        node.fields().forEachRemaining(e -> checkReferences(doc, fragment, e.getValue(),
                where + "/" + e.getKey().replace("~", "~0").replace("/", "~1")));
    }

    /** Every operation's tags are declared in some fragment's {@code tags}. */
    private static void checkTags(JsonNode doc, Map<String, JsonNode> fragments) {
        List<String> declared = new ArrayList<>();
        doc.path("tags").forEach(t -> declared.add(t.path("name").asText()));
        fragments.forEach((name, f) -> f.path("paths").fields().forEachRemaining(path ->
                path.getValue().fields().forEachRemaining(op -> {
                    if (!METHODS.contains(op.getKey())) {
                        return;
                    }
                    for (JsonNode tag : op.getValue().path("tags")) {
                        if (!declared.contains(tag.asText())) {
                            throw new IllegalStateException("OpenAPI fragment " + name + ": " + op.getKey() + " "
                                    + path.getKey() + " is tagged '" + tag.asText() + "', which no fragment declares");
                        }
                    }
                })));
    }
}
