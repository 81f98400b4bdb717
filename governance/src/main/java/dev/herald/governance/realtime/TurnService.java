package dev.herald.governance.realtime;

import dev.herald.platform.domain.Conflict;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.evidence.artifact.ArtifactFormat;
import dev.herald.evidence.json.CanonicalJson;
import dev.herald.governance.policy.Decision;
import dev.herald.governance.policy.PolicyEngine;
import dev.herald.governance.policy.PolicyRules;
import dev.herald.platform.store.Database;
import dev.herald.platform.store.Ids;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import org.jdbi.v3.core.Handle;

/**
 * Turn decisions and tool-call permits, against the snapshot locked at session start and the
 * budget envelope. The budget reservation, the turn index and the chain entries are decided from
 * one state of the session row and saved only if that state still holds: either inside one
 * transaction holding the row lock, or (a plain turn) by a write guarded on the chain position the
 * row was read at, retried under the lock when it moved. So concurrent turns on any number of nodes
 * can neither overspend nor fork the chain. Thread-safe.
 */
public final class TurnService {
    private final Database db;
    private final Ids ids;
    private final Clock clock;
    private final ObjectMapper mapper;
    private final SessionStore store;
    private final SessionLedger ledger;
    private final SessionService sessions;
    private final List<TurnGate> gates;
    private final LongAdder savedKnown = new LongAdder();
    private final LongAdder savedUnlocked = new LongAdder();
    private final LongAdder savedLocked = new LongAdder();
    private final LongAdder chainMoved = new LongAdder();

    /** @param gates the checks other features add to every turn and action permit, in order (fixed from now on) */
    public TurnService(Database db, Ids ids, Clock clock, ObjectMapper mapper, SessionStore store, SessionLedger ledger,
                       SessionService sessions, List<TurnGate> gates) {
        this.db = db;
        this.ids = ids;
        this.clock = clock;
        this.mapper = mapper;
        this.store = store;
        this.ledger = ledger;
        this.sessions = sessions;
        this.gates = List.copyOf(gates);
    }

    /** A turn request: token counts, the budget it reserves, metadata, and an optional tool call. */
    public record TurnRequest(long inputTokens, long outputTokens, long riskBudgetMicros, ObjectNode metadata,
                              ToolCall toolCall, ObjectNode body) {
    }

    /**
     * {@code herald_turns_saved_total{path}}: turns saved by the guarded write, decided from the
     * row this node last committed ({@code known}) or from a read of it ({@code unlocked}), or
     * under the row lock ({@code locked}); {@code herald_turns_chain_moved_total}: guarded attempts
     * that found the chain moved (or a gate's condition no longer holding) and were redone from a
     * read or under the lock.
     */
    public void bindMetrics(MeterRegistry registry) {
        FunctionCounter.builder("herald.turns.saved", savedKnown, LongAdder::sum).tag("path", "known")
                .description("Turn decisions saved, by path").register(registry);
        FunctionCounter.builder("herald.turns.saved", savedUnlocked, LongAdder::sum).tag("path", "unlocked")
                .description("Turn decisions saved, by path").register(registry);
        FunctionCounter.builder("herald.turns.saved", savedLocked, LongAdder::sum).tag("path", "locked")
                .description("Turn decisions saved, by path").register(registry);
        FunctionCounter.builder("herald.turns.chain.moved", chainMoved, LongAdder::sum)
                .description("Guarded turn attempts redone because the chain moved or a gate's condition failed")
                .register(registry);
    }

    public TurnAnswer turn(String projectId, String sessionId, TurnRequest req) {
        if (unlockable(sessionId, req)) {
            SessionRow known = ledger.committed(projectId, sessionId);
            if (known != null) {
                TurnAnswer out = db.optimistic(h -> decideUnlocked(h, known, req, true), this::saveUnlocked);
                if (out != null) {
                    savedKnown.increment();
                    return out;
                }
            }
            TurnAnswer out = db.optimistic(
                    h -> decideUnlocked(h, store.readActive(h, projectId, sessionId), req, false), this::saveUnlocked);
            if (out != null) {
                savedUnlocked.increment();
                return out;
            }
        }
        TurnAnswer out = db.write(h -> {
            DecidedTurn t = decide(h, store.lockActive(h, projectId, sessionId), req, false);
            ledger.save(h, t.cursor(), t.rowChanges());
            return finish(h, t);
        });
        savedLocked.increment();
        return out;
    }

