package dev.herald.voice.numbers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.herald.platform.Feature;
import dev.herald.platform.auth.Caller;
import dev.herald.platform.domain.FieldError;
import dev.herald.platform.domain.Invalid;
import dev.herald.platform.http.Idempotency;
import dev.herald.platform.http.JsonBody;
import dev.herald.platform.http.PageRequest;
import dev.herald.platform.http.Problems;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.util.ArrayList;
import java.util.List;

/**
 * Inbound numbers: {@code POST|GET /api/v1/voice/numbers}, {@code GET|PATCH|DELETE
 * /api/v1/voice/numbers/{id}}, and {@code POST /api/v1/voice/numbers/{id}/calls} with
 * {@code {"from": "+1..."}}, which rings the number as a caller would (the simulated inbound call).
 */
public final class NumberRoutes implements Feature {
    static final String BASE = "/api/v1/voice/numbers";
    private static final List<String> MEMBERS = List.of("number", "profile_id", "objective", "provider");

    private final NumberService numbers;
    private final JsonBody json;
    private final Idempotency idempotency;

    public NumberRoutes(NumberService numbers, JsonBody json, Idempotency idempotency) {
        this.numbers = numbers;
        this.json = json;
        this.idempotency = idempotency;
    }

    @Override
    public void routes(JavalinDefaultRouting router) {
        router.post(BASE, this::create);
        router.get(BASE, this::list);
        router.get(BASE + "/{id}", this::get);
        router.patch(BASE + "/{id}", this::update);
        router.delete(BASE + "/{id}", this::delete);
        router.post(BASE + "/{id}/calls", this::ring);
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record NumberBody(String number, String profileId, String objective, String provider) {
        NumberService.NumberSpec spec() {
            return new NumberService.NumberSpec(number, profileId, objective, provider);
        }
    }

    record RingBody(String from) {}

    private void create(Context ctx) {
        Caller caller = Caller.of(ctx);
        NumberBody body = json.read(ctx, NumberBody.class);
        idempotency.respond(ctx, caller, () -> Idempotency.Outcome.created(
                numbers.create(caller.workspaceId(), body.spec())));
    }

    private void list(Context ctx) {
        Caller caller = Caller.of(ctx);
        ctx.json(numbers.list(caller.workspaceId(), PageRequest.from(ctx)));
    }

    private void get(Context ctx) {
        Caller caller = Caller.of(ctx);
        ctx.json(numbers.get(caller.workspaceId(), ctx.pathParam("id")));
    }

    /** A merge patch; null would mean "remove", and every member of a number has a value. */
    private void update(Context ctx) {
        Caller caller = Caller.of(ctx);
        JsonNode tree = json.read(ctx, JsonNode.class);
        if (!tree.isObject()) {
            throw new Problems.BadRequest("request body must be a JSON object");
        }
        List<FieldError> nulls = new ArrayList<>();
        MEMBERS.stream().filter(m -> tree.has(m) && tree.get(m).isNull())
                .forEach(m -> nulls.add(new FieldError(m, "must not be null: every member of a number has a value")));
        NumberBody body = json.map(tree, NumberBody.class);
        if (!nulls.isEmpty()) {
            throw new Invalid(nulls);
        }
        String id = ctx.pathParam("id");
        idempotency.respond(ctx, caller, () -> Idempotency.Outcome.of(200,
                numbers.update(caller.workspaceId(), id, body.spec())));
    }

    private void delete(Context ctx) {
        Caller caller = Caller.of(ctx);
        numbers.delete(caller.workspaceId(), ctx.pathParam("id"));
        ctx.status(204);
    }

    private void ring(Context ctx) {
        Caller caller = Caller.of(ctx);
        RingBody body = json.read(ctx, RingBody.class);
        String id = ctx.pathParam("id");
        String key = ctx.header(Idempotency.HEADER);
        idempotency.respond(ctx, caller, () -> Idempotency.Outcome.created(
                numbers.ring(caller.workspaceId(), id, body.from(), key)));
    }
}
