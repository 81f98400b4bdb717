package dev.herald.governance.identity;

import dev.herald.platform.domain.Conflict;
import dev.herald.platform.domain.Invalid;
import dev.herald.platform.domain.NotFound;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.herald.ratify.Anchor;
import dev.herald.ratify.DelegationCert;
import dev.herald.ratify.Documents;
import dev.herald.ratify.HybridPublicKey;
import dev.herald.ratify.crypto.Ed25519s;
import dev.herald.ratify.KeyRotationStatement;
import dev.herald.ratify.RatifyException;
import dev.herald.ratify.RatifyJson;
import dev.herald.platform.http.FieldCheck;
import dev.herald.platform.store.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;

/**
 * The workspace's Ratify registry: principals (human roots), agents and delegation certs, public
 * parts only, each verified before it is stored. Principals are addressed by the id of their
 * current key; a verified {@link KeyRotationStatement} moves the record to the new id and the old
 * id never resolves again (SPEC 13.1). Thread-safe.
 */
public final class RatifyRegistry {
    /** SPEC 13.1: exactly 32 lower-case hex characters. */
    public static final Pattern HUMAN_ID = Pattern.compile("[0-9a-f]{32}");
    /** Looked up in place of a malformed id, so every 404 costs the same database round trip. */
    private static final String NEVER_AN_ID = "--------------------------------";
    private static final List<String> ANCHOR_TYPES = List.of("email", "enterprise_sso", "government_id");

    private final Database db;
    private final Clock clock;
    private final ObjectMapper mapper;

    public RatifyRegistry(Database db, Clock clock, ObjectMapper mapper) {
        this.db = db;
        this.clock = clock;
        this.mapper = mapper;
    }

    /** A principal: its decoded key and rotations, and the {@link PrincipalDocument} the registry serves. */
    public record PrincipalRecord(String humanId, HybridPublicKey publicKey, List<KeyRotationStatement> rotations,
                                  long updatedAt, PrincipalDocument document) {
    }

    /** An identity anchor as stored (SPEC 5.5), members in canonical order. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonPropertyOrder({"provider", "reference", "type", "verified_at"})
    record StoredAnchor(String provider, String reference, String type, long verifiedAt) {
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    /**
     * Registers a principal by its public key (idempotent: an active principal is returned as is;
     * a removed one is restored). An id that was rotated away is refused.
     */
    public PrincipalRecord registerPrincipal(String workspaceId, HybridPublicKey key, Anchor anchor) {
        requireUsableKey("public_key", key);
        String id = key.deriveId();
        return db.write(h -> {
            if (retired(h, workspaceId, id)) {
                throw new Conflict("principal " + id + " was rotated to a new key and cannot be registered again");
            }
            Optional<Long> removedAt = h.createQuery("SELECT removed_at FROM registry_principals "
                            + "WHERE workspace_id = :ws AND human_id = :id")
                    .bind("ws", workspaceId).bind("id", id)
                    .map((rs, c) -> {
                        long v = rs.getLong(1);
                        return rs.wasNull() ? -1L : v;
                    }).findOne();
            long now = now();
            if (removedAt.isEmpty()) {
                h.createUpdate("""
                        INSERT INTO registry_principals (workspace_id, human_id, public_key, anchor, rotations,
                            created_at, updated_at) VALUES (:ws, :id, :key, :anchor, '[]', :now, :now)""")
                        .bind("ws", workspaceId).bind("id", id).bind("key", text(RatifyJson.encode(key)))
                        .bind("anchor", anchor == null ? null : anchorJson(anchor)).bind("now", now).execute();
            } else if (removedAt.get() >= 0 || anchor != null) {
                h.createUpdate("""
                        UPDATE registry_principals SET removed_at = NULL, anchor = COALESCE(:anchor, anchor),
                            updated_at = :now WHERE workspace_id = :ws AND human_id = :id""")
                        .bind("anchor", anchor == null ? null : anchorJson(anchor)).bind("now", now)
                        .bind("ws", workspaceId).bind("id", id).execute();
            }
            return load(h, workspaceId, id).orElseThrow();
        });
    }

