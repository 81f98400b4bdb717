package dev.herald.platform.idempotency;

import dev.herald.evidence.json.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * What identifies a keyed request, so a retry can be told from a different request under a used
 * key: SHA-256 over the parts that make the request what it is, each followed by a NUL byte except
 * the last ({@code method NUL path NUL body} for an {@code Idempotency-Key}; the body alone for a
 * key that belongs to one route of one resource). Stored as 64 lowercase hex digits.
 */
public record Fingerprint(String hex) {
    private static final byte[] SEPARATOR = {0};

    public Fingerprint {
        if (Sha256.parseHex(hex) == null) {
            throw new IllegalArgumentException("a fingerprint is 64 lowercase hex digits");
        }
    }

    /** The fingerprint of a request made of these parts, in order. */
    public static Fingerprint of(byte[]... parts) {
        byte[][] joined = new byte[Math.max(0, parts.length * 2 - 1)][];
        for (int i = 0; i < parts.length; i++) {
            joined[i * 2] = parts[i];
            if (i > 0) {
                joined[i * 2 - 1] = SEPARATOR;
            }
        }
        return new Fingerprint(Sha256.ofParts(joined).hex());
    }

    /** The fingerprint of a request identified by its method, path and body (any {@code Idempotency-Key}). */
    public static Fingerprint ofRequest(String method, String path, byte[] body) {
        return of(method.getBytes(StandardCharsets.UTF_8), path.getBytes(StandardCharsets.UTF_8), body);
    }

    /** Compared in constant time, as every secret-derived value is. */
    public boolean matches(Fingerprint other) {
        return MessageDigest.isEqual(hex.getBytes(StandardCharsets.US_ASCII),
                other.hex.getBytes(StandardCharsets.US_ASCII));
    }
}
