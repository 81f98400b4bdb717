package dev.herald.voice.testcalls;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.herald.platform.Feature;
import dev.herald.platform.auth.Caller;
import dev.herald.platform.http.FieldCheck;
import dev.herald.platform.http.Idempotency;
import dev.herald.platform.http.JsonBody;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.util.Optional;
import java.util.function.Function;

/**
 * Test calls over plain request/response: open ({@code POST /api/v1/voice/test-calls}, 201 with the
 * agent's opening steps; {@code Idempotency-Key} answers the call opened under it), drive
 * ({@code POST .../{call_id}/turns} with what the callee says, or a silence or hangup event),
 * end ({@code POST .../{call_id}/end}) and read ({@code GET .../{call_id}}). Admin or project keys of
 * the call's workspace. Nothing here runs inside a request transaction: the session start and the
 * attestation after the end are their own.
 */
public final class TestCallRoutes implements Feature {
    private final TestCallService tests;
    private final JsonBody json;
    private final TestCallSocket socket;

    /** {@code authenticate}: a presented API key's caller (the socket checks the upgrade request's bearer key itself). */
    public TestCallRoutes(TestCallService tests, JsonBody json, Function<String, Optional<Caller>> authenticate) {
        this.tests = tests;
        this.json = json;
        this.socket = new TestCallSocket(tests, json, authenticate);
    }

    @Override
    public void routes(JavalinDefaultRouting router) {
        router.post("/api/v1/voice/test-calls", this::open);
        router.get("/api/v1/voice/test-calls/{call_id}", this::get);
        router.post("/api/v1/voice/test-calls/{call_id}/turns", this::turn);
        router.post("/api/v1/voice/test-calls/{call_id}/end", this::end);
        router.ws("/api/v1/voice/test-calls/{call_id}/socket", socket::configure);
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record OpenBody(String profileId, String objective, String leadId, InlineLead lead, String calendarConnectorId) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record InlineLead(String name, String company, String timeZone) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record TurnBody(String text, String event) {
    }

    private void open(Context ctx) {
        Caller caller = Caller.of(ctx);
        OpenBody body = json.read(ctx, OpenBody.class);
        String key = ctx.header(Idempotency.HEADER);
        FieldCheck check = new FieldCheck();
        if (key != null) {
            check.key(Idempotency.HEADER, key);
        }
        if (body.lead() != null && body.leadId() != null) {
            check.fail("lead", "give either lead_id or an inline lead, not both");
        }
        check.throwIfAny();
        InlineLead lead = body.lead() == null ? new InlineLead(null, null, null) : body.lead();
        OpenTestCall req = new OpenTestCall(body.profileId(), body.objective(), body.leadId(), lead.name(),
                lead.company(), lead.timeZone(), body.calendarConnectorId());
        ctx.status(201).json(tests.open(caller.workspaceId(), req, key));
    }

    private void get(Context ctx) {
        ctx.json(tests.get(Caller.of(ctx).workspaceId(), ctx.pathParam("call_id")));
    }

    private void turn(Context ctx) {
        Caller caller = Caller.of(ctx);
        TurnBody body = json.read(ctx, TurnBody.class);
        ctx.json(tests.turn(caller.workspaceId(), ctx.pathParam("call_id"), input(body)));
    }

    private void end(Context ctx) {
        ctx.json(tests.end(Caller.of(ctx).workspaceId(), ctx.pathParam("call_id")));
    }

    /** One callee move from a body: {@code text}, or {@code event} silence/hangup (exactly one). */
    static CalleeInput input(TurnBody body) {
        FieldCheck check = new FieldCheck();
        boolean hasText = body.text() != null;
        boolean hasEvent = body.event() != null;
        if (hasText == hasEvent) {
            check.fail(hasText ? "event" : "text", "give either text (what the callee says) or event, not both");
        } else if (hasText && body.text().isBlank()) {
            check.fail("text", "must not be blank");
        } else if (hasText && body.text().length() > 2_000) {
            check.fail("text", "must be at most 2000 characters");
        } else if (hasEvent && !"silence".equals(body.event()) && !"hangup".equals(body.event())) {
            check.fail("event", "must be one of [hangup, silence]");
        }
        check.throwIfAny();
        if (hasText) {
            return new CalleeInput.Says(body.text());
        }
        return "silence".equals(body.event()) ? new CalleeInput.Silence() : new CalleeInput.HangsUp();
    }
}
