package dev.herald.governance.realtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.evidence.artifact.ArtifactFormat;
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
import dev.herald.platform.webhooks.WebhookEvents;
import dev.herald.platform.webhooks.WebhookService;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Realtime session lifecycle: start (policy decision, locked snapshot, permit, budget envelope,
 * first chain entry, all in one transaction), end (terminal entry and the closing hooks in one
 * transaction, then the attestation artifact outside it), fail, and the session view. It owns the
 * session rows and their chains; other features take part through the {@link SessionHooks} it is
 * built with, and write to live sessions through {@link LiveSessions}. Thread-safe.
 */
public final class SessionService {
    private static final Logger log = LoggerFactory.getLogger(SessionService.class);

    private final Database db;
    private final Ids ids;
    private final Clock clock;
    private final ObjectMapper mapper;
    private final SessionStore store;
    private final SessionLedger ledger;
    private final PolicyService policies;
    private final WebhookService webhooks;
    private final List<StartAuthorization> authorizations;
    private final SessionHooks hooks;
    private final IdempotentWrites writes;
    private final AnswerStore<String> starts;

    public SessionService(Database db, Ids ids, Clock clock, ObjectMapper mapper, SessionStore store,
                          SessionLedger ledger, PolicyService policies, WebhookService webhooks, SessionHooks hooks) {
        this.db = db;
        this.ids = ids;
        this.clock = clock;
        this.mapper = mapper;
        this.store = store;
        this.ledger = ledger;
        this.policies = policies;
        this.webhooks = webhooks;
        this.authorizations = hooks.starts();
        this.hooks = hooks;
        this.writes = new IdempotentWrites(db);
        this.starts = startAnswers();
    }

    SessionStore store() {
        return store;
    }

    SessionLedger ledger() {
        return ledger;
    }

    /**
     * Starts a session, or replays the answer of the start with the same (project, idempotency key).
     * A different request under a used key is 409; a deny is a {@link SessionDenied} (nothing written).
     *
     * @param fingerprint of the request body, to tell a replay from a conflicting reuse
     * @return the answer as kept (sent byte for byte) and whether it is a replay
     */
    public IdempotentWrites.Answered start(StartRequest req, Fingerprint fingerprint) {
        List<StartAuthorization.Admission> admitted = new ArrayList<>();
        try {
            return writes.once(starts, req.projectId(), req.idempotencyKey(), fingerprint,
                    h -> startIn(h, req, fingerprint, admitted));
        } catch (SessionDenied denied) {
            for (StartAuthorization.Admission a : admitted) {
                a.denied(denied.decision());
            }
            throw denied;
        }
    }

