package dev.herald.governance.realtime;

import dev.herald.platform.domain.Conflict;
import dev.herald.platform.domain.NotFound;
import dev.herald.ratify.crypto.Ed25519s;
import dev.herald.platform.http.FieldCheck;
import dev.herald.platform.store.Database;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * A project's sidecar public keys: register, list, retire. Retired keys stop verifying new atoms
 * at once (every batch reads the active keys in its own transaction). Thread-safe.
 */
public final class SidecarKeyService {
    private static final String COLUMNS = "SELECT project_id, key_id, algorithm, public_key, created_at, retired_at "
            + "FROM sidecar_keys ";
    private final Database db;
    private final Clock clock;

    public SidecarKeyService(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Registers a key; every bad field is named at once, a taken key id is a conflict. */
    public SidecarKey register(String workspaceId, String projectId, NewSidecarKey request) {
        FieldCheck check = new FieldCheck().name("key_id", request.keyId()).required("algorithm", request.algorithm())
                .required("public_key", request.publicKey());
        SidecarAlgorithm alg = SidecarAlgorithm.fromWire(request.algorithm()).orElse(null);
        if (alg == null && !isBlank(request.algorithm())) {
            check.fail("algorithm", "must be 'ed25519' or 'ml-dsa-65'");
        }
        byte[] raw = alg == null || isBlank(request.publicKey()) ? null : publicKey(check, alg, request.publicKey());
        check.throwIfAny();
        String keyId = request.keyId();
        long now = clock.millis();
        try {
            db.write(h -> h.createUpdate("INSERT INTO sidecar_keys (project_id, key_id, workspace_id, algorithm, public_key, "
                            + "created_at) VALUES (:p, :k, :w, :a, :pk, :t)")
                    .bind("p", projectId).bind("k", keyId).bind("w", workspaceId).bind("a", alg.wire())
                    .bind("pk", java.util.Base64.getEncoder().encodeToString(raw)).bind("t", now).execute());
        } catch (RuntimeException e) {
            if (Database.isUniqueViolation(e)) {
                throw new Conflict("sidecar key '" + keyId + "' is already registered in this project");
            }
            throw e;
        }
        return new SidecarKey(projectId, keyId, alg, raw, now, null);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /** The raw key of {@code text}, or null with the reason added to {@code check}. */
    private static byte[] publicKey(FieldCheck check, SidecarAlgorithm alg, String text) {
        byte[] raw = SignatureCodec.decode(text, alg.wire()).orElse(null);
        if (raw == null) {
            check.fail("public_key", "must be base64 (optionally prefixed '" + alg.wire() + ":')");
        } else if (raw.length != alg.publicKeySize()) {
            check.fail("public_key", "an " + alg.wire() + " public key is " + alg.publicKeySize()
                    + " bytes, got " + raw.length);
        } else if (alg == SidecarAlgorithm.ED25519 && !Ed25519s.isValidPublicKey(raw)) {
            check.fail("public_key",
                    "is not a usable Ed25519 public key (a small-order point or a non-canonical encoding)");
        }
        return raw;
    }

    public List<SidecarKey> list(String projectId) {
        return db.read(h -> h.createQuery(COLUMNS + "WHERE project_id = :p ORDER BY key_id").bind("p", projectId)
                .map((rs, c) -> row(rs)).list());
    }

    public SidecarKey retire(String projectId, String keyId) {
        return db.write(h -> {
            h.createUpdate("UPDATE sidecar_keys SET retired_at = :t WHERE project_id = :p AND key_id = :k AND retired_at IS NULL")
                    .bind("t", clock.millis()).bind("p", projectId).bind("k", keyId).execute();
            return h.createQuery(COLUMNS + "WHERE project_id = :p AND key_id = :k").bind("p", projectId).bind("k", keyId)
                    .map((rs, c) -> row(rs)).findOne()
                    .orElseThrow(() -> new NotFound("sidecar key '" + keyId + "' not found"));
        });
    }

    /** The project's active keys by key id, read on the caller's handle. */
    public Map<String, SidecarKey> active(Handle h, String projectId) {
        return h.createQuery(COLUMNS + "WHERE project_id = :p AND retired_at IS NULL").bind("p", projectId)
                .map((rs, c) -> row(rs)).list().stream()
                .collect(Collectors.toMap(SidecarKey::keyId, Function.identity()));
    }

    private static SidecarKey row(java.sql.ResultSet rs) throws java.sql.SQLException {
        long retired = rs.getLong("retired_at");
        Long retiredAt = rs.wasNull() ? null : retired;
        return new SidecarKey(rs.getString("project_id"), rs.getString("key_id"),
                SidecarAlgorithm.fromWire(rs.getString("algorithm")).orElseThrow(),
                java.util.Base64.getDecoder().decode(rs.getString("public_key")), rs.getLong("created_at"), retiredAt);
    }
}
