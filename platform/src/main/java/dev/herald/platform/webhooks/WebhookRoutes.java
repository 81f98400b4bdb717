package dev.herald.platform.webhooks;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.herald.platform.Feature;
import dev.herald.platform.auth.Caller;
import dev.herald.platform.http.Idempotency;
import dev.herald.platform.http.JsonBody;
import dev.herald.platform.http.PageRequest;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.util.List;

/**
 * Webhook endpoints and the delivery log, admin keys only:
 * {@code POST|GET /v1/webhooks/endpoints}, {@code GET /v1/webhooks/endpoints/{id}},
 * {@code POST /v1/webhooks/endpoints/{id}/rotate-secret|disable|enable},
 * {@code GET /v1/webhooks/deliveries[?endpoint_id=&status=]}, {@code GET /v1/webhooks/deliveries/{id}} and
 * {@code POST /v1/webhooks/deliveries/{id}/redeliver}. Secrets appear only in the first answer of a
 * create or rotate; idempotent replays return the body with {@code secret: null}.
 */
public final class WebhookRoutes implements Feature {
    private final WebhookService webhooks;
    private final JsonBody json;
    private final Idempotency idempotency;

    public WebhookRoutes(WebhookService webhooks, JsonBody json, Idempotency idempotency) {
        this.webhooks = webhooks;
        this.json = json;
        this.idempotency = idempotency;
    }

    @Override
    public void routes(JavalinDefaultRouting router) {
        router.post("/v1/webhooks/endpoints", this::create);
        router.get("/v1/webhooks/endpoints", this::list);
        router.get("/v1/webhooks/endpoints/{id}", this::get);
        router.post("/v1/webhooks/endpoints/{id}/rotate-secret", this::rotate);
        router.post("/v1/webhooks/endpoints/{id}/disable", ctx -> setStatus(ctx, false));
        router.post("/v1/webhooks/endpoints/{id}/enable", ctx -> setStatus(ctx, true));
        router.get("/v1/webhooks/deliveries", this::deliveries);
        router.get("/v1/webhooks/deliveries/{id}", this::delivery);
        router.post("/v1/webhooks/deliveries/{id}/redeliver", this::redeliver);
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CreateRequest(String url, String description, List<String> eventTypes) {
    }

    /** An endpoint plus, once, its secret. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record WithSecret(@JsonUnwrapped WebhookEndpoint endpoint, String secret) {
    }

    private void create(Context ctx) {
        Caller caller = Caller.of(ctx);
        CreateRequest body = json.read(ctx, CreateRequest.class);
        webhooks.checkTargetLookup("url", body.url());
        idempotency.respond(ctx, caller, () -> {
            WebhookService.Created created = webhooks.create(caller.workspaceId(),
                    new WebhookService.EndpointSpec(body.url(), body.description(), body.eventTypes(), null));
            return new Idempotency.Outcome(201, new WithSecret(created.endpoint(), created.secret().reveal()),
                    new WithSecret(created.endpoint(), null));
        });
    }

    private void list(Context ctx) {
        Caller caller = Caller.of(ctx);
        ctx.json(webhooks.list(caller.workspaceId(), PageRequest.from(ctx)));
    }

    private void get(Context ctx) {
        Caller caller = Caller.of(ctx);
        ctx.json(webhooks.get(caller.workspaceId(), ctx.pathParam("id")));
    }

    private void rotate(Context ctx) {
        Caller caller = Caller.of(ctx);
        WebhookService.Rotation body = ctx.bodyAsBytes().length == 0 ? new WebhookService.Rotation(null)
                : json.read(ctx, WebhookService.Rotation.class);
        String id = ctx.pathParam("id");
        idempotency.respond(ctx, caller, () -> {
            WebhookService.Created rotated = webhooks.rotateSecret(caller.workspaceId(), id, body);
            return new Idempotency.Outcome(200, new WithSecret(rotated.endpoint(), rotated.secret().reveal()),
                    new WithSecret(rotated.endpoint(), null));
        });
    }

    private void setStatus(Context ctx, boolean enabled) {
        Caller caller = Caller.of(ctx);
        String id = ctx.pathParam("id");
        idempotency.respond(ctx, caller, () -> Idempotency.Outcome.of(200,
                webhooks.setStatus(caller.workspaceId(), id, enabled, "disabled by " + caller.keyId())));
    }

    private void deliveries(Context ctx) {
        Caller caller = Caller.of(ctx);
        ctx.json(webhooks.deliveries(caller.workspaceId(), ctx.queryParam("endpoint_id"), ctx.queryParam("status"),
                PageRequest.from(ctx)));
    }

    private void delivery(Context ctx) {
        Caller caller = Caller.of(ctx);
        ctx.json(webhooks.delivery(caller.workspaceId(), ctx.pathParam("id")));
    }

    private void redeliver(Context ctx) {
        Caller caller = Caller.of(ctx);
        String id = ctx.pathParam("id");
        idempotency.respond(ctx, caller,
                () -> Idempotency.Outcome.of(202, webhooks.redeliver(caller.workspaceId(), id)));
    }
}
