package dev.herald.voice.testcalls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.platform.domain.Conflict;
import dev.herald.platform.domain.Invalid;
import dev.herald.platform.domain.NotFound;
import dev.herald.platform.http.FieldCheck;
import dev.herald.platform.store.Database;
import dev.herald.platform.webhooks.WebhookService;
import dev.herald.voice.calls.CallDirectory;
import dev.herald.voice.calls.CallEventLog;
import dev.herald.voice.calls.CallEventType;
import dev.herald.voice.calls.CallJson;
import dev.herald.voice.calls.CallRecord;
import dev.herald.voice.calls.CallService;
import dev.herald.voice.calls.CallToolbox;
import dev.herald.voice.calls.PlaceCall;
import dev.herald.voice.core.call.EndReason;
import dev.herald.voice.core.lead.Lead;
import dev.herald.voice.core.qualifier.CallContext;
import dev.herald.voice.core.qualifier.QualifierAgent;
import dev.herald.voice.governed.CallGovernance;
import dev.herald.voice.governed.GovernedCall;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Test calls: a call whose callee is driven over the API, so a customer (or its CI) can check a
 * profile against its own scripted conversations before going live. A test call is a real call
 * ({@code voice_calls} row, direction and provider {@code test}) with a real governed session: the
 * agent's turns are decided before they are said, its tool calls need permits and run on the
 * workspace's real tools, every utterance is a signed atom and a live event, and the end goes
 * through the calls package's end path (verdict, summary, session closed, CRM write-back, webhooks,
 * attestation). A test call lives in this node's memory while it runs, held through the calls
 * lease: one request drives it at a time (a concurrent one gets 409); it expires when idle.
 */
public final class TestCallService {
    /** A test call nobody drove for this long is ended as failed. */
    public static final Duration IDLE = Duration.ofMinutes(10);
    /** The hold on the row outlives the idle limit, so this node's expiry, not crash recovery, ends an idle call. */
    private static final Duration HOLD = IDLE.plusMinutes(2);
    static final String PROVIDER = "test";

    private final Database db;
    private final Clock clock;
    private final ObjectMapper mapper;
    private final WebhookService webhooks;
    private final CallService calls;
    private final CallGovernance governance;
    private final CallDirectory directory;
    private final CallToolbox toolbox;
    private final CallEventLog events;
    private final Duration idle;
    private final String holder;
    private final Map<String, LiveTestCall> live = new ConcurrentHashMap<>();

    public TestCallService(Database db, Clock clock, SecureRandom random, ObjectMapper mapper, WebhookService webhooks,
                           CallService calls, CallGovernance governance, CallDirectory directory, CallToolbox toolbox,
                           CallEventLog events, Duration idle) {
        this.db = db;
        this.clock = clock;
        this.mapper = mapper;
        this.webhooks = webhooks;
        this.calls = calls;
        this.governance = governance;
        this.directory = directory;
        this.toolbox = toolbox;
        this.events = events;
        this.idle = idle;
        this.holder = "test-" + Long.toHexString(random.nextLong() & Long.MAX_VALUE);
    }

