package dev.herald.ratify;

import dev.herald.ratify.internal.CanonicalJson;
import dev.herald.ratify.internal.StrictJson;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The wire codec. Decoders take untrusted bytes and either return a record or throw
 * {@link RatifyDecodeException} naming the JSON path and the defect; size limits are checked on
 * the raw bytes before parsing. Encoders emit compact canonical JSON (valid wire JSON for every
 * type, byte-stable across runs).
 */
public final class RatifyJson {
    private RatifyJson() {}

    /** Largest session token, cert, or other non-bundle document accepted (bytes). */
    public static final int MAX_DOCUMENT_BYTES = Ratify.MAX_PROOF_BUNDLE_BYTES;
    /** Largest key-pair file accepted (bytes). */
    public static final int MAX_KEY_FILE_BYTES = 16 * 1024;

    private interface Reader<T> {
        T read(StrictJson.Node n);
    }

    private static <T> T decode(byte[] bytes, int max, String what, Reader<T> reader) {
        try {
            return reader.read(StrictJson.parse(bytes, max, what));
        } catch (StrictJson.Failure f) {
            throw new RatifyDecodeException(f.path, f.defect);
        } catch (WireDecoder.ChainDepthFailure f) {
            throw f.exception;
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new RatifyDecodeException("$", "invalid value: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- decoders

    /** Strict decode of a proof bundle; rejects payloads over {@code MAX_PROOF_BUNDLE_BYTES}. */
    public static ProofBundle decodeProofBundle(byte[] bytes) {
        return decode(bytes, Ratify.MAX_PROOF_BUNDLE_BYTES, "proof bundle", WireDecoder::bundle);
    }

    public static SessionToken decodeSessionToken(byte[] bytes) {
        return decode(bytes, MAX_DOCUMENT_BYTES, "session token", WireDecoder::token);
    }

    public static DelegationCert decodeDelegationCert(byte[] bytes) {
        return decode(bytes, MAX_DOCUMENT_BYTES, "delegation cert", n -> WireDecoder.cert(n, false));
    }

    public static RevocationList decodeRevocationList(byte[] bytes) {
        return decode(bytes, MAX_DOCUMENT_BYTES, "revocation list", WireDecoder::revocationList);
    }

    public static RevocationPush decodeRevocationPush(byte[] bytes) {
        return decode(bytes, MAX_DOCUMENT_BYTES, "revocation push", WireDecoder::revocationPush);
    }

    public static WitnessEntry decodeWitnessEntry(byte[] bytes) {
        return decode(bytes, MAX_DOCUMENT_BYTES, "witness entry", WireDecoder::witness);
    }

    public static KeyRotationStatement decodeKeyRotation(byte[] bytes) {
        return decode(bytes, MAX_DOCUMENT_BYTES, "key rotation", WireDecoder::rotation);
    }

    public static TransactionReceipt decodeTransactionReceipt(byte[] bytes) {
        return decode(bytes, 16 * Ratify.MAX_PROOF_BUNDLE_BYTES, "transaction receipt",
                WireDecoder::receipt);
    }

    public static StreamedTurn decodeStreamedTurn(byte[] bytes) {
        return decode(bytes, MAX_DOCUMENT_BYTES, "streamed turn", WireDecoder::turn);
    }

    public static HybridPublicKey decodePublicKey(byte[] bytes) {
        return decode(bytes, MAX_DOCUMENT_BYTES, "public key", WireDecoder::key);
    }

    public static HybridSignature decodeSignature(byte[] bytes) {
        return decode(bytes, MAX_DOCUMENT_BYTES, "signature", WireDecoder::sig);
    }

    /** One constraint object (SPEC 5.7.1), as an issuer tool reads it from a user. */
    public static Constraint decodeConstraint(byte[] bytes) {
        return decode(bytes, MAX_DOCUMENT_BYTES, "constraint", WireDecoder::constraint);
    }

    public static KeyPairFile decodeKeyPairFile(byte[] bytes) {
        return decode(bytes, MAX_KEY_FILE_BYTES, "key pair file", WireDecoder::keyFile);
    }

    /** Maps a decode failure to the verification result a wire-facing verifier returns. */
    public static VerifyResult decodeFailureResult(RatifyDecodeException e) {
        if (e.verifierReason() == FailureReason.CHAIN_TOO_DEEP) {
            return VerifyResult.failure(FailureReason.CHAIN_TOO_DEEP,
                    "delegation chain exceeds maximum depth");
        }
        return VerifyResult.failure(FailureReason.MALFORMED, e.path() + ": " + e.defect());
    }

    /** Strict decode of a verification receipt (SPEC 17.5); the signature is not checked here. */
    public static VerificationReceipt decodeVerificationReceipt(byte[] bytes) {
        return decode(bytes, MAX_DOCUMENT_BYTES, "verification receipt", VerificationWire::receipt);
    }

    /** Strict decode of a policy verdict (SPEC 17.6); the MAC is not checked here. */
    public static PolicyVerdict decodePolicyVerdict(byte[] bytes) {
        return decode(bytes, MAX_DOCUMENT_BYTES, "policy verdict", VerificationWire::verdict);
    }

    // ---------------------------------------------------------------- encoders

    public static byte[] encode(ProofBundle b) {
        return CanonicalJson.encode(WireMaps.bundle(b));
    }

    /** A signed receipt; throws {@link RatifyException} when it has no signature yet. */
    public static byte[] encode(VerificationReceipt r) {
        return CanonicalJson.encode(WireMaps.verificationReceipt(r));
    }

    public static byte[] encode(PolicyVerdict v) {
        return CanonicalJson.encode(WireMaps.policyVerdict(v));
    }

    public static byte[] encode(DelegationCert c) {
        return CanonicalJson.encode(WireMaps.delegation(c));
    }

    public static byte[] encode(SessionToken t) {
        return CanonicalJson.encode(WireMaps.sessionToken(t));
    }

    public static byte[] encode(HybridPublicKey k) {
        return CanonicalJson.encode(WireMaps.key(k));
    }

    public static byte[] encode(RevocationList r) {
        Map<String, Object> m = WireMaps.revocationSignable(r);
        m.put("signature", WireMaps.sig(r.signature()));
        return CanonicalJson.encode(m);
    }

    public static byte[] encode(RevocationPush p) {
        Map<String, Object> m = WireMaps.revocationPushSignable(p);
        m.put("signature", WireMaps.sig(p.signature()));
        return CanonicalJson.encode(m);
    }

    public static byte[] encode(WitnessEntry w) {
        Map<String, Object> m = WireMaps.witnessSignable(w);
        m.put("signature", WireMaps.sig(w.signature()));
        return CanonicalJson.encode(m);
    }

    public static byte[] encode(KeyRotationStatement k) {
        Map<String, Object> m = WireMaps.keyRotationSignable(k);
        m.put("signature_old", WireMaps.sig(k.signatureOld()));
        m.put("signature_new", WireMaps.sig(k.signatureNew()));
        return CanonicalJson.encode(m);
    }

    public static byte[] encode(TransactionReceipt r) {
        Map<String, Object> m = new HashMap<>();
        m.put("version", r.version());
        m.put("transaction_id", r.transactionId());
        m.put("created_at", r.createdAt());
        m.put("terms_schema_uri", r.termsSchemaUri());
        m.put("terms_canonical_json", r.termsCanonicalJson().unsafeArray());
        List<Object> parties = new ArrayList<>();
        for (TransactionReceipt.Party p : r.parties()) {
            Map<String, Object> pm = new HashMap<>();
            pm.put("party_id", p.partyId());
            pm.put("role", p.role());
            pm.put("agent_id", p.agentId());
            pm.put("agent_pub_key", WireMaps.key(p.agentPubKey()));
            pm.put("proof_bundle", WireMaps.bundle(p.proofBundle()));
            parties.add(pm);
        }
        m.put("parties", parties);
        List<Object> sigs = new ArrayList<>();
        for (TransactionReceipt.PartySignature s : r.partySignatures()) {
            sigs.add(Map.of("party_id", s.partyId(), "signature", WireMaps.sig(s.signature())));
        }
        m.put("party_signatures", sigs);
        return CanonicalJson.encode(m);
    }

    public static byte[] encode(StreamedTurn t) {
        Map<String, Object> m = new HashMap<>();
        m.put("challenge", t.challenge().unsafeArray());
        m.put("challenge_at", t.challengeAt());
        m.put("challenge_sig", WireMaps.sig(t.challengeSig()));
        if (t.sessionContext() != null && !t.sessionContext().isEmpty()) {
            m.put("session_context", t.sessionContext().unsafeArray());
        }
        if (t.streamId() != null && !t.streamId().isEmpty()) {
            m.put("stream_id", t.streamId().unsafeArray());
            m.put("stream_seq", t.streamSeq());
        }
        return CanonicalJson.encode(m);
    }

    /** The key file format documented in ratify/README.md. Contains secret seeds. */
    public static byte[] encode(KeyPairFile f) {
        Map<String, Object> m = new HashMap<>();
        m.put("kind", KeyPairFile.KIND);
        m.put("role", f.role());
        m.put("id", f.keyPair().id());
        m.put("public_key", WireMaps.key(f.keyPair().publicKey()));
        m.put("ed25519_seed", f.keyPair().ed25519Seed().unsafeArray());
        m.put("ml_dsa_65_seed", f.keyPair().mlDsa65Seed().unsafeArray());
        if (f.name() != null) {
            m.put("name", f.name());
        }
        if (f.agentType() != null) {
            m.put("agent_type", f.agentType());
        }
        m.put("created_at", f.createdAt());
        return CanonicalJson.encode(m);
    }

    /** SPEC 5.9 wire form; optional fields omitted when empty. */
    public static byte[] encode(VerifyResult r) {
        Map<String, Object> m = new HashMap<>();
        m.put("valid", r.valid());
        if (r.humanId() != null && !r.humanId().isEmpty()) {
            m.put("human_id", r.humanId());
        }
        if (r.agentId() != null && !r.agentId().isEmpty()) {
            m.put("agent_id", r.agentId());
        }
        if (!r.grantedScope().isEmpty()) {
            m.put("granted_scope", r.grantedScope());
        }
        m.put("identity_status", r.identityStatus().wire());
        if (r.errorReason() != null) {
            m.put("error_reason", r.errorReason());
        }
        if (r.anchor() != null) {
            Map<String, Object> a = new HashMap<>();
            a.put("type", r.anchor().type());
            a.put("provider", r.anchor().provider());
            a.put("reference", r.anchor().reference());
            a.put("verified_at", r.anchor().verifiedAt());
            m.put("anchor", a);
        }
        return CanonicalJson.encode(m);
    }

    /** {@code {"scopes":[...], "wildcards":{...}, "sensitive":[...], "version":1}} (SPEC 13). */
    public static byte[] encodeScopeVocabulary() {
        Map<String, Object> m = new HashMap<>();
        List<Object> scopes = new ArrayList<>();
        List<Object> sensitive = new ArrayList<>();
        for (Scopes.ScopeInfo s : Scopes.vocabulary()) {
            scopes.add(s.scope());
            if (s.sensitive()) {
                sensitive.add(s.scope());
            }
        }
        m.put("scopes", scopes);
        m.put("sensitive", sensitive);
        m.put("wildcards", new HashMap<String, Object>(Scopes.wildcards()));
        m.put("version", Ratify.PROTOCOL_VERSION);
        return CanonicalJson.encode(m);
    }
}
