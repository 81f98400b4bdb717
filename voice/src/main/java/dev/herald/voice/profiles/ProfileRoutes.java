package dev.herald.voice.profiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.platform.Feature;
import dev.herald.platform.auth.Caller;
import dev.herald.platform.domain.FieldError;
import dev.herald.platform.domain.Invalid;
import dev.herald.platform.http.Idempotency;
import dev.herald.platform.http.JsonBody;
import dev.herald.platform.http.Page;
import dev.herald.platform.http.PageRequest;
import dev.herald.platform.http.Problems;
import dev.herald.voice.agents.AgentIdentities;
import dev.herald.voice.core.profile.ProfilePatch;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.util.ArrayList;
import java.util.List;

/**
 * Agent voice profiles: {@code POST|GET /api/v1/voice/profiles}, {@code GET|PATCH
 * /api/v1/voice/profiles/{id}} ({@code ?version=N} reads an older version) and {@code GET
 * /api/v1/voice/profiles/{id}/versions}. PATCH is a JSON merge patch (RFC 7396) sent as
 * {@code application/merge-patch+json} or {@code application/json}; a member may not be null,
 * since every profile field has a value.
 */
public final class ProfileRoutes implements Feature {
    static final String BASE = "/api/v1/voice/profiles";

    private final ProfileService profiles;
    private final AgentIdentities agents;
    private final JsonBody json;
    private final Idempotency idempotency;

    public ProfileRoutes(ProfileService profiles, AgentIdentities agents, JsonBody json, Idempotency idempotency) {
        this.profiles = profiles;
        this.agents = agents;
        this.json = json;
        this.idempotency = idempotency;
    }

    @Override
    public void routes(JavalinDefaultRouting router) {
        router.post(BASE, this::create);
        router.get(BASE, this::list);
        router.get(BASE + "/{id}", this::get);
        router.patch(BASE + "/{id}", this::patch);
        router.get(BASE + "/{id}/versions", this::versions);
    }

    private void create(Context ctx) {
        Caller caller = Caller.of(ctx);
        ObjectNode body = object(ctx);
        JsonNode template = body.remove("template");
        if (template != null && !template.isTextual()) {
            throw new Invalid("template", "must be a string");
        }
        ProfilePatch values = values(body);
        idempotency.respond(ctx, caller, () -> Idempotency.Outcome.created(answer(caller,
                profiles.create(caller.workspaceId(), template == null ? null : template.asText(), values))));
    }

    private void patch(Context ctx) {
        Caller caller = Caller.of(ctx);
        ProfilePatch patch = values(object(ctx));
        String id = ctx.pathParam("id");
        idempotency.respond(ctx, caller, () -> Idempotency.Outcome.of(200,
                answer(caller, profiles.patch(caller.workspaceId(), id, patch).profile())));
    }

    private void get(Context ctx) {
        Caller caller = Caller.of(ctx);
        String id = ctx.pathParam("id");
        String version = ctx.queryParam("version");
        StoredProfile p = version == null ? profiles.current(caller.workspaceId(), id)
                : profiles.version(caller.workspaceId(), id, positive("version", version));
        ctx.json(answer(caller, p));
    }

    private void list(Context ctx) {
        Caller caller = Caller.of(ctx);
        Page<StoredProfile> page = profiles.list(caller.workspaceId(), PageRequest.from(ctx));
        ctx.json(new Page<>(page.data().stream().map(p -> answer(caller, p)).toList(), page.hasMore(), page.nextCursor()));
    }

    private void versions(Context ctx) {
        Caller caller = Caller.of(ctx);
        String id = ctx.pathParam("id");
        Page<StoredProfile> page = profiles.versions(caller.workspaceId(), id, PageRequest.from(ctx));
        String agentId = agents.agentId(caller.workspaceId(), id);
        ctx.json(new Page<>(page.data().stream().map(p -> ProfileAnswer.of(p, agentId)).toList(), page.hasMore(),
                page.nextCursor()));
    }

    private ProfileAnswer answer(Caller caller, StoredProfile p) {
        return ProfileAnswer.of(p, agents.agentId(caller.workspaceId(), p.id()));
    }

    private ObjectNode object(Context ctx) {
        JsonNode tree = json.read(ctx, JsonNode.class);
        if (!(tree instanceof ObjectNode object)) {
            throw new Problems.BadRequest("request body must be a JSON object");
        }
        return object;
    }

    /**
     * The profile members of a body as a merge patch. A null member would mean "remove" in a merge
     * patch; a profile has no optional member, so each is named as an error.
     */
    private ProfilePatch values(ObjectNode body) {
        List<FieldError> nulls = new ArrayList<>();
        for (String member : ProfileWire.MEMBERS) {
            if (body.has(member) && body.get(member).isNull()) {
                nulls.add(new FieldError(member, "must not be null: every profile field has a value"));
                body.remove(member);
            }
        }
        ProfileWire wire = json.map(body, ProfileWire.class);
        List<FieldError> errors = new ArrayList<>(nulls);
        ProfilePatch patch = null;
        try {
            patch = ProfileMapping.patch(wire);
        } catch (Invalid e) {
            errors.addAll(e.errors());
        }
        if (!errors.isEmpty()) {
            throw new Invalid(errors);
        }
        return patch;
    }

    private static int positive(String field, String raw) {
        try {
            int n = Integer.parseInt(raw);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new Invalid(field, "must be a positive integer");
    }
}