    /**
     * Opens a test call: stores it, starts its governed session and lets the agent open (lookup,
     * greeting with the AI disclosure, recording question). A session the policy refuses gives a
     * {@code failed} call (end reason {@code policy_denied}) and no steps.
     *
     * @throws Invalid for a bad request, naming every bad field (unknown profile, lead, objective, calendar)
     */
    public TestCallView open(String workspaceId, OpenTestCall req, String idempotencyKey) {
        if (idempotencyKey != null) {
            Optional<TestCallView> replay = replay(workspaceId, req, idempotencyKey);
            if (replay.isPresent()) {
                return replay.get();
            }
        }
        FieldCheck check = new FieldCheck();
        check.required("profile_id", req.profileId());
        ZoneId zone = null;
        if (req.timeZone() != null) {
            try {
                zone = ZoneId.of(req.timeZone());
            } catch (DateTimeException e) {
                check.fail("time_zone", "must be an IANA time zone such as Europe/Paris");
            }
        }
        if (req.leadId() != null && (req.leadName() != null || req.company() != null || req.timeZone() != null)) {
            check.fail("lead_id", "give either lead_id or an inline lead (name, company, time_zone), not both");
        }
        check.throwIfAny();
        CallService.Parties parties = calls.parties(workspaceId, req.profileId(), req.leadId(), req.objective(),
                req.calendarConnectorId());
        CallDirectory.ProfileVersion profile = parties.profile();
        Lead lead = parties.lead();
        String objective = parties.objective();
        PlaceCall place = new PlaceCall("test", req.leadId(), req.profileId(), objective, null, 1,
                req.calendarConnectorId(), null, null, null, null, idempotencyKey);
        CallRecord call;
        try {
            call = calls.openDriven(workspaceId, place, profile.version(), objective, PROVIDER, holder,
                    clock.millis() + HOLD.toMillis());
        } catch (RuntimeException e) {
            if (idempotencyKey != null && Database.isUniqueViolation(e)) {
                // A concurrent open under the same key won: answer its call.
                return replay(workspaceId, req, idempotencyKey).orElseThrow(() -> e);
            }
            throw e;
        }
        db.write(h -> webhooks.enqueue(h, workspaceId, null, "call.started", started(call)));
        GovernedCall governed;
        try {
            governed = governance.open(new CallGovernance.Opening(workspaceId, call.id(), call.profileId(),
                    profile.version(), call.leadId(), PROVIDER, profile.profile().aiDisclosure()));
        } catch (CallGovernance.Refused refused) {
            calls.endDriven(call, holder, null, null, refused.reasonCode() + ": " + refused.getMessage());
            return view(workspaceId, call.id(), List.of());
        }
        calls.drivenAnswered(call.id(), governed.sessionId(), governed.projectId());
        String at = clock.instant().toString();
        db.write(h -> {
            events.append(h, workspaceId, call.id(), CallEventType.ANSWERED,
                    Map.of("status", CallRecord.IN_PROGRESS, "answered_at", at));
            return webhooks.enqueue(h, workspaceId, null, "call.answered", Map.of("call_id", call.id(), "answered_at", at));
        });
        CallContext context = lead == null
                ? new CallContext(call.id(), Optional.ofNullable(req.leadName()), Optional.ofNullable(req.company()),
                        Optional.ofNullable(zone))
                : new CallContext(req.leadId(), lead.name(), lead.company(), lead.timeZone());
        QualifierAgent agent = new QualifierAgent(profile.profile(), objective, context, clock);
        LiveTestCall test = new LiveTestCall(calls.get(workspaceId, call.id()), governed, db, clock, events, agent,
                context, toolbox.forCall(call, profile.profile()));
        test.lock.lock(); // held before anyone can find the call
        live.put(call.id(), test);
        try {
            List<Step> steps = drive(test, test::start);
            return afterSteps(test, steps);
        } finally {
            test.lock.unlock();
        }
    }

    /**
     * The callee's next move; answers with what the agent did. A call whose line closed (the
     * agent hung up, the callee did, a turn was denied) is ended at once and answered ended.
     *
     * @throws Conflict when another request drives the call now, or the call is over
     */
    public TestCallView turn(String workspaceId, String callId, CalleeInput input) {
        if (input instanceof CalleeInput.Says s && (s.text() == null || s.text().isBlank())) {
            throw new Invalid("text", "must not be blank");
        }
        LiveTestCall test = held(workspaceId, callId);
        try {
            if (test.finished()) {
                throw new Conflict("test call " + callId + " is over");
            }
            renew(test);
            List<Step> steps = new ArrayList<>();
            if (calls.hangupRequested(callId)) {
                test.close(EndReason.OPERATOR_HUNG_UP);
            } else {
                steps.addAll(drive(test, () -> test.hear(input)));
            }
            return afterSteps(test, steps);
        } finally {
            test.lock.unlock();
        }
    }

    /** Ends the call now (end reason {@code operator_hung_up}) through the calls end path; a call over answers as it is. */
    public TestCallView end(String workspaceId, String callId) {
        LiveTestCall test = live.get(callId);
        if (test == null || !test.call.workspaceId().equals(workspaceId)) {
            return view(workspaceId, callId, List.of()); // over (or not ours): the stored call, or 404
        }
        if (!test.lock.tryLock()) {
            throw new Conflict("another request is driving test call " + callId + "; try again when it answers");
        }
        try {
            if (!test.finished()) {
                test.close(EndReason.OPERATOR_HUNG_UP);
                finish(test, null);
            }
        } finally {
            test.lock.unlock();
        }
        return view(workspaceId, callId, List.of());
    }

    /** The test call as it stands (live: the transcript so far; ended: as stored). */
    public TestCallView get(String workspaceId, String callId) {
        return view(workspaceId, callId, List.of());
    }

    /** Ends the test calls idle for longer than the configured limit as {@code failed}; answers how many. */
    public int expireIdle() {
        return expireIdle(idle);
    }

