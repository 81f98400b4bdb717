package dev.herald.governance.identity;

import dev.herald.platform.domain.Invalid;
import dev.herald.platform.domain.NotFound;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.herald.evidence.json.Sha256;
import dev.herald.ratify.Anchor;
import dev.herald.ratify.DelegationCert;
import dev.herald.ratify.HybridPublicKey;
import dev.herald.ratify.KeyRotationStatement;
import dev.herald.ratify.RatifyDecodeException;
import dev.herald.ratify.RatifyJson;
import dev.herald.ratify.RevocationPush;
import dev.herald.platform.Feature;
import dev.herald.platform.auth.Caller;
import dev.herald.platform.http.FieldCheck;
import dev.herald.platform.http.Idempotency;
import dev.herald.platform.http.JsonBody;
import dev.herald.platform.http.MalformedInput;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The Ratify registry over HTTP.
 *
 * <p>Read binding (SPEC 13.1): {@code GET /v1/registry/principals/{human_id}} answers the current
 * record with {@code Cache-Control: max-age} and an {@code ETag} (and 304 for a matching
 * {@code If-None-Match}). Malformed, unknown, removed and rotated-away ids all get the same 404 with
 * the body {@code {}} and no other distinguishing header. Nothing else lives under
 * {@code /v1/registry/principals}: the bare prefix answers the same 404, so there is no listing.
 *
 * <p>Writes live under {@code /v1/ratify/}: principals, key rotations, agents, delegations and
 * revocation pushes, each verified before it is stored.
 */
public final class RegistryRoutes implements Feature {
    /** Short, as SPEC 13.1 asks (minutes, not hours). */
    static final int MAX_AGE_SECONDS = 60;
    private static final byte[] NOT_FOUND = "{}".getBytes(StandardCharsets.UTF_8);

    private final RatifyRegistry registry;
    private final RevocationRegistry revocations;
    private final JsonBody json;
    private final Idempotency idempotency;

    public RegistryRoutes(RatifyRegistry registry, RevocationRegistry revocations, JsonBody json,
                          Idempotency idempotency) {
        this.registry = registry;
        this.revocations = revocations;
        this.json = json;
        this.idempotency = idempotency;
    }

