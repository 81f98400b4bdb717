package dev.herald.ratify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds the JSON trees (maps and lists) the canonical encoder and the wire encoder share. */
final class WireMaps {
    private WireMaps() {}

    static Map<String, Object> key(HybridPublicKey k) {
        Map<String, Object> m = new HashMap<>(4);
        m.put("ed25519", k.ed25519().unsafeArray());
        m.put("ml_dsa_65", k.mlDsa65().unsafeArray());
        return m;
    }

    static Map<String, Object> sig(HybridSignature s) {
        Map<String, Object> m = new HashMap<>(4);
        m.put("ed25519", s.ed25519().unsafeArray());
        m.put("ml_dsa_65", s.mlDsa65().unsafeArray());
        return m;
    }

    /** Per-kind canonical shape: only kind-relevant fields, zero values included (SPEC 5.7.2). */
    static Map<String, Object> constraint(Constraint c) {
        Map<String, Object> m = new HashMap<>();
        m.put("type", c.type());
        switch (c) {
            case Constraint.GeoCircle g -> {
                m.put("lat", g.lat());
                m.put("lon", g.lon());
                m.put("radius_m", g.radiusM());
            }
            case Constraint.GeoPolygon p -> {
                List<Object> pts = new ArrayList<>(p.points().size());
                for (Constraint.LatLon ll : p.points()) {
                    pts.add(List.of(ll.lat(), ll.lon()));
                }
                m.put("points", pts);
            }
            case Constraint.GeoBbox b -> {
                m.put("min_lat", b.minLat());
                m.put("min_lon", b.minLon());
                m.put("max_lat", b.maxLat());
                m.put("max_lon", b.maxLon());
                // The altitude pair is emitted iff either bound is set.
                if (b.minAltM() != 0 || b.maxAltM() != 0) {
                    m.put("min_alt_m", b.minAltM());
                    m.put("max_alt_m", b.maxAltM());
                }
            }
            case Constraint.TimeWindow t -> {
                m.put("start", t.start());
                m.put("end", t.end());
                m.put("tz", t.tz());
            }
            case Constraint.MaxSpeedMps s -> m.put("max_mps", s.maxMps());
            case Constraint.MaxAmount a -> {
                m.put("max_amount", a.maxAmount());
                m.put("currency", a.currency());
            }
            case Constraint.MaxRate r -> {
                m.put("count", r.count());
                m.put("window_s", r.windowS());
            }
            case Constraint.ResourcePath r -> {
                m.put("resource_id", r.resourceId());
                if (r.pathPrefix() != null && !r.pathPrefix().isEmpty()) {
                    m.put("path_prefix", r.pathPrefix());
                }
            }
            case Constraint.Extension e -> {
                if (e.params() != null) {
                    m.put("params", e.params());
                }
            }
        }
        return m;
    }

    static Map<String, Object> delegationSignable(DelegationCert c) {
        Map<String, Object> m = new HashMap<>(16);
        m.put("cert_id", c.certId());
        List<Object> cons = new ArrayList<>(c.constraints().size());
        for (Constraint k : c.constraints()) {
            cons.add(constraint(k));
        }
        m.put("constraints", cons);
        m.put("expires_at", c.expiresAt());
        m.put("issued_at", c.issuedAt());
        m.put("issuer_id", c.issuerId());
        m.put("issuer_pub_key", key(c.issuerPubKey()));
        m.put("scope", c.scope());
        m.put("subject_id", c.subjectId());
        m.put("subject_pub_key", key(c.subjectPubKey()));
        m.put("version", c.version());
        return m;
    }

    static Map<String, Object> delegation(DelegationCert c) {
        Map<String, Object> m = delegationSignable(c);
        m.put("signature", sig(c.signature()));
        return m;
    }

    static Map<String, Object> bundle(ProofBundle b) {
        Map<String, Object> m = new HashMap<>(16);
        m.put("agent_id", b.agentId());
        m.put("agent_pub_key", key(b.agentPubKey()));
        List<Object> ds = new ArrayList<>(b.delegations().size());
        for (DelegationCert c : b.delegations()) {
            ds.add(delegation(c));
        }
        m.put("delegations", ds);
        m.put("challenge", b.challenge().unsafeArray());
        m.put("challenge_at", b.challengeAt());
        m.put("challenge_sig", sig(b.challengeSig()));
        if (b.sessionContext() != null && !b.sessionContext().isEmpty()) {
            m.put("session_context", b.sessionContext().unsafeArray());
        }
        if (b.streamId() != null && !b.streamId().isEmpty()) {
            m.put("stream_id", b.streamId().unsafeArray());
        }
        if (b.streamSeq() != 0) {
            m.put("stream_seq", b.streamSeq());
        }
        return m;
    }

    static Map<String, Object> sessionTokenSignable(SessionToken t) {
        Map<String, Object> m = new HashMap<>(16);
        m.put("agent_id", t.agentId());
        m.put("agent_pub_key", key(t.agentPubKey()));
        m.put("chain_hash", t.chainHash().unsafeArray());
        m.put("granted_scope", t.grantedScope());
        m.put("human_id", t.humanId());
        m.put("issued_at", t.issuedAt());
        m.put("session_id", t.sessionId());
        m.put("valid_until", t.validUntil());
        m.put("version", t.version());
        return m;
    }

    static Map<String, Object> sessionToken(SessionToken t) {
        Map<String, Object> m = sessionTokenSignable(t);
        m.put("mac", t.mac().unsafeArray());
        return m;
    }

    static Map<String, Object> revocationSignable(RevocationList r) {
        Map<String, Object> m = new HashMap<>();
        m.put("issuer_id", r.issuerId());
        m.put("revoked_certs", r.revokedCerts());
        m.put("updated_at", r.updatedAt());
        return m;
    }

