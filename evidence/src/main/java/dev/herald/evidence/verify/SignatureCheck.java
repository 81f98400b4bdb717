package dev.herald.evidence.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.evidence.json.Sha256;
import dev.herald.evidence.keys.IssuerPublicKey;
import java.util.Base64;
import java.util.Set;

/**
 * {@code issuer_signature}: every entry of {@code signatures} is an Ed25519 signature, by the
 * public key it embeds, over the canonical bytes of the artifact without {@code signatures};
 * its {@code content_hash} is the SHA-256 of those bytes and its {@code key_id} is derived from
 * the key. The signed bytes cover every other member, so this check catches any change outside
 * {@code signatures}; {@code key_purpose} and {@code signed_at} are the only members it leaves
 * uncovered.
 */
final class SignatureCheck {
    private static final Check CHECK = Check.ISSUER_SIGNATURE;
    static final Set<String> EXCLUDED = Set.of("signatures");

    private SignatureCheck() {}

    static CheckResult run(JsonNode a, byte[] signed) {
        JsonNode signatures = a.get("signatures");
        if (signatures.isEmpty()) {
            return CheckResult.fail(CHECK, Reason.NO_SIGNATURE, "signatures is empty");
        }
        String signedHash = Sha256.of(signed).prefixed();
        StringBuilder keys = new StringBuilder();
        int index = 0;
        for (JsonNode entry : signatures) {
            String where = "signatures[" + index++ + "]";
            if (!"ed25519".equals(Nodes.text(entry, "algorithm"))) {
                return CheckResult.fail(CHECK, Reason.WRONG_VALUE, where + ".algorithm is not ed25519");
            }
            IssuerPublicKey key = IssuerPublicKey.parse(Nodes.text(entry, "public_key"));
            if (key == null) {
                return CheckResult.fail(CHECK, Reason.BAD_PUBLIC_KEY, where + ".public_key is not a 32-byte Ed25519 key");
            }
            if (!key.matchesKeyId(Nodes.text(entry, "key_id"))) {
                return CheckResult.fail(CHECK, Reason.KEY_ID_MISMATCH, where + ".key_id does not derive from public_key");
            }
            if (!signedHash.equals(Nodes.text(entry, "content_hash"))) {
                return CheckResult.fail(CHECK, Reason.SIGNED_HASH_MISMATCH,
                        where + ".content_hash differs from the hash of the signed bytes " + signedHash);
            }
            byte[] signature = decodeSignature(Nodes.text(entry, "signature"));
            if (signature == null || !key.verify(signed, signature)) {
                return CheckResult.fail(CHECK, Reason.BAD_SIGNATURE, where + " does not verify under " + key.keyId());
            }
            keys.append(keys.isEmpty() ? "" : ", ").append(Nodes.text(entry, "key_id"));
        }
        return CheckResult.pass(CHECK, "signed by " + keys);
    }

    /** Base64 of 64 bytes, optionally prefixed {@code ed25519:}; null otherwise. */
    static byte[] decodeSignature(String text) {
        if (text == null) {
            return null;
        }
        String b64 = text.startsWith(IssuerPublicKey.PREFIX) ? text.substring(IssuerPublicKey.PREFIX.length()) : text;
        try {
            byte[] raw = Base64.getDecoder().decode(b64);
            return raw.length == 64 ? raw : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
