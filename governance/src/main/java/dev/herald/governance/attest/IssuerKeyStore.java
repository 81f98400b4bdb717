package dev.herald.governance.attest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.evidence.keys.IssuerKeyPair;
import dev.herald.evidence.keys.IssuerPublicKey;
import dev.herald.evidence.keys.KeyRing;
import dev.herald.evidence.keys.KeyWindow;
import dev.herald.platform.store.SecretFiles;
import dev.herald.platform.store.StoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Ed25519 key ring that signs attestation artifacts and exports, in the data directory:
 * {@code issuer/issuer-keys.json} (owner-only) holds the active seed, the public keys of
 * retired ones and the window in which each key signed (published, so verifiers accept a retired
 * key only for what it signed while active). Created on first start; every process sharing the directory signs with the same
 * key. {@link #rotate} retires the active key and writes a fresh one.
 */
public final class IssuerKeyStore {
    static final String FILE = "issuer-keys.json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private IssuerKeyStore() {}

    public static Path file(Path dataDir) {
        return dataDir.resolve("issuer").resolve(FILE);
    }

    public static KeyRing loadOrCreate(Path dataDir, SecureRandom random) {
        Path file = file(dataDir);
        try {
            if (!Files.exists(file)) {
                write(file, KeyRing.of(IssuerKeyPair.generate(random), Instant.now()), false);
            }
            return read(file);
        } catch (IOException | RuntimeException e) {
            throw new StoreException("cannot load or create the issuer keys in " + file.getParent() + ": " + e.getMessage(), e);
        }
    }

    /** Retires the active key; artifacts signed before stay verifiable with the retired public key. */
    public static KeyRing rotate(Path dataDir, SecureRandom random) {
        KeyRing next = loadOrCreate(dataDir, random).rotateTo(IssuerKeyPair.generate(random), Instant.now());
        try {
            write(file(dataDir), next, true);
        } catch (IOException e) {
            throw new StoreException("cannot write the issuer keys: " + e.getMessage(), e);
        }
        return next;
    }

    private static KeyRing read(Path file) throws IOException {
        JsonNode doc = MAPPER.readTree(Files.readString(file, StandardCharsets.US_ASCII));
        IssuerKeyPair active = IssuerKeyPair.fromBase64Seed(doc.path("active_seed").asText());
        List<IssuerPublicKey> retired = new ArrayList<>();
        for (JsonNode k : doc.path("retired_public_keys")) {
            retired.add(IssuerPublicKey.parse(k.asText()));
        }
        // Files written before windows were recorded have none: those keys stay unbounded.
        Map<IssuerPublicKey, KeyWindow> windows = new HashMap<>();
        for (JsonNode w : doc.path("key_windows")) {
            windows.put(IssuerPublicKey.parse(w.path("public_key").asText()), new KeyWindow(
                    instant(w.get("valid_from")), instant(w.get("valid_until"))));
        }
        return new KeyRing(active, retired, windows);
    }

    private static Instant instant(JsonNode v) {
        return v == null || v.isNull() ? null : Instant.parse(v.asText());
    }

    private static void write(Path file, KeyRing ring, boolean replace) throws IOException {
        ObjectNode doc = MAPPER.createObjectNode();
        doc.put("active_seed", ring.active().seedBase64());
        var retired = doc.putArray("retired_public_keys");
        ring.retired().forEach(k -> retired.add(k.encoded()));
        var windows = doc.putArray("key_windows");
        ring.windows().forEach((key, w) -> {
            ObjectNode entry = windows.addObject().put("public_key", key.encoded());
            entry.put("valid_from", w.validFrom() == null ? null : w.validFrom().toString());
            entry.put("valid_until", w.validUntil() == null ? null : w.validUntil().toString());
        });
        if (replace) {
            SecretFiles.replace(file, doc.toString());
        } else {
            SecretFiles.createIfAbsent(file, doc.toString());
        }
    }
}
