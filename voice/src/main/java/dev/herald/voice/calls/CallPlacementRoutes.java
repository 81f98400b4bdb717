package dev.herald.voice.calls;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.herald.platform.Feature;
import dev.herald.platform.auth.Caller;
import dev.herald.platform.domain.Invalid;
import dev.herald.platform.http.Idempotency;
import dev.herald.platform.http.JsonBody;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;

/**
 * Placing and hanging up calls: {@code POST /api/v1/voice/calls} (idempotent under
 * {@code Idempotency-Key}; 201 with the call, {@code status: "refused"} when the compliance gate
 * refused it) and {@code POST /api/v1/voice/calls/{id}/hangup} (200; the call ends at its next step).
 * Admin or project keys of the call's workspace.
 */
public final class CallPlacementRoutes implements Feature {
    private final CallService calls;
    private final CallRunner runner;
    private final JsonBody json;
    private final Idempotency idempotency;

    public CallPlacementRoutes(CallService calls, CallRunner runner, JsonBody json, Idempotency idempotency) {
        this.calls = calls;
        this.runner = runner;
        this.json = json;
        this.idempotency = idempotency;
    }

    @Override
    public void routes(JavalinDefaultRouting router) {
        router.post("/api/v1/voice/calls", this::place);
        router.post("/api/v1/voice/calls/{call_id}/hangup", this::hangup);
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record PlaceBody(String direction, String leadId, String profileId, String objective,
                     String calendarConnectorId) {
    }

    private void place(Context ctx) {
        Caller caller = Caller.of(ctx);
        PlaceBody body = json.read(ctx, PlaceBody.class);
        if (body.direction() != null && !"outbound".equals(body.direction())) {
            throw new Invalid("direction", "must be 'outbound' (inbound calls arrive on a number)");
        }
        String key = ctx.header(Idempotency.HEADER);
        idempotency.respond(ctx, caller, () -> Idempotency.Outcome.created(PlacedCall.of(calls.place(
                caller.workspaceId(), new PlaceCall(body.direction(), body.leadId(), body.profileId(),
                        body.objective(), null, 1, body.calendarConnectorId(), null, null, null, null, key)))));
        // The call was queued in the answer's transaction, now committed: let the runner see it at once.
        runner.wake();
    }

    private void hangup(Context ctx) {
        Caller caller = Caller.of(ctx);
        String id = ctx.pathParam("call_id");
        idempotency.respond(ctx, caller, () -> Idempotency.Outcome.of(200,
                PlacedCall.of(calls.hangup(caller.workspaceId(), id))));
    }
}
