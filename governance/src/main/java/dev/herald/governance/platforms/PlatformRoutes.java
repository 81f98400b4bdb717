package dev.herald.governance.platforms;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.herald.platform.Feature;
import dev.herald.platform.auth.Caller;
import dev.herald.platform.http.Idempotency;
import dev.herald.platform.http.JsonBody;
import dev.herald.platform.http.PageRequest;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;

/**
 * {@code POST|GET /v1/platforms}, {@code GET /v1/platforms/{id}},
 * {@code POST /v1/platforms/{id}/rotate-secret}, {@code POST /v1/platforms/{id}/disable},
 * {@code GET|PUT /v1/platforms/{id}/voice-policy}. Secrets appear only in the first answer of a
 * register or rotate; an idempotent replay returns the same body with the secrets {@code null}.
 */
public final class PlatformRoutes implements Feature {
    private final PlatformService platforms;
    private final JsonBody json;
    private final Idempotency idempotency;

    public PlatformRoutes(PlatformService platforms, JsonBody json, Idempotency idempotency) {
        this.platforms = platforms;
        this.json = json;
        this.idempotency = idempotency;
    }

    @Override
    public void routes(JavalinDefaultRouting router) {
        router.post("/v1/platforms", this::register);
        router.get("/v1/platforms", this::list);
        router.get("/v1/platforms/{id}", this::get);
        router.post("/v1/platforms/{id}/rotate-secret", this::rotate);
        router.post("/v1/platforms/{id}/disable", this::disable);
        router.get("/v1/platforms/{id}/voice-policy", this::getPolicy);
        router.put("/v1/platforms/{id}/voice-policy", this::approvePolicy);
    }

    /** The registration answer. The three secrets are null on replays. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RegisterResponse(Platform platform, String apiKey, String signingSecret, String webhookSecret) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RotateResponse(Platform platform, String kind, String secret, Long previousValidUntil) {
    }

    private void register(Context ctx) {
        Caller caller = Caller.of(ctx);
        PlatformService.Registration body = json.read(ctx, PlatformService.Registration.class);
        platforms.checkCallbackLookup(body.callbackUrl());
        idempotency.respond(ctx, caller, () -> {
            PlatformService.Registered r = platforms.register(caller, body);
            return new Idempotency.Outcome(201,
                    new RegisterResponse(r.platform(), r.apiKey(), r.signingSecret(), r.webhookSecret()),
                    new RegisterResponse(r.platform(), null, null, null));
        });
    }

    private void list(Context ctx) {
        ctx.json(platforms.list(Caller.of(ctx), PageRequest.from(ctx)));
    }

    private void get(Context ctx) {
        ctx.json(platforms.get(Caller.of(ctx), ctx.pathParam("id")));
    }

    private void rotate(Context ctx) {
        Caller caller = Caller.of(ctx);
        SecretRotation body = json.read(ctx, SecretRotation.class);
        String id = ctx.pathParam("id");
        idempotency.respond(ctx, caller, () -> {
            PlatformService.Rotated r = platforms.rotate(caller, id, body);
            return new Idempotency.Outcome(200,
                    new RotateResponse(r.platform(), r.kind().wire(), r.secret(), r.previousValidUntil()),
                    new RotateResponse(r.platform(), r.kind().wire(), null, r.previousValidUntil()));
        });
    }

    private void disable(Context ctx) {
        Caller caller = Caller.of(ctx);
        String id = ctx.pathParam("id");
        idempotency.respond(ctx, caller,
                () -> Idempotency.Outcome.of(200, platforms.disable(caller, id)));
    }

    private void getPolicy(Context ctx) {
        ctx.json(platforms.get(Caller.of(ctx), ctx.pathParam("id")).voicePolicy());
    }

    private void approvePolicy(Context ctx) {
        Caller caller = Caller.of(ctx);
        VoicePolicyApproval body = json.read(ctx, VoicePolicyApproval.class);
        String id = ctx.pathParam("id");
        idempotency.respond(ctx, caller, () -> Idempotency.Outcome.of(200,
                platforms.approvePolicy(caller, id, body).voicePolicy()));
    }
}
