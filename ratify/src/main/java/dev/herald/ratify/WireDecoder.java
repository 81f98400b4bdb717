package dev.herald.ratify;

import dev.herald.ratify.internal.StrictJson;
import dev.herald.ratify.internal.StrictJson.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps strictly parsed JSON trees to records. Every structure rejects unknown fields; lengths,
 * counts and identifier bounds of SPEC 5.1 are enforced here. Used through {@link RatifyJson}.
 */
final class WireDecoder {
    private WireDecoder() {}

    /** Carries a depth failure with its verifier reason through the generic mapping. */
    static final class ChainDepthFailure extends RuntimeException {
        final RatifyDecodeException exception;

        ChainDepthFailure(RatifyDecodeException e) {
            super(null, null, false, false);
            this.exception = e;
        }
    }

    static HybridPublicKey key(Node n) {
        n.object();
        byte[] ed = n.field("ed25519").base64();
        byte[] ml = n.field("ml_dsa_65").base64();
        n.noOtherFields();
        if (ed.length != Ratify.ED25519_PUBLIC_KEY_SIZE) {
            throw n.fail("Ed25519 public key must be 32 bytes, got " + ed.length);
        }
        if (ml.length != Ratify.MLDSA65_PUBLIC_KEY_SIZE) {
            throw n.fail("ML-DSA-65 public key must be 1952 bytes, got " + ml.length);
        }
        return new HybridPublicKey(Bytes.wrap(ed), Bytes.wrap(ml));
    }

    static HybridSignature sig(Node n) {
        n.object();
        byte[] ed = n.field("ed25519").base64();
        byte[] ml = n.field("ml_dsa_65").base64();
        n.noOtherFields();
        if (ed.length != Ratify.ED25519_SIGNATURE_SIZE) {
            throw n.fail("Ed25519 signature must be 64 bytes, got " + ed.length);
        }
        if (ml.length != Ratify.MLDSA65_SIGNATURE_SIZE) {
            throw n.fail("ML-DSA-65 signature must be 3309 bytes, got " + ml.length);
        }
        return new HybridSignature(Bytes.wrap(ed), Bytes.wrap(ml));
    }

    static ProofBundle bundle(Node n) {
        n.object();
        String agentId = n.field("agent_id").string();
        HybridPublicKey agentKey = key(n.field("agent_pub_key"));
        Node ds = n.field("delegations");
        List<Node> certNodes = ds.array();
        if (certNodes.isEmpty()) {
            throw ds.fail("delegation chain is empty");
        }
        if (certNodes.size() > Ratify.MAX_DELEGATION_CHAIN_DEPTH) {
            throw new ChainDepthFailure(new RatifyDecodeException(ds.path(), "chain depth "
                    + certNodes.size() + " exceeds MAX_DELEGATION_CHAIN_DEPTH ("
                    + Ratify.MAX_DELEGATION_CHAIN_DEPTH + ")", FailureReason.CHAIN_TOO_DEEP));
        }
        List<DelegationCert> certs = new ArrayList<>(certNodes.size());
        for (Node c : certNodes) {
            certs.add(cert(c, true));
        }
        Node chNode = n.field("challenge");
        byte[] challenge = chNode.base64();
        if (challenge.length == 0) {
            throw chNode.fail("challenge is empty");
        }
        long challengeAt = n.field("challenge_at").integer();
        HybridSignature chSig = sig(n.field("challenge_sig"));
        Node sc = n.optField("session_context");
        Bytes session = null;
        if (sc != null) {
            byte[] b = sc.base64();
            if (b.length != 32) {
                throw sc.fail("session_context must be 32 bytes, got " + b.length);
            }
            session = Bytes.wrap(b);
        }
        Node sid = n.optField("stream_id");
        Node sseq = n.optField("stream_seq");
        Bytes streamId = null;
        long seq = 0;
        if (sid != null || sseq != null) {
            if (sid == null || sseq == null) {
                throw n.fail("stream_id and stream_seq must be present together");
            }
            byte[] b = sid.base64();
            if (b.length != 32) {
                throw sid.fail("stream_id must be 32 bytes, got " + b.length);
            }
            streamId = Bytes.wrap(b);
            seq = sseq.integer();
            if (seq < 1) {
                throw sseq.fail("stream_seq must be >= 1");
            }
        }
        n.noOtherFields();
        return new ProofBundle(agentId, agentKey, certs, Bytes.wrap(challenge), challengeAt, chSig,
                session, streamId, seq);
    }

