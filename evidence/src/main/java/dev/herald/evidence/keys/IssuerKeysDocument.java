package dev.herald.evidence.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.evidence.json.Json;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The issuer keys an install publishes at {@code /.well-known/herald/issuer-keys.json}, and what a
 * verifier reads from a saved copy of it:
 * {@code {"keys":[{"key_id","algorithm":"ed25519","public_key","status":"active"|"retired",
 * "valid_from"?, "valid_until"?}]}}, the active key first. {@code valid_from}/{@code valid_until}
 * (RFC 3339) bound when a key signed; absent means unbounded (keys created before windows were
 * recorded). Immutable.
 */
public record IssuerKeysDocument(List<Entry> keys) {
    public IssuerKeysDocument {
        keys = List.copyOf(keys);
    }

    /** One published key and the window in which it signed. */
    public record Entry(IssuerPublicKey key, String status, KeyWindow window) {}

    /** The document for a key ring, as the server publishes it. */
    public static ObjectNode json(KeyRing ring) {
        ObjectNode doc = Json.object();
        ArrayNode keys = doc.putArray("keys");
        for (IssuerPublicKey k : ring.verificationKeys()) {
            ObjectNode entry = keys.addObject();
            entry.put("key_id", k.keyId());
            entry.put("algorithm", "ed25519");
            entry.put("public_key", k.encoded());
            entry.put("status", k.equals(ring.active().publicKey()) ? "active" : "retired");
            KeyWindow w = ring.window(k);
            if (w.validFrom() != null) {
                entry.put("valid_from", w.validFrom().toString());
            }
            if (w.validUntil() != null) {
                entry.put("valid_until", w.validUntil().toString());
            }
        }
        return doc;
    }

    /** Reads a saved document; throws IllegalArgumentException naming what is wrong. */
    public static IssuerKeysDocument parse(byte[] json) {
        JsonNode doc;
        try {
            doc = Json.parse(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JSON document");
        }
        JsonNode keys = doc.path("keys");
        if (!keys.isArray() || keys.isEmpty()) {
            throw new IllegalArgumentException("has no \"keys\" array");
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            JsonNode k = keys.get(i);
            String where = "keys[" + i + "]";
            if (!"ed25519".equals(k.path("algorithm").asText("ed25519"))) {
                throw new IllegalArgumentException(where + ".algorithm is not ed25519");
            }
            IssuerPublicKey key = IssuerPublicKey.parse(k.path("public_key").asText(null));
            if (key == null) {
                throw new IllegalArgumentException(where + ".public_key is not an Ed25519 public key");
            }
            if (k.has("key_id") && !key.matchesKeyId(k.path("key_id").asText())) {
                throw new IllegalArgumentException(where + ".key_id does not derive from public_key");
            }
            entries.add(new Entry(key, k.path("status").asText(""),
                    new KeyWindow(instant(k, "valid_from", where), instant(k, "valid_until", where))));
        }
        return new IssuerKeysDocument(entries);
    }

    public Optional<Entry> find(IssuerPublicKey key) {
        return keys.stream().filter(e -> e.key().equals(key)).findFirst();
    }

    private static Instant instant(JsonNode k, String member, String where) {
        JsonNode v = k.get(member);
        if (v == null || v.isNull()) {
            return null;
        }
        try {
            return Instant.parse(v.asText());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(where + "." + member + " is not an RFC 3339 instant");
        }
    }
}
