package dev.herald.evidence.keys;

import dev.herald.evidence.json.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/** A raw 32-byte Ed25519 issuer public key. */
public record IssuerPublicKey(byte[] raw) {
    public static final String PREFIX = "ed25519:";

    public IssuerPublicKey {
        if (raw == null || raw.length != Ed25519PublicKeyParameters.KEY_SIZE) {
            throw new IllegalArgumentException("Ed25519 public key must be 32 bytes");
        }
        raw = raw.clone();
    }

    @Override
    public byte[] raw() {
        return raw.clone();
    }

    /**
     * Parses base64 of the raw key, with or without the {@code ed25519:} prefix. Returns null for
     * anything else, so verifiers can report a bad key instead of catching an exception.
     */
    public static IssuerPublicKey parse(String text) {
        if (text == null) {
            return null;
        }
        String b64 = text.startsWith(PREFIX) ? text.substring(PREFIX.length()) : text;
        try {
            byte[] raw = Base64.getDecoder().decode(b64);
            return raw.length == 32 ? new IssuerPublicKey(raw) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** {@code ed25519:} + standard base64 of the raw key: the form Herald writes. */
    public String encoded() {
        return PREFIX + Base64.getEncoder().encodeToString(raw);
    }

    /**
     * Herald's key id: {@code sha256:} + the first 16 bytes (32 hex digits) of SHA-256 over the raw
     * key. Published Keel samples use this form and also one hashed over the prefixed text form;
     * {@link #matchesKeyId} accepts both.
     */
    public String keyId() {
        return keyIdOver(raw);
    }

    public boolean matchesKeyId(String keyId) {
        return keyId != null
                && (keyId.equals(keyId())
                        || keyId.equals(keyIdOver(encoded().getBytes(StandardCharsets.US_ASCII))));
    }

    private static String keyIdOver(byte[] data) {
        return Sha256.PREFIX + HexFormat.of().formatHex(Arrays.copyOf(Sha256.of(data).digest(), 16));
    }

    /** Verifies a 64-byte Ed25519 signature; false for any malformed input. */
    public boolean verify(byte[] message, byte[] signature) {
        if (signature == null || signature.length != 64) {
            return false;
        }
        return JdkEd25519.verify(raw, message, signature);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IssuerPublicKey other && MessageDigest.isEqual(raw, other.raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return encoded();
    }
}