    static Map<String, Object> revocationPushSignable(RevocationPush p) {
        Map<String, Object> m = new HashMap<>();
        m.put("entries", p.entries());
        m.put("issuer_id", p.issuerId());
        m.put("pushed_at", p.pushedAt());
        m.put("seq_no", p.seqNo());
        return m;
    }

    static Map<String, Object> witnessSignable(WitnessEntry w) {
        Map<String, Object> m = new HashMap<>();
        m.put("entry_data", w.entryData().unsafeArray());
        m.put("prev_hash", w.prevHash().unsafeArray());
        m.put("timestamp", w.timestamp());
        m.put("witness_id", w.witnessId());
        return m;
    }

    static Map<String, Object> keyRotationSignable(KeyRotationStatement k) {
        Map<String, Object> m = new HashMap<>();
        m.put("new_id", k.newId());
        m.put("new_pub_key", key(k.newPubKey()));
        m.put("old_id", k.oldId());
        m.put("old_pub_key", key(k.oldPubKey()));
        m.put("reason", k.reason());
        m.put("rotated_at", k.rotatedAt());
        m.put("version", k.version());
        return m;
    }

    static Map<String, Object> receiptSignable(TransactionReceipt r) {
        Map<String, Object> m = new HashMap<>();
        m.put("created_at", r.createdAt());
        List<TransactionReceipt.Party> sorted = new ArrayList<>(r.parties());
        sorted.sort((a, b) -> dev.herald.ratify.internal.CanonicalJson.compareKeys(a.partyId(),
                b.partyId()));
        List<Object> parties = new ArrayList<>();
        for (TransactionReceipt.Party p : sorted) {
            Map<String, Object> pm = new HashMap<>();
            pm.put("agent_id", p.agentId());
            pm.put("agent_pub_key", key(p.agentPubKey()));
            pm.put("party_id", p.partyId());
            pm.put("role", p.role());
            parties.add(pm);
        }
        m.put("parties", parties);
        m.put("terms_canonical_json", r.termsCanonicalJson().unsafeArray());
        m.put("terms_schema_uri", r.termsSchemaUri());
        m.put("transaction_id", r.transactionId());
        m.put("version", r.version());
        return m;
    }

    /**
     * The bundle form hashed by SPEC 17.5: the wire shape, with absent optional fields at fixed
     * values ({@code session_context} and {@code stream_id} empty, {@code stream_seq} 0) so every
     * SDK hashes the same bytes whatever its struct omits.
     */
    static Map<String, Object> bundleForHash(ProofBundle b) {
        Map<String, Object> m = bundle(b);
        m.putIfAbsent("session_context", new byte[0]);
        m.putIfAbsent("stream_id", new byte[0]);
        m.putIfAbsent("stream_seq", 0L);
        return m;
    }

    /** SPEC 17.5: every receipt field but {@code signature}; empty optional fields omitted. */
    static Map<String, Object> verificationReceiptSignable(VerificationReceipt r) {
        Map<String, Object> m = new HashMap<>(16);
        if (r.agentId() != null) {
            m.put("agent_id", r.agentId());
        }
        m.put("bundle_hash", r.bundleHash().unsafeArray());
        m.put("decision", r.decision().wire());
        if (r.errorReason() != null) {
            m.put("error_reason", r.errorReason());
        }
        if (!r.grantedScope().isEmpty()) {
            m.put("granted_scope", r.grantedScope());
        }
        if (r.humanId() != null) {
            m.put("human_id", r.humanId());
        }
        m.put("prev_hash", r.prevHash().unsafeArray());
        m.put("verified_at", r.verifiedAt());
        m.put("verifier_id", r.verifierId());
        m.put("verifier_pub", key(r.verifierPub()));
        m.put("version", r.version());
        return m;
    }

    static Map<String, Object> verificationReceipt(VerificationReceipt r) {
        if (r.signature() == null) {
            throw new RatifyException("verification receipt is not signed");
        }
        Map<String, Object> m = verificationReceiptSignable(r);
        m.put("signature", sig(r.signature()));
        return m;
    }

    /** SPEC 17.6: every verdict field but {@code mac}. */
    static Map<String, Object> policyVerdictSignable(PolicyVerdict v) {
        Map<String, Object> m = new HashMap<>(16);
        m.put("agent_id", v.agentId());
        m.put("allow", v.allow());
        m.put("context_hash", v.contextHash().unsafeArray());
        m.put("issued_at", v.issuedAt());
        m.put("scope", v.scope());
        m.put("valid_until", v.validUntil());
        m.put("verdict_id", v.verdictId());
        m.put("version", v.version());
        return m;
    }

    static Map<String, Object> policyVerdict(PolicyVerdict v) {
        Map<String, Object> m = policyVerdictSignable(v);
        m.put("mac", v.mac().unsafeArray());
        return m;
    }

    /**
     * The policy-relevant subset of a context (SPEC 17.6): location, speed, amount and currency
     * with their flags, always all nine fields. The rate counter and the resource inputs are not
     * part of it.
     */
    static Map<String, Object> verifierContextSubset(VerifierContext c) {
        Map<String, Object> m = new HashMap<>(16);
        m.put("current_alt_m", c.currentAltM());
        m.put("current_lat", c.currentLat());
        m.put("current_lon", c.currentLon());
        m.put("current_speed_mps", c.currentSpeedMps());
        m.put("has_amount", c.hasAmount());
        m.put("has_location", c.hasLocation());
        m.put("has_speed", c.hasSpeed());
        m.put("requested_amount", c.requestedAmount());
        m.put("requested_currency", c.requestedCurrency() == null ? "" : c.requestedCurrency());
        return m;
    }
}
