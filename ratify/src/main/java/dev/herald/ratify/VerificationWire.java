package dev.herald.ratify;

import dev.herald.ratify.internal.StrictJson.Node;
import java.util.List;

/** Strict decoders for the SPEC 17 records (verification receipts, policy verdicts). */
final class VerificationWire {
    private VerificationWire() {}

    static VerificationReceipt receipt(Node n) {
        n.object();
        int version = n.field("version").int32();
        Bytes bundleHash = hash32(n.field("bundle_hash"));
        Node decisionNode = n.field("decision");
        IdentityStatus decision;
        try {
            decision = IdentityStatus.fromWire(decisionNode.string());
        } catch (IllegalArgumentException e) {
            throw decisionNode.fail("unknown identity_status");
        }
        String errorReason = optString(n, "error_reason");
        Node scopeNode = n.optField("granted_scope");
        List<String> scope = scopeNode == null ? List.of() : scopeNode.strings();
        String humanId = optString(n, "human_id");
        String agentId = optString(n, "agent_id");
        Bytes prevHash = hash32(n.field("prev_hash"));
        long verifiedAt = n.field("verified_at").integer();
        String verifierId = n.field("verifier_id").string();
        HybridPublicKey verifierPub = WireDecoder.key(n.field("verifier_pub"));
        HybridSignature signature = WireDecoder.sig(n.field("signature"));
        n.noOtherFields();
        return new VerificationReceipt(version, bundleHash, decision, errorReason, scope, humanId,
                agentId, prevHash, verifiedAt, verifierId, verifierPub, signature);
    }

    static PolicyVerdict verdict(Node n) {
        n.object();
        int version = n.field("version").int32();
        String verdictId = n.field("verdict_id").string();
        String agentId = n.field("agent_id").string();
        String scope = n.field("scope").string();
        boolean allow = n.field("allow").bool();
        Bytes contextHash = hash32(n.field("context_hash"));
        long issuedAt = n.field("issued_at").integer();
        long validUntil = n.field("valid_until").integer();
        Bytes mac = hash32(n.field("mac"));
        n.noOtherFields();
        return new PolicyVerdict(version, verdictId, agentId, scope, allow, contextHash, issuedAt,
                validUntil, mac);
    }

    private static String optString(Node n, String name) {
        Node f = n.optField(name);
        return f == null ? null : f.string();
    }

    private static Bytes hash32(Node n) {
        byte[] b = n.base64();
        if (b.length != 32) {
            throw n.fail("must be 32 bytes, got " + b.length);
        }
        return Bytes.wrap(b);
    }
}
