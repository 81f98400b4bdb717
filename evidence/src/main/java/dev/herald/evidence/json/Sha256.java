package dev.herald.evidence.json;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A SHA-256 digest. The artifact format writes digests two ways: prefixed ({@code sha256:<hex>},
 * used for content hashes) and bare lowercase hex (used for the policy snapshot hash in session
 * metadata); both forms are produced and parsed here so no other class builds hash strings.
 */
public record Sha256(byte[] digest) {
    public static final String PREFIX = "sha256:";
    private static final HexFormat HEX = HexFormat.of();

    public Sha256 {
        if (digest == null || digest.length != 32) {
            throw new IllegalArgumentException("SHA-256 digest must be 32 bytes");
        }
        digest = digest.clone();
    }

    @Override
    public byte[] digest() {
        return digest.clone();
    }

    public static Sha256 of(byte[] data) {
        return new Sha256(newDigest().digest(data));
    }

    /** The digest of the parts written one after another (what an incremental digest computes). */
    public static Sha256 ofParts(byte[]... parts) {
        MessageDigest md = newDigest();
        for (byte[] part : parts) {
            md.update(part);
        }
        return new Sha256(md.digest());
    }

    public static Sha256 ofAscii(String text) {
        return of(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** {@code sha256:} followed by 64 lowercase hex digits. */
    public String prefixed() {
        return PREFIX + HEX.formatHex(digest);
    }

    /** 64 lowercase hex digits. */
    public String hex() {
        return HEX.formatHex(digest);
    }

    /** Parses {@code sha256:<64 lowercase hex>}; returns null when the text is not in that form. */
    public static Sha256 parsePrefixed(String text) {
        if (text == null || !text.startsWith(PREFIX)) {
            return null;
        }
        return parseHex(text.substring(PREFIX.length()));
    }

    /** Parses 64 lowercase hex digits; returns null when the text is not in that form. */
    public static Sha256 parseHex(String hex) {
        if (hex == null || hex.length() != 64) {
            return null;
        }
        for (int i = 0; i < 64; i++) {
            char c = hex.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return null;
            }
        }
        return new Sha256(HEX.parseHex(hex));
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sha256 other && MessageDigest.isEqual(digest, other.digest);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(digest);
    }

    @Override
    public String toString() {
        return prefixed();
    }
}