    static DelegationCert cert(Node n, boolean nested) {
        n.object();
        String certId = n.field("cert_id").string();
        int version = n.field("version").int32();
        String issuerId = n.field("issuer_id").string();
        HybridPublicKey issuerKey = key(n.field("issuer_pub_key"));
        String subjectId = n.field("subject_id").string();
        HybridPublicKey subjectKey = key(n.field("subject_pub_key"));
        Node scopeNode = n.field("scope");
        List<String> scope = scopeNode.strings();
        if (scope.size() > Ratify.MAX_SCOPES_PER_CERT) {
            throw scopeNode.fail("more than MAX_SCOPES_PER_CERT (" + Ratify.MAX_SCOPES_PER_CERT
                    + ") scopes");
        }
        for (int i = 0; i < scope.size(); i++) {
            if (scope.get(i).getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                    > Ratify.MAX_SCOPE_LENGTH_BYTES) {
                throw new StrictJson.Failure(scopeNode.path() + "[" + i + "]",
                        "scope exceeds MAX_SCOPE_LENGTH_BYTES (" + Ratify.MAX_SCOPE_LENGTH_BYTES + ")");
            }
        }
        Node consNode = n.field("constraints");
        List<Constraint> constraints = consNode.arrayOf((c, i) -> constraint(c));
        if (constraints.size() > Ratify.MAX_CONSTRAINTS_PER_CERT) {
            throw consNode.fail("more than MAX_CONSTRAINTS_PER_CERT ("
                    + Ratify.MAX_CONSTRAINTS_PER_CERT + ") constraints");
        }
        long issuedAt = n.field("issued_at").integer();
        long expiresAt = n.field("expires_at").integer();
        HybridSignature sig = sig(n.field("signature"));
        n.noOtherFields();
        return new DelegationCert(certId, version, issuerId, issuerKey, subjectId, subjectKey, scope,
                constraints, issuedAt, expiresAt, sig);
    }

    static Constraint constraint(Node n) {
        n.object();
        String type = n.field("type").string();
        Constraint c = switch (type) {
            case "geo_circle" -> new Constraint.GeoCircle(n.field("lat").number(),
                    n.field("lon").number(), n.field("radius_m").number());
            case "geo_polygon" -> {
                List<Constraint.LatLon> pts = n.field("points").arrayOf((p, i) -> {
                    List<Node> pair = p.array();
                    if (pair.size() != 2) {
                        throw p.fail("a point is a [lat, lon] pair");
                    }
                    return new Constraint.LatLon(pair.get(0).number(), pair.get(1).number());
                });
                yield new Constraint.GeoPolygon(pts);
            }
            case "geo_bbox" -> {
                double minLat = n.field("min_lat").number();
                double minLon = n.field("min_lon").number();
                double maxLat = n.field("max_lat").number();
                double maxLon = n.field("max_lon").number();
                Node minAlt = n.optField("min_alt_m");
                Node maxAlt = n.optField("max_alt_m");
                yield new Constraint.GeoBbox(minLat, minLon, maxLat, maxLon,
                        minAlt == null ? 0 : minAlt.number(), maxAlt == null ? 0 : maxAlt.number());
            }
            case "time_window" -> new Constraint.TimeWindow(n.field("start").string(),
                    n.field("end").string(), n.field("tz").string());
            case "max_speed_mps" -> new Constraint.MaxSpeedMps(n.field("max_mps").number());
            case "max_amount" -> new Constraint.MaxAmount(n.field("max_amount").number(),
                    n.field("currency").string());
            case "max_rate" -> new Constraint.MaxRate(n.field("count").integer(),
                    n.field("window_s").integer());
            case "resource_path" -> {
                Node rid = n.field("resource_id");
                String id = rid.string();
                if (id.isEmpty()) {
                    throw rid.fail("resource_id must be non-empty");
                }
                if (id.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                        > Ratify.MAX_IDENTIFIER_LENGTH_BYTES) {
                    throw rid.fail("resource_id exceeds MAX_IDENTIFIER_LENGTH_BYTES ("
                            + Ratify.MAX_IDENTIFIER_LENGTH_BYTES + ")");
                }
                Node pp = n.optField("path_prefix");
                String prefix = null;
                if (pp != null) {
                    prefix = pp.string();
                    if (prefix.isEmpty()) {
                        throw pp.fail("empty path_prefix is invalid; absence encodes the whole resource");
                    }
                }
                yield new Constraint.ResourcePath(id, prefix);
            }
            default -> {
                Node params = n.optField("params");
                Map<String, Object> p = null;
                if (params != null) {
                    if (!params.isObject()) {
                        throw params.fail("params must be an object");
                    }
                    p = paramsObject(params);
                }
                yield new Constraint.Extension(type, p);
            }
        };
        if (Constraint.CANONICAL_TYPES.contains(type) && n.has("params")) {
            throw new StrictJson.Failure(n.path() + ".params",
                    "params is only permitted on extension constraint types");
        }
        n.noOtherFields();
        return c;
    }

