package dev.herald.voice.calls;

import dev.herald.platform.domain.Conflict;
import dev.herald.platform.domain.Invalid;
import dev.herald.platform.domain.NotFound;
import dev.herald.platform.http.FieldCheck;
import dev.herald.platform.store.Database;
import dev.herald.platform.store.Ids;
import dev.herald.voice.core.call.EndReason;
import dev.herald.voice.core.compliance.ComplianceGate;
import dev.herald.voice.core.compliance.CompliancePolicy;
import dev.herald.voice.core.compliance.DialDecision;
import dev.herald.voice.core.compliance.Occupancy;
import dev.herald.voice.core.lead.Lead;
import dev.herald.voice.core.profile.Objective;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Places calls and answers for them. An outbound call passes the compliance gate first
 * (do-not-call, consent, the calling window in the lead's zone, workspace and campaign concurrency
 * counted from the live rows), in the transaction that stores it: a refused call is stored with its
 * outcome and reason and never dialled; a call the concurrency limits defer is not stored at all
 * (409, try again later). An accepted call is stored {@code queued} and the {@link CallRunner} plays
 * it. Thread-safe.
 */
public final class CallService {
    static final Set<String> DIRECTIONS = Set.of("outbound", "inbound", "test");

    private final Database db;
    private final Ids ids;
    private final Clock clock;
    private final CallDirectory directory;
    private final CallTools tools;
    private final CallEventLog events;
    private final CallRunner runner;
    private final CallWorkspace workspace;
    private final CallStore store = new CallStore();

    public CallService(Database db, Ids ids, Clock clock, CallDirectory directory, CallTools tools,
                       CallEventLog events, CallRunner runner, CallWorkspace workspace) {
        this.workspace = workspace;
        this.db = db;
        this.ids = ids;
        this.clock = clock;
        this.directory = directory;
        this.tools = tools;
        this.events = events;
        this.runner = runner;
    }

    /**
     * Places a call (or answers the one placed under the same idempotency key, or for the same
     * campaign, lead and attempt). Refused calls come back with status {@code refused}.
     *
     * @throws Invalid   for a bad request, naming every bad field
     * @throws Conflict  when the concurrency limits defer the call, or the key was used for another request
     */
    public CallRecord place(String workspaceId, PlaceCall req) {
        return switch (placeOrDefer(workspaceId, req)) {
            case Placement.Stored stored -> stored.call();
            case Placement.Deferred deferred -> throw new Conflict(deferred.reason().wire()
                    + ": the campaign's dial must wait; place it again later");
        };
    }

    /**
     * As {@link #place}, but a campaign's dial that only waiting can allow (its lead's calling window
     * is closed, or a concurrency limit is reached) comes back {@link Placement.Deferred}, with
     * nothing stored, instead of a refusal: the campaign asks again for the same attempt later.
     */
    public Placement placeOrDefer(String workspaceId, PlaceCall req) {
        FieldCheck check = new FieldCheck();
        if (req.direction() == null || !DIRECTIONS.contains(req.direction())) {
            check.fail("direction", "must be one of " + List.copyOf(new java.util.TreeSet<>(DIRECTIONS)));
        }
        if (!"inbound".equals(req.direction())) {
            check.required("lead_id", req.leadId());
        }
        check.required("profile_id", req.profileId());
        if (req.attempt() < 1) {
            check.fail("attempt", "must be >= 1");
        }
        if (req.idempotencyKey() != null) {
            check.key("idempotency_key", req.idempotencyKey());
        }
        check.throwIfAny();
        Optional<CallRecord> replay = previous(workspaceId, req);
        if (replay.isPresent()) {
            return new Placement.Stored(replay.get());
        }
        Parties parties = parties(workspaceId, req.profileId(), req.leadId(), req.objective(), req.calendarConnectorId());
        CallDirectory.ProfileVersion profile = parties.profile();
        Lead lead = parties.lead();
        String objective = parties.objective();
        CompliancePolicy policy = req.compliance() == null ? CompliancePolicy.defaults() : req.compliance();
        String callId = ids.next("call");
        String provider = profile.profile().provider().wire();
        Placement placed;
        try {
            placed = db.write(h -> {
                long now = clock.millis();
                boolean gated = lead != null && "outbound".equals(req.direction());
                // The workspace's own limit, whatever the request carries: a campaign cannot raise it.
                CompliancePolicy effective = gated ? policy.withConcurrency(policy.campaignMaxConcurrent(),
                        workspace.lockLiveCallLimit(h, workspaceId)) : policy;
                DialDecision decision = !gated
                        ? new DialDecision.Allowed(List.of())
                        : new ComplianceGate(Clock.fixed(Instant.ofEpochMilli(now), java.time.ZoneOffset.UTC))
                                .check(lead, effective, occupancy(h, workspaceId, req.campaignId()));
                if (decision instanceof DialDecision.Refused r) {
                    if (req.campaignId() != null && r.reason().temporary()) {
                        // A campaign waits out its window and its limits; the attempt is not used up.
                        return new Placement.Deferred(r.reason(), r.windowOpens());
                    }
                    if (r.reason().recordedAs().isEmpty()) {
                        throw new Conflict(r.reason().wire() + ": too many live calls; place the call again later");
                    }
                    store.insert(h, new CallStore.NewCall(callId, workspaceId, req, provider, profile.version(),
                            objective, CallRecord.REFUSED, r.reason().recordedAs().get().wire(), r.reason().wire(),
                            EndReason.COMPLIANCE_REFUSED.wire(), now));
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("status", CallRecord.REFUSED);
                    data.put("outcome", r.reason().recordedAs().get().wire());
                    data.put("refusal_reason", r.reason().wire());
                    r.windowOpens().ifPresent(t -> data.put("window_opens_at", t.toString()));
                    events.append(h, workspaceId, callId, CallEventType.REFUSED, data);
                } else {
                    store.insert(h, new CallStore.NewCall(callId, workspaceId, req, provider, profile.version(),
                            objective, CallRecord.QUEUED, null, null, null, now));
                    events.append(h, workspaceId, callId, CallEventType.QUEUED, Map.of("status", CallRecord.QUEUED));
                }
                return new Placement.Stored(store.find(h, workspaceId, callId).orElseThrow());
            });
        } catch (RuntimeException e) {
            if (Database.isUniqueViolation(e)) {
                // A concurrent place under the same key (or campaign attempt) won: answer its call.
                return new Placement.Stored(previous(workspaceId, req).orElseThrow(() -> e));
            }
            throw e;
        }
        if (placed instanceof Placement.Stored stored && CallRecord.QUEUED.equals(stored.call().status())) {
            runner.wake();
        }
        return placed;
    }

