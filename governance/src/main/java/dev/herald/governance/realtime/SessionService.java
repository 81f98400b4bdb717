package dev.herald.governance.realtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.evidence.artifact.ArtifactFormat;
import dev.herald.governance.attest.AttestationService;
import dev.herald.governance.attest.SessionLedger;
import dev.herald.governance.policy.Decision;
import dev.herald.governance.policy.PolicyEngine;
import dev.herald.governance.policy.PolicyService;
import dev.herald.governance.policy.PolicySnapshot;
import dev.herald.platform.domain.Conflict;
import dev.herald.platform.idempotency.Answer;
import dev.herald.platform.idempotency.AnswerStore;
import dev.herald.platform.idempotency.Fingerprint;
import dev.herald.platform.idempotency.IdempotentWrites;
import dev.herald.platform.store.Database;
import dev.herald.platform.store.Ids;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Realtime session lifecycle: start (policy decision, locked snapshot, permit, budget envelope,
 * first chain entry, all in one transaction), end (terminal entry, project ledger entry, then the
 * attestation artifact), fail, and the session view. Thread-safe.
 */
public final class SessionService {
    private static final Logger log = LoggerFactory.getLogger(SessionService.class);

    private final Database db;
    private final Ids ids;
    private final Clock clock;
    private final ObjectMapper mapper;
    private final SessionStore store;
    private final PolicyService policies;
    private final SessionLedger ledger;
    private final AttestationService attestation;
    private final List<StartAuthorization> authorizations = new CopyOnWriteArrayList<>();
    private final List<CloseListener> closeListeners = new CopyOnWriteArrayList<>();

    /** Told, inside the closing transaction, that a session ended or failed (after its terminal chain entry). */
    @FunctionalInterface
    public interface CloseListener {
        void closed(Handle h, SessionRow row, String status, String reason);
    }

    public void onClose(CloseListener listener) {
        closeListeners.add(listener);
    }

    public SessionService(Database db, Ids ids, Clock clock, ObjectMapper mapper, SessionStore store,
                          PolicyService policies, SessionLedger ledger, AttestationService attestation) {
        this.db = db;
        this.ids = ids;
        this.clock = clock;
        this.mapper = mapper;
        this.store = store;
        this.policies = policies;
        this.ledger = ledger;
        this.attestation = attestation;
    }

    /** Adds a hook that takes part in every later session start. */
    public void register(StartAuthorization authorization) {
        authorizations.add(authorization);
    }

    public SessionStore store() {
        return store;
    }

    public SessionLedger ledger() {
        return ledger;
    }

    /** What a start answered: the body, and whether it is the replay of an earlier start. */
    public record Started(ObjectNode body, boolean replayed) {
    }

    /**
     * Starts a session, or replays the answer of the start with the same (project, idempotency key).
     * A different request under a used key is 409; a deny is a {@link SessionDenied} (nothing written).
     *
     * @param fingerprint SHA-256 hex of the request body, to tell a replay from a conflicting reuse
     * @param extra       an additional hook for this start only, or null
     */
    public Started start(StartRequest req, String fingerprint, StartAuthorization extra) {
        try {
            IdempotentWrites.Answered answered = new IdempotentWrites(db).once(replay(), req.projectId(),
                    req.idempotencyKey(), new Fingerprint(fingerprint), h -> startIn(h, req, fingerprint, extra));
            return new Started((ObjectNode) store.json(answered.answer().json()), answered.replayed());
        } catch (SessionDenied denied) {
            for (StartAuthorization a : authorizations) {
                a.onDenied(req, denied.decision());
            }
            throw denied;
        }
    }

