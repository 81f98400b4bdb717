package dev.herald.governance.identity;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.ratify.Bytes;
import dev.herald.ratify.HybridKeyPair;
import dev.herald.platform.store.SecretFiles;
import dev.herald.platform.store.StoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * The install's Ratify verifier key: the hybrid Ed25519 + ML-DSA-65 key that signs verification
 * receipts (SPEC 17.5 requires a hybrid signature, which the Ed25519 issuer key cannot give). It
 * lives in the data directory as {@code ratify/verifier-key.json} (owner-only; the two 32-byte
 * seeds), is created on first start, and every process sharing the directory signs with it.
 */
public final class VerifierKeyStore {
    static final String FILE = "verifier-key.json";
    static final String KIND = "herald.ratify-verifier-key.v1";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private VerifierKeyStore() {}

    /** The file's content: its kind and the two 32-byte seeds in base64. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record KeyFile(@JsonProperty("kind") String kind, @JsonProperty("ed25519_seed") String ed25519Seed,
                   @JsonProperty("ml_dsa_65_seed") String mlDsa65Seed) {
    }

    public static Path file(Path dataDir) {
        return dataDir.resolve("ratify").resolve(FILE);
    }

    public static HybridKeyPair loadOrCreate(Path dataDir, SecureRandom random) {
        Path file = file(dataDir);
        try {
            if (!Files.exists(file)) {
                HybridKeyPair fresh = HybridKeyPair.generate(random);
                KeyFile doc = new KeyFile(KIND, fresh.ed25519Seed().toBase64(), fresh.mlDsa65Seed().toBase64());
                SecretFiles.createIfAbsent(file, MAPPER.writeValueAsString(doc));
            }
            return read(file);
        } catch (IOException | RuntimeException e) {
            throw new StoreException("cannot load or create the Ratify verifier key in " + file.getParent()
                    + ": " + e.getMessage(), e);
        }
    }

    /** The key of an existing install (for the CLI); fails when the server never created one. */
    public static HybridKeyPair load(Path dataDir) {
        Path file = file(dataDir);
        if (!Files.exists(file)) {
            throw new StoreException("no Ratify verifier key at " + file + " (start the server once to create it)", null);
        }
        try {
            return read(file);
        } catch (IOException | RuntimeException e) {
            throw new StoreException("cannot read the Ratify verifier key " + file + ": " + e.getMessage(), e);
        }
    }

    private static HybridKeyPair read(Path file) throws IOException {
        KeyFile doc = MAPPER.readValue(Files.readString(file, StandardCharsets.US_ASCII), KeyFile.class);
        if (!KIND.equals(doc.kind()) || doc.ed25519Seed() == null || doc.mlDsa65Seed() == null) {
            throw new IOException("not a " + KIND + " file");
        }
        return HybridKeyPair.fromSeeds(Bytes.fromBase64(doc.ed25519Seed()), Bytes.fromBase64(doc.mlDsa65Seed()));
    }
}