    /** A plain turn that no gate may write for. */
    private boolean unlockable(String sessionId, TurnRequest req) {
        return req.toolCall() == null && gates.stream().noneMatch(g -> g.mayWrite(sessionId, req.body()));
    }

    /**
     * A plain turn decided from a row read without a lock, or from the row as this node last
     * committed it (no read at all): everything but the save (the policy, the chain entry's
     * serialization and hash) happens before SQLite's writer lock is taken, and on PostgreSQL the
     * save is one statement, with no transaction and no row lock. From the kept row, the gates
     * check from what they know ({@link TurnGate#checkFromKnown}). Null when the decision would
     * fail the session, which takes the row lock.
     */
    private DecidedTurn decideUnlocked(Handle h, SessionRow row, TurnRequest req, boolean fromKnown) {
        DecidedTurn t = decide(h, row, req, fromKnown);
        return failsSession(t.decision(), t.followups()) ? null : t;
    }

    /**
     * Saves a turn decided unlocked if the chain has not moved since and the gates' conditions hold;
     * null, having written nothing, when not.
     */
    private TurnAnswer saveUnlocked(Handle h, DecidedTurn t) {
        if (t == null) {
            return null;
        }
        List<SaveCondition> conditions = t.followups().stream().map(TurnGate.Followup::holds)
                .filter(Objects::nonNull).toList();
        if (ledger.saveIfUnmoved(h, t.cursor(), t.rowChanges(), conditions)) {
            return finish(h, t);
        }
        chainMoved.increment();
        return null;
    }

    /** A turn decided and appended to its cursor, its row changes not yet saved. */
    private record DecidedTurn(SessionRow row, SessionLedger.Cursor cursor, Decision decision,
                               SessionLedger.RowChanges rowChanges, List<TurnGate.Followup> followups, TurnAnswer out) {
    }

    /** Does what the gates asked once the turn is saved; returns the answer. */
    private TurnAnswer finish(Handle h, DecidedTurn t) {
        follow(h, t.row(), t.decision(), t.followups());
        return t.out();
    }

    private static boolean failsSession(Decision decision, List<TurnGate.Followup> followups) {
        return !decision.allowed() && followups.stream().anyMatch(f -> f.failSessionIfDenied() != null);
    }

    /** A denied decision fails the session when a gate asked for it, in the decision's transaction. */
    private void follow(Handle h, SessionRow row, Decision decision, List<TurnGate.Followup> followups) {
        if (!failsSession(decision, followups)) {
            return;
        }
        for (TurnGate.Followup f : followups) {
            if (f.failSessionIfDenied() != null) {
                sessions.failIn(h, row.projectId(), row.id(), f.failSessionIfDenied());
                return;
            }
        }
    }

    private List<TurnGate.Followup> check(Handle h, SessionRow row, ObjectNode body, ToolCall call,
                                          TurnGate.Occasion occasion, boolean fromKnown, Decision.Builder trace) {
        List<TurnGate.Followup> followups = new ArrayList<>(gates.size());
        for (TurnGate g : gates) {
            followups.add(fromKnown ? g.checkFromKnown(h, row.id(), body, call, occasion, trace)
                    : g.check(h, row.id(), body, call, occasion, trace));
        }
        return followups;
    }