    /**
     * The session starts' answers for the one idempotency mechanism, by (project, permit key): the
     * session row is the claim (unique on both) and keeps the answer with its sealed members, which
     * a replay opens again.
     */
    private AnswerStore<String> replay() {
        return new AnswerStore<>() {
            @Override
            public String keyField() {
                return "permit.idempotency_key";
            }

            @Override
            public Optional<Kept> find(Handle h, String projectId, String key) {
                return h.createQuery("SELECT id, fingerprint, start_response FROM realtime_sessions "
                                + "WHERE project_id = :p AND idempotency_key = :k")
                        .bind("p", projectId).bind("k", key)
                        .map((rs, c) -> {
                            ObjectNode body = (ObjectNode) store.json(rs.getString("start_response"));
                            for (StartAuthorization a : authorizations) {
                                a.openStored(rs.getString("id"), body);
                            }
                            return new Kept(new Fingerprint(rs.getString("fingerprint")),
                                    new Answer(201, store.text(body)));
                        }).findOne();
            }

            @Override
            public void keep(Handle h, String projectId, String key, Fingerprint fingerprint, Answer answer) {
                h.createUpdate("UPDATE realtime_sessions SET start_response = :r "
                                + "WHERE project_id = :p AND idempotency_key = :k")
                        .bind("r", answer.json()).bind("p", projectId).bind("k", key).execute();
            }
        };
    }

    private IdempotentWrites.Written startIn(Handle h, StartRequest req, String fingerprint, StartAuthorization extra) {
        String sessionId = ids.next("sess");
        String permitId = ids.next("perm");
        PolicySnapshot snapshot = policies.snapshot(h, req.projectId(), ids.next("ps"));
        Decision.Builder trace = PolicyEngine.start(snapshot.rules(), req.provider(), req.model(), req.operation(),
                req.estimatedInputTokens(), req.estimatedOutputTokens(), req.budgetTotalMicros());
        if (snapshot.document().withArray("policies").isEmpty()) {
            trace.pass("active_policies", "no active policy in the project: sessions are allowed by default");
        } else {
            trace.pass("active_policies", snapshot.document().withArray("policies").size() + " active policies locked");
        }
        for (StartAuthorization a : authorizations) {
            a.check(h, req, trace);
        }
        if (extra != null) {
            extra.check(h, req, trace);
        }
        Decision decision = trace.build();
        if (!decision.allowed()) {
            throw new SessionDenied(decision);
        }
        long budget = req.budgetTotalMicros() >= 0 ? req.budgetTotalMicros()
                : snapshot.rules().maxSessionBudgetMicros().orElse(-1L);
        long now = clock.millis();
        ObjectNode permit = mapper.createObjectNode();
        permit.put("permit_id", permitId);
        permit.put("project_id", req.projectId());
        permit.put("session_id", sessionId);
        permit.put("action_name", "realtime.session");
        permit.put("subject_type", req.subjectType());
        permit.put("subject_id", req.subjectId());
        permit.put("resource_type", req.resourceType());
        permit.put("resource_id", req.resourceId());
        permit.put("provider", req.provider());
        permit.put("model", req.model());
        permit.put("operation", req.operation());
        permit.put("execution_mode", req.executionMode());
        permit.put("decision", "allowed");
        permit.put("status", "issued");
        permit.put("idempotency_key", req.idempotencyKey());
        permit.put("policy_snapshot_id", snapshot.id());
        permit.put("policy_snapshot_hash", "sha256:" + snapshot.hash());
        permit.putNull("parent_permit_id");
        permit.put("created_at", ArtifactFormat.instant(Instant.ofEpochMilli(now)));
        h.createUpdate("""
                INSERT INTO realtime_sessions (id, workspace_id, project_id, idempotency_key, fingerprint, start_response,
                  status, permit_id, snapshot_id, snapshot_hash, snapshot, permit, provider, model, operation, metadata,
                  budget_total_micros, budget_used_micros, input_tokens, output_tokens, turn_count, allowed_turns,
                  denied_turns, atom_count, next_seq, head_hash, last_occurred_at, disclosure_seen, consent_seen,
                  started_at)
                VALUES (:id, :w, :p, :k, :f, '{}', 'active', :permit_id, :sid, :shash, :snapshot, :permit, :provider,
                  :model, :operation, :metadata, :budget, 0, 0, 0, 0, 0, 0, 0, 1, :head, :now, 0, 0, :now)""")
                .bind("id", sessionId).bind("w", req.workspaceId()).bind("p", req.projectId())
                .bind("k", req.idempotencyKey()).bind("f", fingerprint).bind("permit_id", permitId)
                .bind("sid", snapshot.id()).bind("shash", snapshot.hash()).bind("snapshot", store.text(snapshot.document()))
                .bind("permit", store.text(permit)).bind("provider", req.provider()).bind("model", req.model())
                .bind("operation", req.operation()).bind("metadata", store.text(req.metadata())).bind("budget", budget)
                .bind("head", SessionLedger.fresh(sessionId, req.projectId(), req.provider(), req.model(),
                        req.operation(), now).headHash())
                .bind("now", now).execute();
        SessionLedger.Cursor cursor = SessionLedger.fresh(sessionId, req.projectId(), req.provider(), req.model(),
                req.operation(), now);
        ObjectNode attrs = mapper.createObjectNode();
        attrs.put("category", "session_lifecycle");
        attrs.put("decision", "allowed");
        attrs.put("outcome", "session_started");
        attrs.put("permit_id", permitId);
        ObjectNode payload = mapper.createObjectNode();
        payload.set("permit", permit);
        payload.put("policy_snapshot_hash", snapshot.hash());
        payload.set("metadata", req.metadata());
        payload.put("risk_budget_total_micros", budget);
        ledger.append(cursor, "voice.session.started", attrs, payload);
        for (StartAuthorization a : authorizations) {
            a.onCreated(h, req, sessionId, ledger, cursor);
        }
        if (extra != null) {
            extra.onCreated(h, req, sessionId, ledger, cursor);
        }
        ledger.save(h, cursor);
        SessionRow row = store.find(h, req.projectId(), sessionId).orElseThrow();
        ObjectNode body = view(row);
        body.put("decision", "allow");
        body.set("authorization_trace", mapper.valueToTree(decision.trace()));
        for (StartAuthorization a : authorizations) {
            a.decorate(h, req, sessionId, body);
        }
        ObjectNode stored = body.deepCopy();
        for (StartAuthorization a : authorizations) {
            a.sealStored(sessionId, stored);
        }
        return new IdempotentWrites.Written(new Answer(201, store.text(body)), new Answer(201, store.text(stored)));
    }