    /**
     * The session starts' answers for the one idempotency mechanism, by (project, permit key): the
     * session row is the claim (unique on both) and keeps the answer with its sealed members, which
     * a replay opens again.
     */
    private AnswerStore<String> startAnswers() {
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

    private IdempotentWrites.Written startIn(Handle h, StartRequest req, Fingerprint fingerprint,
                                             List<StartAuthorization.Admission> admitted) {
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
            admitted.add(a.check(h, req, trace));
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
        SessionLedger.Cursor cursor = SessionLedger.Cursor.fresh(new SessionLedger.Subject(sessionId,
                req.projectId(), req.provider(), req.model(), req.operation()), now);
        h.createUpdate("""
                INSERT INTO realtime_sessions (id, workspace_id, project_id, idempotency_key, fingerprint, start_response,
                  status, permit_id, snapshot_id, snapshot_hash, snapshot, permit, provider, model, operation, metadata,
                  budget_total_micros, budget_used_micros, input_tokens, output_tokens, turn_count, allowed_turns,
                  denied_turns, atom_count, next_seq, head_hash, last_occurred_at, disclosure_seen, consent_seen,
                  started_at)
                VALUES (:id, :w, :p, :k, :f, '{}', 'active', :permit_id, :sid, :shash, :snapshot, :permit, :provider,
                  :model, :operation, :metadata, :budget, 0, 0, 0, 0, 0, 0, 0, 1, :head, :now, 0, 0, :now)""")
                .bind("id", sessionId).bind("w", req.workspaceId()).bind("p", req.projectId())
                .bind("k", req.idempotencyKey()).bind("f", fingerprint.hex()).bind("permit_id", permitId)
                .bind("sid", snapshot.id()).bind("shash", snapshot.hash()).bind("snapshot", store.text(snapshot.document()))
                .bind("permit", store.text(permit)).bind("provider", req.provider()).bind("model", req.model())
                .bind("operation", req.operation()).bind("metadata", store.text(req.metadata())).bind("budget", budget)
                .bind("head", cursor.headHash()).bind("now", now).execute();
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
        StartedSession started = new StartedSession(req, ledger, cursor, permit.deepCopy());
        for (StartAuthorization.Admission a : admitted) {
            a.created(h, started);
        }
        ledger.save(h, cursor);
        SessionRow row = store.find(h, req.projectId(), sessionId).orElseThrow();
        ObjectNode body = mapper.valueToTree(SessionView.of(row, store));
        body.put("decision", "allow");
        body.set("authorization_trace", mapper.valueToTree(decision.trace()));
        for (StartAuthorization.Admission a : admitted) {
            a.decorate(body);
        }
        ObjectNode stored = body.deepCopy();
        for (StartAuthorization a : authorizations) {
            a.sealStored(sessionId, stored);
        }
        ObjectNode changedPermit = started.changedPermit();
        if (changedPermit != null) {
            h.createUpdate("UPDATE realtime_sessions SET permit = :permit WHERE id = :id")
                    .bind("permit", store.text(changedPermit)).bind("id", sessionId).execute();
        }
        return new IdempotentWrites.Written(new Answer(201, store.text(body)), new Answer(201, store.text(stored)));
    }

    /**
     * Ends an active session and answers its final view with the attestation artifact: the
     * session is closed in one transaction, and the artifact (time-stamped over the network) is
     * made after that committed. Must not be called inside a transaction.
     */
    public ObjectNode end(String projectId, String sessionId, ArrayNode usageMetrics, ObjectNode metadata) {
        close(projectId, sessionId, usageMetrics, metadata);
        return ended(projectId, sessionId);
    }

    /**
     * The write half of {@link #end}: closes the active session (terminal chain entry, the closing
     * hooks, the lifecycle callback queued) in one transaction, joining the caller's if there is one.
     */
    public void close(String projectId, String sessionId, ArrayNode usageMetrics, ObjectNode metadata) {
        db.write(h -> {
            close(h, store.lockActive(h, projectId, sessionId), SessionRow.ENDED, null, usageMetrics, metadata);
            return null;
        });
    }

    /**
     * The answer half of {@link #end}, for a session that is ended or failed: its view and its
     * artifact, made (time-stamped) if it is not stored yet. Outside any transaction: the artifact
     * may need the network. Called again, it answers the same bytes.
     */
    public ObjectNode ended(String projectId, String sessionId) {
        ObjectNode body = mapper.valueToTree(SessionView.of(store.get(projectId, sessionId), store));
        try {
            body.set("attestation_artifact", store.json(new String(hooks.attestor().attest(sessionId),
                    java.nio.charset.StandardCharsets.UTF_8)));
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
     * {@code voice.session.failed}, runs the closing hooks; its artifact is assembled on demand.
     * Joins the caller's transaction if there is one.
     */
    public void fail(String projectId, String sessionId, String reason) {
        db.write(h -> {
            failIn(h, projectId, sessionId, reason);
            return null;
        });
    }

    void failIn(Handle h, String projectId, String sessionId, String reason) {
        close(h, store.lockActive(h, projectId, sessionId), SessionRow.FAILED, reason, mapper.createArrayNode(),
                mapper.createObjectNode());
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
        long endedAt = Math.max(clock.millis(), cursor.lastOccurredAt());
        ObjectNode endUsage = mapper.createObjectNode();
        endUsage.set("usage_metrics", usage);
        endUsage.set("metadata", metadata);
        // The status changes in the same statement as the terminal entry, so the row the ledger
        // keeps for this session is the ended one.
        ledger.save(h, cursor, new SessionLedger.RowChanges(
                "status = :s, ended_at = :t, failure_reason = :r, end_usage = :u",
                u -> u.bind("s", status).bind("t", endedAt).bind("r", reason).bind("u", store.text(endUsage))));
        SessionClosing.Closed closed = new SessionClosing.Closed(row.id(), row.workspaceId(), row.projectId(), status,
                type, cursor.headHash(), reason, row.turnCount());
        for (SessionClosing c : hooks.closings()) {
            c.closing(h, closed);
        }
        queueLifecycleCallback(h, closed);
    }

    /** {@code session.ended} / {@code session.failed}, to the session's platform endpoint and workspace-wide ones. */
    private void queueLifecycleCallback(Handle h, SessionClosing.Closed closed) {
        SessionParties.Parties parties = hooks.parties().of(h, closed.sessionId());
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("session_id", closed.sessionId());
        event.put("project_id", closed.projectId());
        event.put("status", closed.status());
        if (closed.failureReason() != null) {
            event.put("failure_reason", closed.failureReason());
        }
        event.put("platform_id", parties.platformId());
        event.put("agent_id", parties.agentId());
        event.put("turn_count", closed.turnCount());
        String type = SessionRow.ENDED.equals(closed.status()) ? WebhookEvents.SESSION_ENDED : WebhookEvents.SESSION_FAILED;
        webhooks.enqueue(h, closed.workspaceId(), parties.platformId(), type, event);
    }

    public SessionView get(String projectId, String sessionId) {
        return SessionView.of(store.get(projectId, sessionId), store);
    }

    /** The project of a session in a workspace (for workspace admin keys); 404 if none. */
    public String projectOf(String workspaceId, String sessionId) {
        return store.projectOf(workspaceId, sessionId);
    }

    /**
     * The exact signed bytes of the artifact of an ended or failed session (409 while active),
     * assembled on first demand. Outside any transaction.
     */
    public byte[] attestation(String projectId, String sessionId) {
        if (store.get(projectId, sessionId).active()) {
            throw new Conflict("session " + sessionId + " is active; its attestation exists once it ends");
        }
        return hooks.attestor().attest(sessionId);
    }
}
