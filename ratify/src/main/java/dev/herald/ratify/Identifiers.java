package dev.herald.ratify;

import dev.herald.ratify.internal.Digests;
import java.util.HexFormat;

/** Identifier derivation (SPEC 7). */
public final class Identifiers {
    private Identifiers() {}

    /** hex(SHA-256(ed25519_pub || ml_dsa_65_pub)[:16]), lowercase. */
    public static String deriveId(HybridPublicKey key) {
        byte[] digest = Digests.sha256(key.ed25519().unsafeArray(), key.mlDsa65().unsafeArray());
        return HexFormat.of().formatHex(digest, 0, 16);
    }

    /** True for exactly 32 lowercase hex characters. */
    public static boolean isWellFormedId(String id) {
        if (id == null || id.length() != 32) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