    /** What a call names, looked up: its profile's current version, its lead (null for none) and objective. */
    public record Parties(CallDirectory.ProfileVersion profile, Lead lead, String objective) {
    }

    /**
     * Looks up what a call names (each unknown id is a 422 on its field): the profile, the lead, the
     * objective (the profile's first when none is named) and the calendar.
     */
    public Parties parties(String workspaceId, String profileId, String leadId, String objective,
                           String calendarConnectorId) {
        CallDirectory.ProfileVersion profile = lookup("profile_id", () -> directory.profile(workspaceId, profileId));
        Lead lead = leadId == null ? null : lookup("lead_id", () -> directory.lead(workspaceId, leadId));
        String chosen = objective == null || objective.isBlank()
                ? profile.profile().objectives().stream().findFirst().map(Objective::key).orElse(null)
                : objective;
        if (chosen == null || profile.profile().objective(chosen).isEmpty()) {
            throw new Invalid("objective", "the profile has no objective '" + chosen + "'");
        }
        if (calendarConnectorId != null) {
            lookup("calendar_connector_id", () -> {
                tools.requireCalendar(workspaceId, calendarConnectorId);
                return null;
            });
        }
        return new Parties(profile, lead, chosen);
    }

    private Optional<CallRecord> previous(String workspaceId, PlaceCall req) {
        Optional<CallRecord> found = db.read(h -> req.idempotencyKey() != null
                ? store.byKey(h, workspaceId, req.idempotencyKey())
                : req.campaignId() != null && req.leadId() != null
                        ? store.byAttempt(h, req.campaignId(), req.leadId(), req.attempt()) : Optional.empty());
        found.ifPresent(c -> {
            if (!c.workspaceId().equals(workspaceId) || !Objects.equals(c.leadId(), req.leadId())
                    || !c.profileId().equals(req.profileId()) || !c.direction().equals(req.direction())) {
                throw new Conflict("idempotency_key '" + req.idempotencyKey()
                        + "' was already used for a different request");
            }
        });
        return found;
    }

    private Occupancy occupancy(org.jdbi.v3.core.Handle h, String workspaceId, String campaignId) {
        int workspace = store.liveInWorkspace(h, workspaceId);
        return new Occupancy(Math.min(workspace, store.liveInCampaign(h, campaignId)), workspace);
    }

    /** A lookup of an id the request names: an unknown one is a 422 on that field, not a 404 of the route. */
    private static <T> T lookup(String field, java.util.function.Supplier<T> find) {
        try {
            return find.get();
        } catch (NotFound e) {
            throw new Invalid(field, e.getMessage());
        }
    }

    public CallRecord get(String workspaceId, String callId) {
        return db.read(h -> store.find(h, workspaceId, callId))
                .orElseThrow(() -> new NotFound("call " + callId + " not found"));
    }