    /** Removes a principal: it answers 404 from then on, and so does a second removal. */
    public void removePrincipal(String workspaceId, String humanId) {
        int removed = db.write(h -> h.createUpdate("UPDATE registry_principals SET removed_at = :now, updated_at = :now "
                        + "WHERE workspace_id = :ws AND human_id = :id AND removed_at IS NULL")
                .bind("now", now()).bind("ws", workspaceId).bind("id", humanId).execute());
        if (removed != 1) {
            throw new NotFound("principal '" + humanId + "' not found");
        }
    }

    /**
     * The principal whose current id is {@code humanId}; empty for a malformed, unknown, removed or
     * rotated-away id alike (the caller answers all of them the same way).
     */
    public Optional<PrincipalRecord> principal(String workspaceId, String humanId) {
        String id = humanId != null && HUMAN_ID.matcher(humanId).matches() ? humanId : NEVER_AN_ID;
        return db.read(h -> load(h, workspaceId, id));
    }

    private Optional<PrincipalRecord> load(Handle h, String workspaceId, String id) {
        return h.createQuery("""
                SELECT human_id, public_key, anchor, rotations, updated_at FROM registry_principals
                WHERE workspace_id = :ws AND human_id = :id AND removed_at IS NULL""")
                .bind("ws", workspaceId).bind("id", id)
                .map((rs, c) -> toRecord(rs.getString("human_id"), rs.getString("public_key"), rs.getString("anchor"),
                        rs.getString("rotations"), rs.getLong("updated_at")))
                .findOne();
    }

    private PrincipalRecord toRecord(String id, String keyJson, String anchorJson, String rotationsJson, long updatedAt) {
        try {
            HybridPublicKey key = RatifyJson.decodePublicKey(keyJson.getBytes(StandardCharsets.UTF_8));
            List<KeyRotationStatement> rotations = new ArrayList<>();
            List<JsonNode> rotationNodes = new ArrayList<>();
            for (JsonNode n : mapper.readTree(rotationsJson)) {
                rotations.add(RatifyJson.decodeKeyRotation(mapper.writeValueAsBytes(n)));
                rotationNodes.add(n);
            }
            JsonNode anchor = anchorJson == null ? null : mapper.readTree(anchorJson);
            return new PrincipalRecord(id, key, rotations, updatedAt,
                    new PrincipalDocument(id, mapper.readTree(keyJson), rotationNodes, anchor, updatedAt));
        } catch (IOException e) {
            throw new UncheckedIOException("stored principal " + id + " is unreadable", e);
        }
    }

