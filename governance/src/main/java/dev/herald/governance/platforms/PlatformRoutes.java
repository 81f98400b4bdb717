package dev.herald.governance.platforms;

import dev.herald.platform.domain.Invalid;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.herald.platform.Feature;
import dev.herald.platform.auth.Caller;
import dev.herald.platform.http.FieldCheck;
import dev.herald.platform.http.Idempotency;
import dev.herald.platform.http.JsonBody;
import dev.herald.platform.http.PageRequest;
import dev.herald.platform.webhooks.WebhookService;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RegisterRequest(String surface, String name, String callbackUrl, String project) {
    }

    /** The registration answer. The three secrets are null on replays. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RegisterResponse(Platform platform, String apiKey, String signingSecret, String webhookSecret) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RotateRequest(String secret, Long graceSeconds) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RotateResponse(Platform platform, String kind, String secret, Long previousValidUntil) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record PolicyRequest(List<String> requiredSessionScopes, Map<String, String> actionScopes, Boolean proofRequired,
                         Boolean proofRequiredOnEveryTurn) {
    }

    private void register(Context ctx) {
        Caller caller = Caller.of(ctx);
        RegisterRequest body = json.read(ctx, RegisterRequest.class);
        platforms.checkCallbackLookup(body.callbackUrl());
        idempotency.respond(ctx, caller, () -> {
            PlatformService.Registered r = platforms.register(caller, new PlatformService.Registration(
                    body.surface(), body.name(), body.callbackUrl(), body.project()));
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
        RotateRequest body = json.read(ctx, RotateRequest.class);
        new FieldCheck().required("secret", body.secret()).throwIfAny();
        PlatformService.SecretKind kind = PlatformService.SecretKind.fromWire(body.secret()).orElseThrow(() ->
                new Invalid("secret", "must be api_key, signing_secret or webhook_secret"));
        if (body.graceSeconds() != null && kind != PlatformService.SecretKind.WEBHOOK_SECRET) {
            throw new Invalid("grace_seconds", "applies to webhook_secret only");
        }
        Duration grace = body.graceSeconds() == null ? WebhookService.DEFAULT_GRACE
                : Duration.ofSeconds(body.graceSeconds());
        String id = ctx.pathParam("id");
        idempotency.respond(ctx, caller, () -> {
            PlatformService.Rotated r = platforms.rotate(caller, id, kind, grace);
            return new Idempotency.Outcome(200,
                    new RotateResponse(r.platform(), kind.wire(), r.secret(), r.previousValidUntil()),
                    new RotateResponse(r.platform(), kind.wire(), null, r.previousValidUntil()));
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
        PolicyRequest body = json.read(ctx, PolicyRequest.class);
        String id = ctx.pathParam("id");
        idempotency.respond(ctx, caller, () -> Idempotency.Outcome.of(200, platforms.approvePolicy(
                caller, id, body.requiredSessionScopes(), body.actionScopes(), body.proofRequired(),
                body.proofRequiredOnEveryTurn()).voicePolicy()));
    }
}