    @Override
    public void routes(JavalinDefaultRouting router) {
        router.get("/v1/registry/principals", this::notFound);
        router.get("/v1/registry/principals/<humanId>", this::principal);
        router.post("/v1/ratify/principals", this::registerPrincipal);
        router.delete("/v1/ratify/principals/{humanId}", this::removePrincipal);
        router.post("/v1/ratify/key-rotations", this::rotate);
        router.post("/v1/ratify/agents", this::registerAgent);
        router.get("/v1/ratify/agents/{agentId}", this::agent);
        router.post("/v1/ratify/delegations", this::storeDelegation);
        router.post("/v1/ratify/revocation-pushes", this::push);
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record AnchorBody(String type, String provider, String reference, Long verifiedAt) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record PrincipalRequest(Map<String, Object> publicKey, AnchorBody anchor) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Removed(String humanId, boolean removed) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RotationRequest(Map<String, Object> keyRotation) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record AgentRequest(Map<String, Object> publicKey, String name, String agentType) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record AgentResponse(String agentId, Object publicKey, String name, String agentType, long createdAt,
                         List<Object> delegations) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record DelegationRequest(Map<String, Object> cert) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record DelegationResponse(String certId, String issuerId, String subjectId, List<String> scope, long issuedAt,
                              long expiresAt) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record PushRequest(Map<String, Object> revocationPush, Map<String, Object> issuerPublicKey) {
    }

    /** The sequence numbers a push skipped: the caller sends the full list to close them. */
    record Gap(long from, long to) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PushResponse(String issuerId, boolean applied, long lastSeqNo, Gap gap,
                        boolean needsFullList, int newlyRevoked) {
    }

    private void notFound(Context ctx) {
        ctx.attribute(dev.herald.platform.http.ProblemHandlers.KEEP_BODY, true);
        ctx.status(404).contentType("application/json").result(NOT_FOUND);
    }

    private void principal(Context ctx) {
        Caller caller = Caller.of(ctx);
        var found = registry.principal(caller.workspaceId(), ctx.pathParam("humanId"));
        if (found.isEmpty()) {
            notFound(ctx);
            return;
        }
        byte[] body;
        try {
            body = json.mapper().writeValueAsBytes(found.get().document());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a principal record is plain JSON", e);
        }
        String etag = "\"" + etag(body) + "\"";
        ctx.header("Cache-Control", "max-age=" + MAX_AGE_SECONDS);
        ctx.header("ETag", etag);
        String ifNoneMatch = ctx.header("If-None-Match");
        if (ifNoneMatch != null && List.of(ifNoneMatch.split("\\s*,\\s*")).contains(etag)) {
            ctx.status(304);
            return;
        }
        ctx.status(200).contentType("application/json").result(body);
    }

    private static String etag(byte[] body) {
        return Sha256.of(body).hex().substring(0, 32);
    }

    private void registerPrincipal(Context ctx) {
        Caller caller = Caller.of(ctx);
        PrincipalRequest body = json.read(ctx, PrincipalRequest.class);
        new FieldCheck().required("public_key", body.publicKey()).throwIfAny();
        HybridPublicKey key = decode("public_key", body.publicKey(), RatifyJson::decodePublicKey);
        AnchorBody a = body.anchor();
        Anchor anchor = a == null ? null : RatifyRegistry.anchor(a.type(), a.provider(), a.reference(), a.verifiedAt());
        idempotency.respond(ctx, caller, () -> Idempotency.Outcome.of(201,
                registry.registerPrincipal(caller.workspaceId(), key, anchor).document()));
    }

    private void removePrincipal(Context ctx) {
        Caller caller = Caller.of(ctx);
        String id = ctx.pathParam("humanId");
        idempotency.respond(ctx, caller, () -> {
            registry.removePrincipal(caller.workspaceId(), id);
            return Idempotency.Outcome.of(200, new Removed(id, true));
        });
    }

    private void rotate(Context ctx) {
        Caller caller = Caller.of(ctx);
        RotationRequest body = json.read(ctx, RotationRequest.class);
        new FieldCheck().required("key_rotation", body.keyRotation()).throwIfAny();
        KeyRotationStatement statement = decode("key_rotation", body.keyRotation(), RatifyJson::decodeKeyRotation);
        idempotency.respond(ctx, caller, () -> Idempotency.Outcome.of(200,
                registry.rotate(caller.workspaceId(), statement).document()));
    }

    private void registerAgent(Context ctx) {
        Caller caller = Caller.of(ctx);
        AgentRequest body = json.read(ctx, AgentRequest.class);
        new FieldCheck().required("public_key", body.publicKey()).required("name", body.name())
                .required("agent_type", body.agentType()).throwIfAny();
        HybridPublicKey key = decode("public_key", body.publicKey(), RatifyJson::decodePublicKey);
        idempotency.respond(ctx, caller, () -> Idempotency.Outcome.of(201,
                agentResponse(caller, registry.registerAgent(caller.workspaceId(), key, body.name(), body.agentType()))));
    }

    private void agent(Context ctx) {
        Caller caller = Caller.of(ctx);
        String id = ctx.pathParam("agentId");
        ctx.json(agentResponse(caller, registry.agent(caller.workspaceId(), id)
                .orElseThrow(() -> new NotFound("agent '" + id + "' not found"))));
    }

    private AgentResponse agentResponse(Caller caller, RatifyRegistry.AgentRecord a) {
        List<Object> certs = registry.delegationsOf(caller.workspaceId(), a.agentId()).stream()
                .map(c -> (Object) json.parse(RatifyJson.encode(c), Map.class)).toList();
        return new AgentResponse(a.agentId(), json.parse(RatifyJson.encode(a.publicKey()), Map.class), a.name(),
                a.agentType(), a.createdAt(), certs);
    }

    private void storeDelegation(Context ctx) {
        Caller caller = Caller.of(ctx);
        DelegationRequest body = json.read(ctx, DelegationRequest.class);
        new FieldCheck().required("cert", body.cert()).throwIfAny();
        DelegationCert cert = decode("cert", body.cert(), RatifyJson::decodeDelegationCert);
        idempotency.respond(ctx, caller, () -> {
            DelegationCert stored = registry.storeDelegation(caller.workspaceId(), cert);
            return Idempotency.Outcome.of(201, new DelegationResponse(stored.certId(), stored.issuerId(),
                    stored.subjectId(), stored.scope(), stored.issuedAt(), stored.expiresAt()));
        });
    }

    private void push(Context ctx) {
        Caller caller = Caller.of(ctx);
        PushRequest body = json.read(ctx, PushRequest.class);
        new FieldCheck().required("revocation_push", body.revocationPush()).throwIfAny();
        RevocationPush push = decode("revocation_push", body.revocationPush(), RatifyJson::decodeRevocationPush);
        HybridPublicKey key = body.issuerPublicKey() != null
                ? decode("issuer_public_key", body.issuerPublicKey(), RatifyJson::decodePublicKey)
                : registry.principalKey(caller.workspaceId(), push.issuerId()).orElseThrow(() -> new Invalid(
                        "issuer_public_key", "is required: issuer " + push.issuerId() + " is not a registered principal"));
        idempotency.respond(ctx, caller, () -> {
            RevocationRegistry.PushOutcome o = revocations.acceptPush(caller.workspaceId(), push, key);
            Gap gap = o.gapFrom() == null ? null : new Gap(o.gapFrom(), o.gapTo());
            return Idempotency.Outcome.of(200, new PushResponse(push.issuerId(),
                    o.applied(), o.lastSeqNo(), gap, o.needsFullList(), o.newlyRevoked()));
        });
    }

    private <T> T decode(String field, Map<String, Object> value, Function<byte[], T> decoder) {
        try {
            return decoder.apply(json.mapper().writeValueAsBytes(value));
        } catch (RatifyDecodeException e) {
            throw new MalformedInput(field, "cannot be decoded: " + e.getMessage());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new Invalid(field, "cannot be re-encoded: " + e.getOriginalMessage());
        }
    }
}