    /** The workspace's calls among {@code callIds} by id, in one read; unknown ids are left out. */
    public Map<String, CallRecord> getAll(String workspaceId, java.util.Collection<String> callIds) {
        if (callIds.isEmpty()) {
            return Map.of();
        }
        Map<String, CallRecord> out = new LinkedHashMap<>();
        db.read(h -> store.byIds(h, workspaceId, callIds)).forEach(c -> out.put(c.id(), c));
        return out;
    }

    public List<CallRecord> ofCampaign(String workspaceId, String campaignId) {
        return db.read(h -> store.ofCampaign(h, workspaceId, campaignId));
    }

    /**
     * Asks a live call to hang up: the runner ends it at its next step (end reason
     * {@code operator_hung_up}). A call already over answers as it is (409 when it never ran).
     */
    public CallRecord hangup(String workspaceId, String callId) {
        CallRecord call = get(workspaceId, callId);
        if (CallRecord.REFUSED.equals(call.status())) {
            throw new Conflict("call " + callId + " was refused by the compliance gate and never dialled");
        }
        db.write(h -> store.requestHangup(h, workspaceId, callId, clock.millis()));
        return get(workspaceId, callId);
    }

    /** Retention: drops the transcripts of calls ended before {@code endedBefore}, in the caller's transaction if any. */
    public int purgeTranscripts(String workspaceId, Instant endedBefore) {
        return db.write(h -> store.purgeTranscripts(h, workspaceId, endedBefore.toEpochMilli(), clock.millis()));
    }

    // ---- Driven calls (test calls): the callee is driven over the API by the testcalls package ----

    /** What a call said and concluded, as stored: JSON strings (null until the call ended, or once purged). */
    public record Content(String transcriptJson, String summary, String verdictJson) {
    }

    /** The stored transcript, summary and verdict of a call. */
    public Content content(String workspaceId, String callId) {
        return db.read(h -> store.content(h, workspaceId, callId))
                .orElseThrow(() -> new NotFound("call " + callId + " not found"));
    }

    /**
     * Stores a call whose callee is driven from outside the runner (a test call): status
     * {@code dialling}, held by {@code holder} until {@code leaseUntil} (so no runner claims it and
     * crash recovery fails it if the holder dies), one {@code call.dialling} event. The caller has
     * checked the request.
     */
    public CallRecord openDriven(String workspaceId, PlaceCall req, int profileVersion, String objective,
                                 String provider, String holder, long leaseUntil) {
        String callId = ids.next("call");
        return db.write(h -> {
            long now = clock.millis();
            store.insert(h, new CallStore.NewCall(callId, workspaceId, req, provider, profileVersion, objective,
                    CallRecord.DIALLING, null, null, null, now));
            store.hold(h, callId, holder, leaseUntil, now);
            events.append(h, workspaceId, callId, CallEventType.DIALLING, Map.of("status", CallRecord.DIALLING));
            return store.find(h, workspaceId, callId).orElseThrow();
        });
    }

    /** A driven call's session started and its callee is on the line: session ids, {@code in_progress}. */
    public void drivenAnswered(String callId, String sessionId, String projectId) {
        db.write(h -> {
            long now = clock.millis();
            store.session(h, callId, sessionId, projectId, now);
            store.answered(h, callId, now);
            return null;
        });
    }

    /** Extends a driven call's hold; false when it is no longer the holder's (it was declared lost). */
    public boolean renewDriven(String callId, String holder, long leaseUntil) {
        return db.write(h -> store.renew(h, callId, holder, leaseUntil));
    }

    /** Whether an operator asked the call to hang up (the API's hangup route). */
    public boolean hangupRequested(String callId) {
        return db.read(h -> store.hangupRequestedAt(h, callId)).isPresent();
    }

    /**
     * Ends a driven call through the same end path as a played call (row, session close, CRM
     * write-back, webhooks, events, attestation). {@code governed} null with {@code played} null: the
     * session never started ({@code failure} says why). With {@code played} and a {@code failure},
     * the call is recorded {@code failed} with the played end reason and {@code failure} as summary.
     *
     * @throws IllegalStateException when the call is no longer the holder's
     */
    public void endDriven(CallRecord call, String holder, dev.herald.voice.governed.GovernedCall governed,
                          dev.herald.voice.core.simulation.SimulatedCall played, String failure) {
        try {
            runner.endDriven(call, holder, governed, played, failure);
        } catch (CallPlayer.LeaseLost e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The workspace's call placed (or opened) under {@code key}, if any. */
    public Optional<CallRecord> byIdempotencyKey(String workspaceId, String key) {
        return db.read(h -> store.byKey(h, workspaceId, key));
    }
}