    /** Ends an active session and answers its final view with the attestation artifact. */
    public ObjectNode end(String projectId, String sessionId, ArrayNode usageMetrics, ObjectNode metadata) {
        db.write(h -> {
            SessionRow row = store.lockActive(h, projectId, sessionId);
            close(h, row, SessionRow.ENDED, null, usageMetrics, metadata);
            return null;
        });
        ObjectNode body = view(store.get(projectId, sessionId));
        try {
            body.set("attestation_artifact", attestation.assemble(sessionId));
        } catch (RuntimeException e) {
            // The session is ended either way; GET .../attestation assembles it again later.
            log.warn("attestation of session {} failed: {}", sessionId, e.toString());
            body.putNull("attestation_artifact");
            body.put("attestation_error", "the attestation artifact could not be assembled yet; "
                    + "GET /v1/sessions/" + sessionId + "/attestation retries");
        }
        return body;
    }

    /**
     * Fails an active session with a reason (for example a revoked delegation): appends
     * {@code voice.session.failed}, closes it in the project ledger; its artifact is assembled on
     * demand. Joins the caller's transaction if there is one.
     */
    public void fail(String projectId, String sessionId, String reason) {
        db.write(h -> {
            SessionRow row = store.lockActive(h, projectId, sessionId);
            close(h, row, SessionRow.FAILED, reason, mapper.createArrayNode(), mapper.createObjectNode());
            return null;
        });
    }

