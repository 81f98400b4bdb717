package dev.herald.evidence.artifact;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.evidence.json.CanonicalJson;
import dev.herald.evidence.json.Json;
import dev.herald.evidence.json.Sha256;
import dev.herald.evidence.keys.IssuerKeyPair;
import java.time.Instant;
import java.util.Base64;

/**
 * Signs an artifact: Ed25519 over the canonical bytes of the whole artifact without its
 * {@code signatures} member, which is then replaced by one signature entry.
 */
public final class ArtifactSigner {
    private ArtifactSigner() {}

    /**
     * Replaces {@code artifact.signatures} in place with a signature by {@code key} and returns
     * the canonical bytes of the signed artifact.
     */
    public static byte[] sign(ObjectNode artifact, IssuerKeyPair key, Instant signedAt) {
        artifact.remove("signatures");
        CanonicalJson.Spliceable spliceable = CanonicalJson.spliceable(artifact, "signatures");
        byte[] signed = spliceable.bytes();
        ObjectNode entry = Json.object();
        entry.put("algorithm", "ed25519");
        entry.put("content_hash", Sha256.of(signed).prefixed());
        entry.put("key_id", key.keyId());
        entry.put("key_purpose", ArtifactFormat.KEY_PURPOSE);
        entry.put("public_key", key.publicKey().encoded());
        entry.put("signature", "ed25519:" + Base64.getEncoder().encodeToString(key.sign(signed)));
        entry.put("signed_at", ArtifactFormat.instant(signedAt));
        ArrayNode signatures = Json.nodes().arrayNode();
        signatures.add(entry);
        artifact.set("signatures", signatures);
        return spliceable.insert(signatures);
    }
}
