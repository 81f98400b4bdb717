package dev.herald.governance.policy;

import dev.herald.platform.domain.Conflict;
import dev.herald.platform.domain.NotFound;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.platform.http.FieldCheck;
import dev.herald.platform.http.Page;
import dev.herald.platform.http.PageRequest;
import dev.herald.platform.store.Database;
import dev.herald.platform.store.Ids;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Project policies: create, list, read, add a version, deactivate; and the snapshot a session
 * locks at start. Every query carries the project id, so another project's policy is a 404.
 * Thread-safe.
 */
public final class PolicyService {
    private static final String COLUMNS = "SELECT p.id, p.project_id, p.name, p.current_version, p.active, "
            + "p.created_at, p.updated_at, v.document FROM policies p JOIN policy_versions v "
            + "ON v.policy_id = p.id AND v.version = p.current_version ";

    private final Database db;
    private final Ids ids;
    private final Clock clock;
    private final ObjectMapper mapper;

    public PolicyService(Database db, Ids ids, Clock clock, ObjectMapper mapper) {
        this.db = db;
        this.ids = ids;
        this.clock = clock;
        this.mapper = mapper;
    }

    public Policy create(String workspaceId, String projectId, NewPolicy request) {
        checked(new FieldCheck().name("name", request.name()), request.policyJson());
        String id = ids.next("pol");
        long now = clock.millis();
        return db.write(h -> {
            h.createUpdate("INSERT INTO policies (id, workspace_id, project_id, name, current_version, active, "
                            + "created_at, updated_at) VALUES (:id, :w, :p, :n, 1, 1, :t, :t)")
                    .bind("id", id).bind("w", workspaceId).bind("p", projectId).bind("n", request.name())
                    .bind("t", now).execute();
            insertVersion(h, id, 1, request.policyJson(), now);
            return find(h, projectId, id).orElseThrow();
        });
    }

    public Policy get(String projectId, String policyId) {
        return db.read(h -> find(h, projectId, policyId)).orElseThrow(() -> notFound(policyId));
    }

    public Policy version(String projectId, String policyId, int version) {
        Policy current = get(projectId, policyId);
        return db.read(h -> h.createQuery("SELECT document, created_at FROM policy_versions WHERE policy_id = :id AND version = :v")
                        .bind("id", policyId).bind("v", version)
                        .map((rs, c) -> {
                            Instant at = Instant.ofEpochMilli(rs.getLong("created_at"));
                            return new Policy(policyId, projectId, current.name(), version, current.active(),
                                    parse(rs.getString("document")), at, at);
                        })
                        .findOne())
                .orElseThrow(() -> new NotFound("policy " + policyId + " has no version " + version));
    }

    public Page<Policy> list(String projectId, PageRequest page) {
        List<Policy> rows = db.read(h -> h.createQuery(COLUMNS + "WHERE p.project_id = :p AND p.id > :after "
                        + "ORDER BY p.id LIMIT :n")
                .bind("p", projectId).bind("after", page.afterOrEmpty()).bind("n", page.fetchSize())
                .map((rs, c) -> row(rs)).list());
        return Page.of(rows, page, Policy::id);
    }

    /** Adds a version that becomes current; sessions already running keep their snapshot. */
    public Policy addVersion(String projectId, String policyId, NewPolicyVersion request) {
        checked(new FieldCheck(), request.policyJson());
        long now = clock.millis();
        return db.write(h -> {
            Policy current = find(h, projectId, policyId).orElseThrow(() -> notFound(policyId));
            if (!current.active()) {
                throw new Conflict("policy " + policyId + " is deactivated");
            }
            int next = current.version() + 1;
            insertVersion(h, policyId, next, request.policyJson(), now);
            h.createUpdate("UPDATE policies SET current_version = :v, updated_at = :t WHERE id = :id")
                    .bind("v", next).bind("t", now).bind("id", policyId).execute();
            return find(h, projectId, policyId).orElseThrow();
        });
    }

    public Policy deactivate(String projectId, String policyId) {
        long now = clock.millis();
        return db.write(h -> {
            find(h, projectId, policyId).orElseThrow(() -> notFound(policyId));
            h.createUpdate("UPDATE policies SET active = 0, updated_at = :t WHERE id = :id AND active = 1")
                    .bind("t", now).bind("id", policyId).execute();
            return find(h, projectId, policyId).orElseThrow();
        });
    }

    /**
     * Freezes the project's active policies (current versions, ordered by id) into a snapshot
     * document with id {@code snapshotId}. Runs on the caller's handle, inside its transaction.
     */
    public PolicySnapshot snapshot(Handle h, String projectId, String snapshotId) {
        List<Policy> active = h.createQuery(COLUMNS + "WHERE p.project_id = :p AND p.active = 1 ORDER BY p.id")
                .bind("p", projectId).map((rs, c) -> row(rs)).list();
        List<PolicySnapshot.Entry> entries = new ArrayList<>();
        List<PolicyRules> rules = new ArrayList<>();
        for (Policy p : active) {
            entries.add(new PolicySnapshot.Entry(p.id(), p.name(), null, p.document(), projectId, "project", p.version()));
            rules.add(p.document().rules());
        }
        ObjectNode doc = mapper.valueToTree(new PolicySnapshot.Document(PolicySnapshot.KIND, snapshotId, projectId,
                entries));
        return new PolicySnapshot(snapshotId, PolicySnapshot.hashOf(doc).hex(), doc, PolicyRules.combine(rules));
    }

    /** Adds the document's own checks to {@code check}, then throws every error found. */
    private static void checked(FieldCheck check, PolicyDocument document) {
        check.required("policy_json", document);
        if (document != null) {
            document.check(check, "policy_json");
        }
        check.throwIfAny();
    }

    private void insertVersion(Handle h, String policyId, int version, PolicyDocument document, long now) {
        try {
            h.createUpdate("INSERT INTO policy_versions (policy_id, version, document, created_at) VALUES (:id, :v, :d, :t)")
                    .bind("id", policyId).bind("v", version).bind("d", mapper.writeValueAsString(document))
                    .bind("t", now).execute();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Optional<Policy> find(Handle h, String projectId, String policyId) {
        return h.createQuery(COLUMNS + "WHERE p.project_id = :p AND p.id = :id")
                .bind("p", projectId).bind("id", policyId).map((rs, c) -> row(rs)).findOne();
    }

    private Policy row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Policy(rs.getString("id"), rs.getString("project_id"), rs.getString("name"),
                rs.getInt("current_version"), rs.getInt("active") == 1, parse(rs.getString("document")),
                Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")));
    }

    private PolicyDocument parse(String json) {
        try {
            return mapper.readValue(json, PolicyDocument.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored policy is not JSON", e);
        }
    }

    private static NotFound notFound(String id) {
        return new NotFound("policy '" + id + "' not found");
    }
}