    static Map<String, Object> paramsObject(Node n) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (var it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            m.put(k, paramsValue(n.field(k)));
        }
        return m;
    }

    static Object paramsValue(Node n) {
        var j = n.raw();
        if (j.isNull()) {
            return null;
        }
        if (j.isBoolean()) {
            return j.booleanValue();
        }
        if (j.isTextual()) {
            return j.textValue();
        }
        if (j.isNumber()) {
            return n.integer();
        }
        if (j.isArray()) {
            return n.arrayOf((c, i) -> paramsValue(c));
        }
        if (j.isObject()) {
            return paramsObject(n);
        }
        throw n.fail("value outside the params value model");
    }

    static SessionToken token(Node n) {
        n.object();
        int version = n.field("version").int32();
        String sessionId = n.field("session_id").string();
        String agentId = n.field("agent_id").string();
        HybridPublicKey agentKey = key(n.field("agent_pub_key"));
        String humanId = n.field("human_id").string();
        List<String> scope = n.field("granted_scope").strings();
        long issuedAt = n.field("issued_at").integer();
        long validUntil = n.field("valid_until").integer();
        Node ch = n.field("chain_hash");
        byte[] chainHash = ch.base64();
        if (chainHash.length != 32) {
            throw ch.fail("chain_hash must be 32 bytes");
        }
        Node macNode = n.field("mac");
        byte[] mac = macNode.base64();
        if (mac.length != 32) {
            throw macNode.fail("mac must be 32 bytes");
        }
        n.noOtherFields();
        return new SessionToken(version, sessionId, agentId, agentKey, humanId, scope, issuedAt,
                validUntil, Bytes.wrap(chainHash), Bytes.wrap(mac));
    }

    static StreamedTurn turn(Node n) {
        n.object();
        byte[] challenge = n.field("challenge").base64();
        long at = n.field("challenge_at").integer();
        HybridSignature s = sig(n.field("challenge_sig"));
        Node sc = n.optField("session_context");
        Node sid = n.optField("stream_id");
        Node seq = n.optField("stream_seq");
        n.noOtherFields();
        return new StreamedTurn(Bytes.wrap(challenge), at, s,
                sc == null ? null : Bytes.wrap(sc.base64()), sid == null ? null : Bytes.wrap(sid.base64()),
                seq == null ? 0 : seq.integer());
    }

    static RevocationList revocationList(Node n) {
        n.object();
        RevocationList r = new RevocationList(n.field("issuer_id").string(),
                n.field("updated_at").integer(), n.field("revoked_certs").strings(),
                sig(n.field("signature")));
        n.noOtherFields();
        return r;
    }

    static RevocationPush revocationPush(Node n) {
        n.object();
        RevocationPush r = new RevocationPush(n.field("issuer_id").string(),
                n.field("seq_no").integer(), n.field("entries").strings(), n.field("pushed_at").integer(),
                sig(n.field("signature")));
        n.noOtherFields();
        return r;
    }

    static WitnessEntry witness(Node n) {
        n.object();
        WitnessEntry w = new WitnessEntry(Bytes.wrap(n.field("prev_hash").base64()),
                Bytes.wrap(n.field("entry_data").base64()), n.field("timestamp").integer(),
                n.field("witness_id").string(), sig(n.field("signature")));
        n.noOtherFields();
        return w;
    }

    static KeyRotationStatement rotation(Node n) {
        n.object();
        KeyRotationStatement k = new KeyRotationStatement(n.field("version").int32(),
                n.field("old_id").string(), key(n.field("old_pub_key")), n.field("new_id").string(),
                key(n.field("new_pub_key")), n.field("rotated_at").integer(), n.field("reason").string(),
                sig(n.field("signature_old")), sig(n.field("signature_new")));
        n.noOtherFields();
        return k;
    }

    static TransactionReceipt receipt(Node n) {
        n.object();
        int version = n.field("version").int32();
        String txId = n.field("transaction_id").string();
        long created = n.field("created_at").integer();
        String uri = n.field("terms_schema_uri").string();
        byte[] terms = n.field("terms_canonical_json").base64();
        List<TransactionReceipt.Party> parties = n.field("parties").arrayOf((p, i) -> {
            p.object();
            TransactionReceipt.Party party = new TransactionReceipt.Party(p.field("party_id").string(),
                    p.field("role").string(), p.field("agent_id").string(), key(p.field("agent_pub_key")),
                    bundle(p.field("proof_bundle")));
            p.noOtherFields();
            return party;
        });
        List<TransactionReceipt.PartySignature> sigs = n.field("party_signatures").arrayOf((p, i) -> {
            p.object();
            var ps = new TransactionReceipt.PartySignature(p.field("party_id").string(),
                    sig(p.field("signature")));
            p.noOtherFields();
            return ps;
        });
        n.noOtherFields();
        return new TransactionReceipt(version, txId, created, uri, Bytes.wrap(terms), parties, sigs);
    }

    static KeyPairFile keyFile(Node n) {
        n.object();
        Node kind = n.field("kind");
        if (!KeyPairFile.KIND.equals(kind.string())) {
            throw kind.fail("expected \"" + KeyPairFile.KIND + "\"");
        }
        String role = n.field("role").string();
        String id = n.field("id").string();
        HybridPublicKey pub = key(n.field("public_key"));
        Node edNode = n.field("ed25519_seed");
        Node mlNode = n.field("ml_dsa_65_seed");
        byte[] ed = edNode.base64();
        byte[] ml = mlNode.base64();
        if (ed.length != 32) {
            throw edNode.fail("seed must be 32 bytes");
        }
        if (ml.length != 32) {
            throw mlNode.fail("seed must be 32 bytes");
        }
        Node nameNode = n.optField("name");
        Node typeNode = n.optField("agent_type");
        long created = n.field("created_at").integer();
        n.noOtherFields();
        HybridKeyPair kp = HybridKeyPair.fromSeeds(Bytes.wrap(ed), Bytes.wrap(ml));
        if (!kp.publicKey().equals(pub)) {
            throw new StrictJson.Failure(n.path() + ".public_key",
                    "does not match the key derived from the seeds");
        }
        if (!kp.id().equals(id)) {
            throw new StrictJson.Failure(n.path() + ".id", "does not match the derived identifier");
        }
        return new KeyPairFile(role, kp, nameNode == null ? null : nameNode.string(),
                typeNode == null ? null : typeNode.string(), created);
    }
}