    private void close(Handle h, SessionRow row, String status, String reason, ArrayNode usage, ObjectNode metadata) {
        SessionLedger.Cursor cursor = row.cursor();
        String type = SessionRow.ENDED.equals(status) ? "voice.session.ended" : "voice.session.failed";
        ObjectNode attrs = mapper.createObjectNode();
        attrs.put("category", "session_lifecycle");
        attrs.put("decision", "recorded");
        attrs.put("outcome", SessionRow.ENDED.equals(status) ? "session_ended" : "session_failed");
        ObjectNode payload = mapper.createObjectNode();
        payload.set("usage_metrics", usage);
        payload.set("metadata", metadata);
        if (reason != null) {
            payload.put("failure_reason", reason);
        }
        payload.put("turn_count", row.turnCount());
        payload.put("input_tokens", row.inputTokens());
        payload.put("output_tokens", row.outputTokens());
        payload.put("risk_budget_used_micros", row.budgetUsedMicros());
        ledger.append(cursor, type, attrs, payload);
        ledger.save(h, cursor);
        long endedAt = Math.max(clock.millis(), cursor.lastOccurredAt());
        ObjectNode endUsage = mapper.createObjectNode();
        endUsage.set("usage_metrics", usage);
        endUsage.set("metadata", metadata);
        h.createUpdate("UPDATE realtime_sessions SET status = :s, ended_at = :t, failure_reason = :r, end_usage = :u "
                        + "WHERE id = :id")
                .bind("s", status).bind("t", endedAt).bind("r", reason).bind("u", store.text(endUsage))
                .bind("id", row.id()).execute();
        attestation.projectLedger().close(h, row.projectId(), row.id(), type, cursor.headHash());
        for (CloseListener l : closeListeners) {
            l.closed(h, row, status, reason);
        }
    }

    public ObjectNode get(String projectId, String sessionId) {
        return view(store.get(projectId, sessionId));
    }

    /** The stored or freshly assembled artifact of an ended or failed session (409 while active). */
    public ObjectNode attestation(String projectId, String sessionId) {
        requireClosed(projectId, sessionId);
        return attestation.assemble(sessionId);
    }

    /** As {@link #attestation}, the exact canonical bytes that were signed. */
    public byte[] attestationBytes(String projectId, String sessionId) {
        requireClosed(projectId, sessionId);
        return attestation.assembleCanonical(sessionId);
    }

    private void requireClosed(String projectId, String sessionId) {
        if (store.get(projectId, sessionId).active()) {
            throw new Conflict("session " + sessionId + " is active; its attestation exists once it ends");
        }
    }

    /** The session's wire view (the audit-trail fields of the guide). */
    public ObjectNode view(SessionRow row) {
        ObjectNode o = mapper.createObjectNode();
        o.put("session_id", row.id());
        o.put("project_id", row.projectId());
        o.put("permit_id", row.permitId());
        o.put("status", row.status());
        o.put("provider", row.provider());
        o.put("model", row.model());
        o.put("operation", row.operation());
        o.put("execution_mode", "realtime");
        o.put("policy_snapshot_id", row.snapshotId());
        o.put("policy_snapshot_hash", row.snapshotHash());
        ObjectNode budget = budget(row, 0);
        o.set("budget", budget);
        o.set("risk_budget", budget.deepCopy());
        o.put("turn_count", row.turnCount());
        o.put("allowed_turn_count", row.allowedTurns());
        o.put("denied_turn_count", row.deniedTurns());
        o.put("atom_count", row.atomCount());
        ObjectNode usage = o.putObject("cumulative_usage");
        usage.put("input_tokens", row.inputTokens());
        usage.put("output_tokens", row.outputTokens());
        usage.put("risk_budget_used_micros", row.budgetUsedMicros());
        if (row.endUsage() != null) {
            o.set("usage_metrics", store.json(row.endUsage()).path("usage_metrics"));
        }
        ObjectNode head = o.putObject("chain_head");
        head.put("content_hash", row.headHash());
        head.put("event_count", row.eventCount());
        o.set("metadata", store.json(row.metadata()));
        o.put("started_at", Instant.ofEpochMilli(row.startedAt()).toString());
        if (row.endedAt() != null) {
            o.put("ended_at", Instant.ofEpochMilli(row.endedAt()).toString());
        } else {
            o.putNull("ended_at");
        }
        if (row.failureReason() != null) {
            o.put("failure_reason", row.failureReason());
        }
        return o;
    }

    /** The budget envelope after reserving {@code reserved} more micros. */
    ObjectNode budget(SessionRow row, long reserved) {
        ObjectNode b = mapper.createObjectNode();
        long used = row.budgetUsedMicros() + reserved;
        if (row.hasBudget()) {
            b.put("total_micros", row.budgetTotalMicros());
            b.put("used_micros", used);
            b.put("remaining_micros", Math.max(0, row.budgetTotalMicros() - used));
        } else {
            b.putNull("total_micros");
            b.put("used_micros", used);
            b.putNull("remaining_micros");
        }
        return b;
    }
}
