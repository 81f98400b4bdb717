package dev.herald.voice.campaigns;

import dev.herald.platform.store.Database;
import dev.herald.voice.core.call.CallOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * A {@link CallPlacer} for tests that places calls as rows of the real {@code voice_calls} table
 * (whose unique indexes on (campaign, lead, attempt) and (workspace, idempotency key) are what
 * stand between a buggy dialler and a double dial), and ends each call {@code duration} after it
 * was placed, on the injected clock, with the outcome the script gives for (lead, attempt).
 * Counts every request per dial so tests see a second ask even when idempotency absorbed it.
 */
final class ScriptedCallPlacer implements CallPlacer {
    /** One dial that really happened (a new voice_calls row). */
    record Placed(String callId, String leadId, int attempt, Instant at, Instant endsAt, CallOutcome outcome) {
    }

    /** What the test makes this placer do on one request (before or after the call row exists). */
    interface Interruption {
        void at(Dial dial, boolean afterInsert);
    }

    private final Database db;
    private final Clock clock;
    private final Duration duration;
    private final BiFunction<String, Integer, CallOutcome> script;
    private final Map<String, Placed> byCall = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final List<Placed> placed = new CopyOnWriteArrayList<>();
    final Set<String> refuse = ConcurrentHashMap.newKeySet();
    final Map<String, Instant> deferUntil = new ConcurrentHashMap<>();
    volatile Interruption interruption = (d, after) -> { };
    private volatile int maxLive;

    ScriptedCallPlacer(Database db, Clock clock, Duration duration, BiFunction<String, Integer, CallOutcome> script) {
        this.db = db;
        this.clock = clock;
        this.duration = duration;
        this.script = script;
    }

    @Override
    public PlacedCall place(String ws, Dial dial) {
        requests.computeIfAbsent(dial.idempotencyKey(), k -> new AtomicInteger()).incrementAndGet();
        interruption.at(dial, false);
        Instant now = clock.instant();
        if (refuse.contains(dial.leadId())) {
            String id = insert(ws, dial, "refused", CallOutcome.DO_NOT_CALL, now);
            return new PlacedCall.Refused(id, CallOutcome.DO_NOT_CALL, "do_not_call");
        }
        Instant until = deferUntil.get(dial.leadId());
        if (until != null && now.isBefore(until)) {
            return new PlacedCall.Deferred(Optional.of(until), "outside_calling_hours");
        }
        String id = insert(ws, dial, "in_progress", null, now);
        interruption.at(dial, true);
        return new PlacedCall.Dialled(id);
    }

    private synchronized String insert(String ws, Dial dial, String status, CallOutcome refusal, Instant now) {
        Optional<String> existing = db.read(h -> h.createQuery(
                        "SELECT id FROM voice_calls WHERE workspace_id = :ws AND idempotency_key = :k")
                .bind("ws", ws).bind("k", dial.idempotencyKey()).mapTo(String.class).findOne());
        if (existing.isPresent()) {
            return existing.get(); // the idempotent answer: the call the first request made
        }
        String id = "call_" + dial.leadId() + "_" + dial.attempt();
        db.write(h -> h.createUpdate("""
                        INSERT INTO voice_calls (id, workspace_id, direction, status, provider, lead_id, profile_id,
                            profile_version, objective, campaign_id, attempt, outcome, idempotency_key, created_at, updated_at)
                        VALUES (:id, :ws, 'outbound', :status, 'simulated', :lead, :profile, 1, :objective, :c, :n,
                            :outcome, :k, :now, :now)""")
                .bind("id", id).bind("ws", ws).bind("status", status).bind("lead", dial.leadId())
                .bind("profile", dial.profileId()).bind("objective", dial.objective()).bind("c", dial.campaignId())
                .bind("n", dial.attempt()).bind("outcome", refusal == null ? null : refusal.wire())
                .bind("k", dial.idempotencyKey()).bind("now", now.toEpochMilli()).execute());
        if (refusal == null) {
            Placed p = new Placed(id, dial.leadId(), dial.attempt(), now, now.plus(duration),
                    script.apply(dial.leadId(), dial.attempt()));
            int live = (int) placed.stream().filter(q -> q.endsAt().isAfter(now)).count() + 1;
            maxLive = Math.max(maxLive, live);
            placed.add(p);
            byCall.put(id, p);
        }
        return id;
    }

    @Override
    public java.util.Map<String, CallStatus> statuses(String ws, java.util.Collection<String> callIds) {
        java.util.Map<String, CallStatus> out = new java.util.LinkedHashMap<>();
        callIds.forEach(id -> out.put(id, status(id)));
        return out;
    }

    private CallStatus status(String callId) {
        Placed p = byCall.get(callId);
        if (p == null) {
            throw new IllegalStateException("no such call " + callId);
        }
        if (clock.instant().isBefore(p.endsAt())) {
            return new CallStatus.Live();
        }
        CallStatus.VerdictSummary verdict = p.outcome().connected()
                ? new CallStatus.VerdictSummary(p.outcome() == CallOutcome.QUALIFIED, 80, false, "scripted") : null;
        return new CallStatus.Ended(p.outcome(), p.endsAt(), verdict);
    }

    /** Every dial that really happened, in order. */
    List<Placed> placed() {
        return new ArrayList<>(placed);
    }

    List<Placed> placedFor(String leadId) {
        return placed.stream().filter(p -> p.leadId().equals(leadId)).toList();
    }

    /** How often each dial (idempotency key) was asked for. */
    Map<String, Integer> requests() {
        Map<String, Integer> out = new java.util.TreeMap<>();
        requests.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    int maxLive() {
        return maxLive;
    }

    /** voice_calls rows per (lead, attempt) of a campaign: every value must be 1. */
    Map<String, Integer> rowsPerDial(String campaignId) {
        Map<String, Integer> out = new java.util.TreeMap<>();
        db.read(h -> h.createQuery("SELECT lead_id, attempt, COUNT(*) AS n FROM voice_calls WHERE campaign_id = :c "
                        + "GROUP BY lead_id, attempt").bind("c", campaignId)
                .map((rs, ctx) -> out.put(rs.getString("lead_id") + "#" + rs.getInt("attempt"), rs.getInt("n"))).list());
        return out;
    }
}
