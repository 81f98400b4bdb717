package dev.herald.ratify;

import dev.herald.ratify.internal.HybridVerify;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Verification of the other signed documents: revocation lists and pushes, witness entries,
 * key-rotation statements and transaction receipts. Each method throws
 * {@link SignatureException} (or {@link RatifyException} for structural defects) on failure.
 */
public final class Documents {
    private Documents() {}

    /** Hybrid verification of arbitrary bytes; throws {@link SignatureException} on failure. */
    public static void verifySignature(byte[] message, HybridSignature sig, HybridPublicKey key) {
        String err = HybridVerify.check(key.ed25519().unsafeArray(), key.mlDsa65().unsafeArray(),
                message, sig.ed25519().unsafeArray(), sig.mlDsa65().unsafeArray());
        if (err != null) {
            throw new SignatureException(err);
        }
    }

    /** One cert's signature against its declared issuer key. */
    public static void verifyDelegationSignature(DelegationCert cert) {
        verifySignature(SignableBytes.delegation(cert), cert.signature(), cert.issuerPubKey());
    }

    public static void verifyRevocationList(RevocationList list, HybridPublicKey issuerKey) {
        verifySignature(SignableBytes.revocationList(list), list.signature(), issuerKey);
    }

    public static void verifyRevocationPush(RevocationPush push, HybridPublicKey issuerKey) {
        if (push.seqNo() < 1) {
            throw new RatifyException("revocation push seq_no must be >= 1");
        }
        verifySignature(SignableBytes.revocationPush(push), push.signature(), issuerKey);
    }

    public static void verifyWitnessEntry(WitnessEntry entry, HybridPublicKey witnessKey) {
        verifySignature(SignableBytes.witnessEntry(entry), entry.signature(), witnessKey);
    }

    /** The checks of SPEC 5.15, in order. */
    public static void verifyKeyRotation(KeyRotationStatement s) {
        if (s.version() != Ratify.PROTOCOL_VERSION) {
            throw new RatifyException("unsupported version " + s.version());
        }
        if (!s.oldId().equals(Identifiers.deriveId(s.oldPubKey()))) {
            throw new RatifyException("old_id does not match old_pub_key");
        }
        if (!s.newId().equals(Identifiers.deriveId(s.newPubKey()))) {
            throw new RatifyException("new_id does not match new_pub_key");
        }
        if (s.oldId().equals(s.newId())) {
            throw new RatifyException("old and new keys are identical");
        }
        if (!KeyRotationStatement.REASONS.contains(s.reason())) {
            throw new RatifyException("unknown rotation reason \"" + s.reason() + "\"");
        }
        byte[] msg = SignableBytes.keyRotation(s);
        try {
            verifySignature(msg, s.signatureOld(), s.oldPubKey());
        } catch (SignatureException e) {
            throw new SignatureException("old signature invalid: " + e.getMessage());
        }
        try {
            verifySignature(msg, s.signatureNew(), s.newPubKey());
        } catch (SignatureException e) {
            throw new SignatureException("new signature invalid: " + e.getMessage());
        }
    }

    /** Outcome of {@link #verifyTransactionReceipt}. */
    public record ReceiptResult(boolean valid, String errorReason) {}

    /**
     * The nine generic checks of SPEC 5.14. Each party's proof bundle is fully verified with
     * {@code verifier} at {@code clock}'s time; any failing step fails the whole receipt.
     */
    public static ReceiptResult verifyTransactionReceipt(TransactionReceipt r, Verifier verifier,
            Clock clock) {
        if (r.version() != Ratify.PROTOCOL_VERSION) {
            return bad("invalid_version: unsupported version " + r.version());
        }
        if (r.transactionId().isEmpty() || r.termsSchemaUri().isEmpty()
                || r.termsCanonicalJson().isEmpty()) {
            return bad("missing_field: transaction_id, terms_schema_uri and terms_canonical_json are"
                    + " required");
        }
        Set<String> ids = new HashSet<>();
        for (TransactionReceipt.Party p : r.parties()) {
            if (!ids.add(p.partyId())) {
                return bad("duplicate_party: party \"" + p.partyId() + "\" appears more than once");
            }
        }
        Map<String, HybridSignature> sigs = new HashMap<>();
        for (TransactionReceipt.PartySignature ps : r.partySignatures()) {
            if (!ids.contains(ps.partyId())) {
                return bad("unknown_party_signature: signature for unknown party \"" + ps.partyId()
                        + "\"");
            }
            if (sigs.put(ps.partyId(), ps.signature()) != null) {
                return bad("duplicate_party_signature: party \"" + ps.partyId()
                        + "\" has more than one signature");
            }
        }
        for (TransactionReceipt.Party p : r.parties()) {
            if (!sigs.containsKey(p.partyId())) {
                return bad("missing_party_signature: party \"" + p.partyId() + "\" has no signature");
            }
        }
        for (TransactionReceipt.Party p : r.parties()) {
            VerifyResult vr = verifier.verify(p.proofBundle(), VerifyOptions.builder(clock).build());
            if (!vr.valid()) {
                return bad("party_bundle_invalid: party \"" + p.partyId() + "\": " + vr.errorReason());
            }
            if (!p.proofBundle().agentId().equals(p.agentId())) {
                return bad("party_agent_mismatch: party \"" + p.partyId()
                        + "\": proof bundle agent_id does not match party agent_id");
            }
            if (!p.proofBundle().agentPubKey().equals(p.agentPubKey())) {
                return bad("party_key_mismatch: party \"" + p.partyId()
                        + "\": proof bundle agent_pub_key does not match party agent_pub_key");
            }
        }
        byte[] msg = SignableBytes.transactionReceipt(r);
        for (TransactionReceipt.Party p : r.parties()) {
            try {
                verifySignature(msg, sigs.get(p.partyId()), p.agentPubKey());
            } catch (SignatureException e) {
                return bad("party_signature_invalid: party \"" + p.partyId() + "\": " + e.getMessage());
            }
        }
        return new ReceiptResult(true, null);
    }

    private static ReceiptResult bad(String reason) {
        return new ReceiptResult(false, reason);
    }
}