    /**
     * Ends this node's test calls nobody drove for {@code limit} or longer: the line closes with
     * end reason {@code silence_timeout} (provider code {@code test:silence_timeout}) and the call is
     * recorded {@code failed}, its summary saying it expired; the session closes and is attested
     * like any call's. A call being driven right now is left alone.
     */
    public int expireIdle(Duration limit) {
        int expired = 0;
        long now = clock.millis();
        for (LiveTestCall test : List.copyOf(live.values())) {
            if (now - test.lastActivity() < limit.toMillis() || !test.lock.tryLock()) {
                continue;
            }
            try {
                if (!test.finished()) {
                    test.close(EndReason.SILENCE_TIMEOUT);
                    finish(test, "The test call expired: nobody drove it for " + limit.toSeconds()
                            + " s, so it was ended as failed.");
                    expired++;
                }
            } finally {
                test.lock.unlock();
            }
        }
        return expired;
    }

    /** The call opened under {@code key}: its view (no steps), or a 409 when the key named another request. */
    private Optional<TestCallView> replay(String workspaceId, OpenTestCall req, String key) {
        return calls.byIdempotencyKey(workspaceId, key).map(c -> {
            if (!"test".equals(c.direction()) || !c.profileId().equals(req.profileId())
                    || (req.leadId() != null && !req.leadId().equals(c.leadId()))) {
                throw new Conflict("Idempotency-Key '" + key + "' was already used for a different request");
            }
            return view(workspaceId, c.id(), List.of());
        });
    }

    /** The live call (tests hold its lock to show that a concurrent driver is turned away). */
    LiveTestCall liveCall(String callId) {
        return live.get(callId);
    }

    /** How many test calls this node holds. */
    public int liveCount() {
        return live.size();
    }

    private LiveTestCall held(String workspaceId, String callId) {
        LiveTestCall test = live.get(callId);
        if (test == null || !test.call.workspaceId().equals(workspaceId)) {
            CallRecord stored = calls.get(workspaceId, callId); // 404 for another workspace's or unknown id
            if (!"test".equals(stored.direction())) {
                throw new NotFound("test call " + callId + " not found");
            }
            throw new Conflict(stored.live() ? "test call " + callId + " is driven by another node"
                    : "test call " + callId + " is over (" + stored.status() + ")");
        }
        if (!test.lock.tryLock()) {
            throw new Conflict("another request is driving test call " + callId + "; try again when it answers");
        }
        return test;
    }

    private void renew(LiveTestCall test) {
        test.touch();
        if (!calls.renewDriven(test.call.id(), holder, clock.millis() + HOLD.toMillis())) {
            live.remove(test.call.id());
            test.markFinished();
            throw new Conflict("test call " + test.call.id() + " was lost (its node was declared gone) and is over");
        }
    }

    /**
     * Runs one step of the dialogue. A failure half-way (the session store, a tool) leaves the
     * agent in no state to go on: the call is ended at once as {@code failed} with end reason
     * {@code provider_error} through the end path (its session closed and attested), then the
     * failure goes to the caller.
     */
    private List<Step> drive(LiveTestCall test, Supplier<List<Step>> step) {
        try {
            return step.get();
        } catch (RuntimeException e) {
            if (!test.finished()) {
                try {
                    test.close(EndReason.PROVIDER_ERROR);
                    finish(test, "The test call failed: " + e.getMessage());
                } catch (RuntimeException ending) {
                    e.addSuppressed(ending);
                }
            }
            throw e;
        }
    }

    private TestCallView afterSteps(LiveTestCall test, List<Step> steps) {
        if (test.over()) {
            finish(test, null);
        }
        return view(test.call.workspaceId(), test.call.id(), steps);
    }

    private void finish(LiveTestCall test, String failure) {
        try {
            calls.endDriven(test.call, holder, test.governed, test.played(), failure);
        } finally {
            test.markFinished();
            live.remove(test.call.id());
        }
    }

    private TestCallView view(String workspaceId, String callId, List<Step> steps) {
        CallRecord c = calls.get(workspaceId, callId);
        if (!"test".equals(c.direction())) {
            throw new NotFound("test call " + callId + " not found");
        }
        LiveTestCall test = live.get(callId);
        JsonNode transcript;
        String summary = null;
        JsonNode verdict = null;
        if (test != null && !test.finished()) {
            transcript = mapper.valueToTree(CallJson.transcript(test.transcript()));
        } else {
            CallService.Content content = calls.content(workspaceId, callId);
            transcript = parse(content.transcriptJson());
            summary = content.summary();
            verdict = parse(content.verdictJson());
        }
        return TestCallView.of(c, steps, transcript, summary, verdict);
    }

    private JsonNode parse(String json) {
        if (json == null) {
            return null;
        }
        try {
            return mapper.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("stored call JSON unreadable", e);
        }
    }

    private Map<String, Object> started(CallRecord call) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("call_id", call.id());
        m.put("direction", call.direction());
        m.put("provider", call.provider());
        m.put("lead_id", call.leadId());
        m.put("profile_id", call.profileId());
        m.put("campaign_id", null);
        m.put("started_at", clock.instant().toString());
        return m;
    }
}
