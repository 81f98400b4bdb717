package dev.herald.ratify.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.ratify.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** The 12 Ed25519 edge-case vectors of the shared reference ("Taming the many EdDSAs"), in order. */
final class EdgeCases {
    private EdgeCases() {}

    record Vector(int index, byte[] publicKey, byte[] message, byte[] signature) {
        Ed25519Batch.Item item() {
            return new Ed25519Batch.Item(publicKey, message, signature);
        }

        byte[] r() {
            return java.util.Arrays.copyOf(signature, 32);
        }

        java.math.BigInteger s() {
            return Scalars.fromLittleEndian(signature, 32, 32);
        }
    }

    static List<Vector> all() {
        try {
            JsonNode root = new ObjectMapper().readTree(Fixtures.reference("ed25519/speccheck-cases.json").toFile());
            List<Vector> out = new ArrayList<>();
            HexFormat hex = HexFormat.of();
            for (JsonNode v : root) {
                out.add(new Vector(out.size(), hex.parseHex(v.get("pub_key").asText()),
                        hex.parseHex(v.get("message").asText()), hex.parseHex(v.get("signature").asText())));
            }
            if (out.size() != 12) {
                throw new IllegalStateException("expected 12 edge-case vectors, found " + out.size());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
