package dev.herald.ratify;

import dev.herald.ratify.internal.CanonicalJson;
import dev.herald.ratify.internal.Digests;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * The exact bytes each signable object is signed over (SPEC 6.4) and the session/operation
 * context constructions of SPEC 6.4.9. Every method here is checked against the conformance
 * fixtures.
 */
public final class SignableBytes {
    private SignableBytes() {}

    /** SPEC 6.4.1. */
    public static byte[] delegation(DelegationCert cert) {
        return CanonicalJson.encode(WireMaps.delegationSignable(cert));
    }

    /**
     * SPEC 6.4.2: {@code challenge || be64(challenge_at) [|| session_context] [|| stream_id ||
     * be64(stream_seq)]}. Null or empty optional parts are omitted.
     */
    public static byte[] challenge(Bytes challenge, long challengeAt, Bytes sessionContext,
            Bytes streamId, long streamSeq) {
        boolean hasSession = sessionContext != null && !sessionContext.isEmpty();
        boolean hasStream = streamId != null && !streamId.isEmpty();
        int len = challenge.length() + 8 + (hasSession ? sessionContext.length() : 0)
                + (hasStream ? streamId.length() + 8 : 0);
        ByteBuffer buf = ByteBuffer.allocate(len);
        buf.put(challenge.unsafeArray()).putLong(challengeAt);
        if (hasSession) {
            buf.put(sessionContext.unsafeArray());
        }
        if (hasStream) {
            buf.put(streamId.unsafeArray()).putLong(streamSeq);
        }
        return buf.array();
    }

    /** SPEC 6.4.3. */
    public static byte[] revocationList(RevocationList list) {
        return CanonicalJson.encode(WireMaps.revocationSignable(list));
    }

    /** SPEC 6.4.4. */
    public static byte[] keyRotation(KeyRotationStatement s) {
        return CanonicalJson.encode(WireMaps.keyRotationSignable(s));
    }

    /** SPEC 6.4.5. */
    public static byte[] revocationPush(RevocationPush p) {
        return CanonicalJson.encode(WireMaps.revocationPushSignable(p));
    }

    /** SPEC 6.4.6. */
    public static byte[] witnessEntry(WitnessEntry w) {
        return CanonicalJson.encode(WireMaps.witnessSignable(w));
    }

    /** SPEC 6.4.7. Parties sorted by party_id; duplicate party ids are rejected. */
    public static byte[] transactionReceipt(TransactionReceipt r) {
        Set<String> seen = new HashSet<>();
        for (TransactionReceipt.Party p : r.parties()) {
            if (!seen.add(p.partyId())) {
                throw new RatifyException("duplicate party_id " + p.partyId());
            }
        }
        return CanonicalJson.encode(WireMaps.receiptSignable(r));
    }

    /** SPEC 6.4.8. */
    public static byte[] sessionToken(SessionToken t) {
        return CanonicalJson.encode(WireMaps.sessionTokenSignable(t));
    }

    /** SPEC 17.5: the bytes a verification receipt's signature covers (all but the signature). */
    public static byte[] verificationReceipt(VerificationReceipt r) {
        return CanonicalJson.encode(WireMaps.verificationReceiptSignable(r));
    }

    /** SPEC 17.6: the bytes a policy verdict's MAC covers (all but the MAC). */
    public static byte[] policyVerdict(PolicyVerdict v) {
        return CanonicalJson.encode(WireMaps.policyVerdictSignable(v));
    }

    /** SPEC 17.6: canonical JSON of the policy-relevant subset of a verifier context. */
    public static byte[] verifierContext(VerifierContext c) {
        return CanonicalJson.encode(WireMaps.verifierContextSubset(c));
    }

    /** SPEC 17.5: canonical JSON of a bundle with absent optional fields at their fixed values. */
    public static byte[] bundleForHash(ProofBundle b) {
        return CanonicalJson.encode(WireMaps.bundleForHash(b));
    }

    /** SHA-256 over the concatenated delegation signable bytes of a chain (SessionToken chain_hash). */
    public static Bytes chainHash(java.util.List<DelegationCert> chain) {
        var md = Digests.sha256Digest();
        for (DelegationCert c : chain) {
            md.update(delegation(c));
        }
        return Bytes.wrap(md.digest());
    }

    /** Inputs of the operation context of SPEC 6.4.9; null fields encode as empty. */
    public record OperationContext(String requiredScope, String operation, String resourceId,
            String requestedPath, Bytes payloadDigest) {}

    /** Inputs of the session context of SPEC 6.4.9; {@code requestHash} must be 32 bytes. */
    public record SessionContextInputs(String verifierId, String workspaceId, String agentId,
            String sessionId, String invocationId, Bytes requestHash) {}

    /** The operation-context preimage of SPEC 6.4.9. */
    public static byte[] operationContextBytes(OperationContext op) {
        if (op.payloadDigest() != null && !op.payloadDigest().isEmpty()
                && op.payloadDigest().length() != 32) {
            throw new IllegalArgumentException("payload_digest must be empty or 32 bytes");
        }
        LpWriter w = new LpWriter("ratify/operation-context/v1");
        w.str(op.requiredScope()).str(op.operation()).str(op.resourceId()).str(op.requestedPath())
                .bytes(op.payloadDigest());
        return w.toBytes();
    }

    /** {@code request_hash = SHA-256(operationContextBytes(op))}. */
    public static Bytes operationContextHash(OperationContext op) {
        return Bytes.wrap(Digests.sha256(operationContextBytes(op)));
    }

    /** The session-context preimage of SPEC 6.4.9. */
    public static byte[] sessionContextBytes(SessionContextInputs in) {
        if (in.requestHash() == null || in.requestHash().length() != 32) {
            throw new IllegalArgumentException("request_hash must be exactly 32 bytes");
        }
        LpWriter w = new LpWriter("ratify/session-context/v1");
        w.str(in.verifierId()).str(in.workspaceId()).str(in.agentId()).str(in.sessionId())
                .str(in.invocationId()).bytes(in.requestHash());
        return w.toBytes();
    }

    /** The 32-byte {@code session_context} of SPEC 6.4.9. */
    public static Bytes buildSessionContext(SessionContextInputs in) {
        return Bytes.wrap(Digests.sha256(sessionContextBytes(in)));
    }

    private static final class LpWriter {
        private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

        LpWriter(String tag) {
            byte[] t = tag.getBytes(StandardCharsets.US_ASCII);
            out.write(t, 0, t.length);
        }

        LpWriter str(String s) {
            if (s == null) {
                return raw(new byte[0]);
            }
            // Ill-formed text (lone surrogates) is rejected rather than replaced.
            var enc = StandardCharsets.UTF_8.newEncoder();
            try {
                ByteBuffer bb = enc.encode(java.nio.CharBuffer.wrap(s));
                byte[] b = new byte[bb.remaining()];
                bb.get(b);
                return raw(b);
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new IllegalArgumentException("ill-formed UTF-16 text in context field", e);
            }
        }

        LpWriter bytes(Bytes b) {
            return raw(b == null ? new byte[0] : b.unsafeArray());
        }

        private LpWriter raw(byte[] b) {
            byte[] len = ByteBuffer.allocate(8).putLong(b.length).array();
            out.write(len, 0, 8);
            out.write(b, 0, b.length);
            return this;
        }

        byte[] toBytes() {
            return out.toByteArray();
        }
    }
}