    /** @param fromKnown {@code row} is the kept row and the save is guarded (the gates may name conditions) */
    private DecidedTurn decide(Handle h, SessionRow row, TurnRequest req, boolean fromKnown) {
        PolicyRules rules = store.rules(h, row);
        Decision.Builder trace = new Decision.Builder();
        List<TurnGate.Followup> followups = check(h, row, req.body(), req.toolCall(), TurnGate.Occasion.TURN,
                fromKnown, trace);
        PolicyEngine.turn(rules, trace, row.pendingViolation(), req.inputTokens(), req.outputTokens(),
                req.riskBudgetMicros(), row.budgetUsedMicros(), row.budgetTotalMicros());
        if (req.toolCall() != null) {
            tool(rules, trace, req.toolCall());
        }
        Decision decision = trace.build();
        int turnIndex = row.turnCount() + 1;
        long reserved = decision.allowed() ? req.riskBudgetMicros() : 0;
        SessionLedger.Cursor cursor = row.cursor();
        ObjectNode attrs = mapper.createObjectNode();
        attrs.put("category", "turn_governance");
        attrs.put("decision", decision.allowed() ? "allowed" : "denied");
        attrs.put("outcome", decision.allowed() ? "turn_allowed" : "turn_denied");
        attrs.put("turn_index", turnIndex);
        if (!decision.allowed()) {
            attrs.put("reason_code", decision.reasonCode());
        }
        ObjectNode payload = mapper.createObjectNode();
        payload.put("turn_index", turnIndex);
        payload.put("input_tokens", req.inputTokens());
        payload.put("output_tokens", req.outputTokens());
        payload.put("risk_budget_used_micros", req.riskBudgetMicros());
        payload.set("metadata", req.metadata());
        payload.put("decision", decision.wire());
        payload.set("authorization_trace", traceTree(decision.trace()));
        SessionLedger.Entry entry = ledger.append(cursor, "voice.turn.decided", attrs, payload);
        TurnAnswer.ToolCallOutcome toolCall = req.toolCall() == null ? null
                : new TurnAnswer.ToolCallOutcome(recordToolCall(h, row, cursor, req.toolCall(), decision));
        TurnAnswer out = new TurnAnswer(row.id(), decision.wire(), turnIndex, DenialReason.of(decision),
                decision.trace(), Budget.of(row, reserved), entry.contentHash(), entry.sequence(), toolCall);
        // A pending violation denies exactly the next turn; the denial consumes it.
        boolean consumed = row.pendingViolation() != null && !decision.allowed();
        SessionLedger.RowChanges changes = new SessionLedger.RowChanges("turn_count = :t, "
                + "allowed_turns = allowed_turns + :a, denied_turns = denied_turns + :d, "
                + "budget_used_micros = budget_used_micros + :r, input_tokens = input_tokens + :i, "
                + "output_tokens = output_tokens + :o, pending_violation = :v",
                u -> u.bind("t", turnIndex).bind("a", decision.allowed() ? 1 : 0)
                        .bind("d", decision.allowed() ? 0 : 1).bind("r", reserved)
                        .bind("i", decision.allowed() ? req.inputTokens() : 0)
                        .bind("o", decision.allowed() ? req.outputTokens() : 0)
                        .bind("v", consumed ? null : row.pendingViolation()));
        return new DecidedTurn(row, cursor, decision, changes, followups, out);
    }