    private String anchorJson(Anchor a) {
        try {
            return mapper.writeValueAsString(new StoredAnchor(a.provider(), a.reference(), a.type(), a.verifiedAt()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an anchor is plain strings and a number", e);
        }
    }

    /** Checks an anchor's fields (SPEC 5.5), naming every bad one. */
    public static Anchor anchor(String type, String provider, String reference, Long verifiedAt) {
        FieldCheck check = new FieldCheck();
        if (type == null || !ANCHOR_TYPES.contains(type)) {
            check.fail("anchor.type", "must be email, enterprise_sso or government_id");
        }
        if (provider == null || provider.isBlank() || provider.length() > 100) {
            check.fail("anchor.provider", "is required (at most 100 characters)");
        }
        if (reference == null || reference.isBlank() || reference.length() > 256) {
            check.fail("anchor.reference", "is required (an opaque handle, at most 256 characters)");
        }
        if (verifiedAt == null || verifiedAt < 0) {
            check.fail("anchor.verified_at", "is required (unix seconds)");
        }
        check.throwIfAny();
        return new Anchor(type, provider, reference, verifiedAt);
    }

    private static boolean retired(Handle h, String workspaceId, String id) {
        return h.createQuery("SELECT COUNT(*) FROM registry_retired_ids WHERE workspace_id = :ws AND human_id = :id")
                .bind("ws", workspaceId).bind("id", id).mapTo(Integer.class).one() > 0;
    }

    /**
     * Applies a key rotation (SPEC 5.15): both signatures verified, the old id must be the current
     * id of an active principal whose key is {@code old_pub_key}, and the new id must be unused.
     * The record moves to the new id with the statement appended to its chain.
     */
    public PrincipalRecord rotate(String workspaceId, KeyRotationStatement statement) {
        requireUsableKey("key_rotation.new_pub_key", statement.newPubKey());
        try {
            Documents.verifyKeyRotation(statement);
        } catch (RatifyException e) {
            throw new Invalid("key_rotation", "does not verify: " + e.getMessage());
        }
        return db.write(h -> {
            PrincipalRecord current = load(h, workspaceId, statement.oldId()).orElseThrow(() ->
                    new NotFound("no active principal " + statement.oldId() + " in this registry"));
            if (!current.publicKey().equals(statement.oldPubKey())) {
                throw new Invalid("key_rotation.old_pub_key", "is not the principal's current key");
            }
            if (!current.rotations().isEmpty()
                    && current.rotations().getLast().rotatedAt() > statement.rotatedAt()) {
                throw new Invalid("key_rotation.rotated_at", "precedes the principal's previous rotation");
            }
            int taken = h.createQuery("SELECT COUNT(*) FROM registry_principals WHERE workspace_id = :ws AND human_id = :id")
                    .bind("ws", workspaceId).bind("id", statement.newId()).mapTo(Integer.class).one();
            if (taken > 0 || retired(h, workspaceId, statement.newId())) {
                throw new Conflict("the new key's id " + statement.newId() + " is already in use");
            }
            String anchor = h.createQuery("SELECT anchor FROM registry_principals WHERE workspace_id = :ws AND human_id = :id")
                    .bind("ws", workspaceId).bind("id", statement.oldId()).mapTo(String.class).findOne().orElse(null);
            long created = h.createQuery("SELECT created_at FROM registry_principals WHERE workspace_id = :ws "
                            + "AND human_id = :id")
                    .bind("ws", workspaceId).bind("id", statement.oldId()).mapTo(Long.class).one();
            StringBuilder chain = new StringBuilder("[");
            for (KeyRotationStatement s : current.rotations()) {
                chain.append(text(RatifyJson.encode(s))).append(',');
            }
            chain.append(text(RatifyJson.encode(statement))).append(']');
            h.createUpdate("DELETE FROM registry_principals WHERE workspace_id = :ws AND human_id = :id")
                    .bind("ws", workspaceId).bind("id", statement.oldId()).execute();
            h.createUpdate("INSERT INTO registry_retired_ids (workspace_id, human_id, successor_id) VALUES (:ws, :old, :new)")
                    .bind("ws", workspaceId).bind("old", statement.oldId()).bind("new", statement.newId()).execute();
            h.createUpdate("""
                    INSERT INTO registry_principals (workspace_id, human_id, public_key, anchor, rotations, created_at,
                        updated_at) VALUES (:ws, :id, :key, :anchor, :rotations, :created, :now)""")
                    .bind("ws", workspaceId).bind("id", statement.newId())
                    .bind("key", text(RatifyJson.encode(statement.newPubKey()))).bind("anchor", anchor)
                    .bind("rotations", chain.toString()).bind("created", created).bind("now", now()).execute();
            return load(h, workspaceId, statement.newId()).orElseThrow();
        });
    }

    /** An agent identity (SPEC 5.6), public parts only. */
    public record AgentRecord(String agentId, HybridPublicKey publicKey, String name, String agentType, long createdAt) {
    }

    /** Registers an agent by its public key (idempotent for the same key, name and type). */
    public AgentRecord registerAgent(String workspaceId, HybridPublicKey key, String name, String agentType) {
        requireUsableKey("public_key", key);
        if (name == null || name.isBlank() || name.getBytes(StandardCharsets.UTF_8).length > 256) {
            throw new Invalid("name", "is required (at most 256 bytes)");
        }
        if (agentType == null || !agentType.matches("[a-z][a-z0-9_]{0,49}")) {
            throw new Invalid("agent_type", "is required, e.g. voice_agent");
        }
        String id = key.deriveId();
        return db.write(h -> {
            Optional<AgentRecord> existing = agent(h, workspaceId, id);
            if (existing.isPresent()) {
                if (!existing.get().name().equals(name) || !existing.get().agentType().equals(agentType)) {
                    throw new Conflict("agent " + id + " is already registered with another name or type");
                }
                return existing.get();
            }
            h.createUpdate("""
                    INSERT INTO registry_agents (workspace_id, agent_id, public_key, name, agent_type, created_at)
                    VALUES (:ws, :id, :key, :name, :type, :now)""")
                    .bind("ws", workspaceId).bind("id", id).bind("key", text(RatifyJson.encode(key)))
                    .bind("name", name).bind("type", agentType).bind("now", now()).execute();
            return agent(h, workspaceId, id).orElseThrow();
        });
    }

    public Optional<AgentRecord> agent(String workspaceId, String agentId) {
        return db.read(h -> agent(h, workspaceId, agentId));
    }

    private static Optional<AgentRecord> agent(Handle h, String workspaceId, String agentId) {
        return h.createQuery("SELECT agent_id, public_key, name, agent_type, created_at FROM registry_agents "
                        + "WHERE workspace_id = :ws AND agent_id = :id")
                .bind("ws", workspaceId).bind("id", agentId)
                .map((rs, c) -> new AgentRecord(rs.getString("agent_id"),
                        RatifyJson.decodePublicKey(rs.getString("public_key").getBytes(StandardCharsets.UTF_8)),
                        rs.getString("name"), rs.getString("agent_type"), rs.getLong("created_at")))
                .findOne();
    }

    /**
     * Stores a delegation cert after checking that its ids derive from its keys and its signature
     * verifies with the issuer key. Idempotent for the identical cert; another cert under the same
     * cert_id is a conflict.
     */
    public DelegationCert storeDelegation(String workspaceId, DelegationCert cert) {
        if (!cert.issuerPubKey().hasValidLengths() || !cert.issuerPubKey().deriveId().equals(cert.issuerId())) {
            throw new Invalid("cert.issuer_id", "does not derive from issuer_pub_key");
        }
        if (!cert.subjectPubKey().hasValidLengths() || !cert.subjectPubKey().deriveId().equals(cert.subjectId())) {
            throw new Invalid("cert.subject_id", "does not derive from subject_pub_key");
        }
        try {
            Documents.verifyDelegationSignature(cert);
        } catch (RatifyException e) {
            throw new Invalid("cert.signature", "does not verify with the issuer key");
        }
        String document = text(RatifyJson.encode(cert));
        return db.write(h -> {
            Optional<String> held = h.createQuery("SELECT document FROM registry_delegations "
                            + "WHERE workspace_id = :ws AND cert_id = :id")
                    .bind("ws", workspaceId).bind("id", cert.certId()).mapTo(String.class).findOne();
            if (held.isPresent()) {
                if (!held.get().equals(document)) {
                    throw new Conflict("another cert is already stored under cert_id " + cert.certId());
                }
                return cert;
            }
            h.createUpdate("""
                    INSERT INTO registry_delegations (workspace_id, cert_id, issuer_id, subject_id, scope, issued_at,
                        expires_at, document) VALUES (:ws, :id, :issuer, :subject, :scope, :issued, :expires, :doc)""")
                    .bind("ws", workspaceId).bind("id", cert.certId()).bind("issuer", cert.issuerId())
                    .bind("subject", cert.subjectId()).bind("scope", String.join(" ", cert.scope()))
                    .bind("issued", cert.issuedAt()).bind("expires", cert.expiresAt()).bind("doc", document).execute();
            return cert;
        });
    }

    /** The certs stored for a subject (an agent), oldest first. */
    public List<DelegationCert> delegationsOf(String workspaceId, String subjectId) {
        return db.read(h -> h.createQuery("SELECT document FROM registry_delegations WHERE workspace_id = :ws "
                        + "AND subject_id = :s ORDER BY issued_at, cert_id")
                .bind("ws", workspaceId).bind("s", subjectId).mapTo(String.class).list()).stream()
                .map(d -> RatifyJson.decodeDelegationCert(d.getBytes(StandardCharsets.UTF_8))).toList();
    }

    /** The registered principal key for an issuer id, if the issuer is a principal here. */
    public Optional<HybridPublicKey> principalKey(String workspaceId, String humanId) {
        return principal(workspaceId, humanId).map(PrincipalRecord::publicKey);
    }

    private static String text(byte[] utf8) {
        return new String(utf8, StandardCharsets.UTF_8);
    }

    /**
     * Refuses keys no signature should be verified under: wrong component lengths, and an Ed25519
     * component that is of small order or not canonically encoded (verification refuses both, so
     * such a principal or agent could never sign anything).
     */
    private static void requireUsableKey(String field, HybridPublicKey key) {
        if (!key.hasValidLengths()) {
            throw new Invalid(field, "key components have the wrong length");
        }
        if (!Ed25519s.isValidPublicKey(key.ed25519().toArray())) {
            throw new Invalid(field + ".ed25519",
                    "is not a usable Ed25519 public key (a small-order point or a non-canonical encoding)");
        }
    }
}