    /**
     * The authorization trace as chain payloads hold it: the tree {@code mapper.valueToTree(trace)}
     * gives (every step's three members, nulls included), built directly, without a round trip
     * through Jackson's serializers on every turn.
     */
    static ArrayNode traceTree(List<Decision.Step> trace) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode(trace.size());
        for (Decision.Step step : trace) {
            out.addObject().put("rule", step.rule()).put("result", step.result()).put("detail", step.detail());
        }
        return out;
    }

    /** {@code POST .../action-permits}: decides a tool call outside a turn; the body says allow or deny. */
    public ActionPermitAnswer actionPermit(String projectId, String sessionId, ToolCall call, ObjectNode body) {
        return db.write(h -> {
            SessionRow row = store.lockActive(h, projectId, sessionId);
            PolicyRules rules = store.rules(h, row);
            Decision.Builder trace = new Decision.Builder();
            List<TurnGate.Followup> followups = check(h, row, body, call, TurnGate.Occasion.ACTION_PERMIT, false,
                    trace);
            if (row.pendingViolation() != null) {
                trace.fail("session_evidence", row.pendingViolation(), "A policy violation in this call is pending.",
                        "pending " + row.pendingViolation());
            } else {
                trace.pass("session_evidence", "no pending policy violation");
            }
            tool(rules, trace, call);
            Decision decision = trace.build();
            SessionLedger.Cursor cursor = row.cursor();
            ToolCallPermit permit = recordToolCall(h, row, cursor, call, decision);
            ledger.save(h, cursor);
            ActionPermitAnswer out = new ActionPermitAnswer(sessionId, decision.wire(), DenialReason.of(decision),
                    decision.trace(), permit, permit);
            follow(h, row, decision, followups);
            return out;
        });
    }

    private void tool(PolicyRules rules, Decision.Builder trace, ToolCall call) {
        PolicyEngine.tool(rules, trace, call.toolName(), call.verb().name());
        call.verb().evaluate(call, rules.maxPaymentAmountMinor().orElse(-1L), clock.instant(), trace);
    }

    /**
     * Appends {@code voice.tool_call.requested} and, when allowed, issues the action-child permit
     * bound to that entry's hash. Returns the permit, or null when denied.
     */
    private ToolCallPermit recordToolCall(Handle h, SessionRow row, SessionLedger.Cursor cursor, ToolCall call,
                                      Decision decision) {
        boolean used = h.createQuery("SELECT COUNT(*) FROM tool_call_permits WHERE session_id = :s AND call_id = :c")
                .bind("s", row.id()).bind("c", call.callId()).mapTo(Integer.class).one() > 0;
        if (used) {
            throw new Conflict("call_id '" + call.callId() + "' already has a permit in this session");
        }
        String permitId = decision.allowed() ? ids.next("perm") : null;
        String targetDigest = CanonicalJson.sha256(call.arguments()).prefixed();
        ObjectNode attrs = mapper.createObjectNode();
        attrs.put("category", "tool_governance");
        attrs.put("decision", decision.allowed() ? "allowed" : "denied");
        attrs.put("outcome", decision.allowed() ? "tool_call_allowed" : "tool_call_denied");
        attrs.put("resource_type", "tool_call");
        attrs.put("resource_id", call.callId());
        attrs.put("operation", "tool." + call.toolName());
        attrs.put("action_verb", call.verb().name());
        attrs.put("target_digest", targetDigest);
        if (permitId != null) {
            attrs.put("permit_id", permitId);
        } else {
            attrs.put("reason_code", decision.reasonCode());
        }
        ObjectNode payload = mapper.createObjectNode();
        payload.put("tool_name", call.toolName());
        payload.put("call_id", call.callId());
        payload.put("action_verb", call.verb().name());
        payload.set("arguments", call.arguments());
        payload.set("verb_context", call.verbContext());
        payload.set("authorization_trace", traceTree(decision.trace()));
        SessionLedger.Entry entry = ledger.append(cursor, "voice.tool_call.requested", attrs, payload);
        if (permitId == null) {
            return null;
        }
        long now = clock.millis();
        String issuedAt = ArtifactFormat.instant(Instant.ofEpochMilli(now));
        ToolCallPermit permit = new ToolCallPermit(permitId, row.permitId(), row.id(), row.projectId(),
                call.verb().actionName(call), call.verb().name(), call.toolName(), call.callId(), "tool_call",
                call.verb().resourceProvider(row.provider()), call.verb().resourceModel(row.model()), row.provider(),
                row.model(), "tool." + call.toolName(), "allowed", "issued",
                "allowed by the session's locked policy snapshot", targetDigest, row.snapshotId(),
                "sha256:" + row.snapshotHash(), entry.contentHash(), row.id(), issuedAt,
                ArtifactFormat.instant(Instant.ofEpochMilli(now).plusSeconds(3600)), issuedAt);
        h.createUpdate("INSERT INTO tool_call_permits (id, session_id, call_id, seq, document, created_at) "
                        + "VALUES (:id, :s, :c, :q, :d, :t)")
                .bind("id", permitId).bind("s", row.id()).bind("c", call.callId()).bind("q", entry.sequence())
                .bind("d", store.text(permit)).bind("t", now).execute();
        return permit;
    }
}
