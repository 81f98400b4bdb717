package dev.herald.governance.realtime;

import dev.herald.platform.domain.Invalid;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.evidence.json.Sha256;
import dev.herald.platform.Feature;
import dev.herald.platform.auth.Caller;
import dev.herald.platform.auth.ProjectScope;
import dev.herald.platform.http.Idempotency;
import dev.herald.platform.http.JsonBody;
import dev.herald.platform.http.JsonFields;
import dev.herald.platform.http.MalformedInput;
import dev.herald.platform.idempotency.Fingerprint;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;

/**
 * The realtime voice API, route for route and body for body the anchor's (see docs/realtime.md):
 * sessions, event atoms, turns, tool-call permits, interruption evidence, end and attestation.
 */
public final class RealtimeRoutes implements Feature {
    private final SessionService sessions;
    private final AtomIngestor atoms;
    private final TurnService turns;
    private final InterruptionRecorder interruptions;
    private final ActionVerbs verbs;
    private final ProjectScope scope;
    private final JsonBody json;
    private final Idempotency idempotency;

    public RealtimeRoutes(SessionService sessions, AtomIngestor atoms, TurnService turns,
                          InterruptionRecorder interruptions, ActionVerbs verbs, ProjectScope scope, JsonBody json,
                          Idempotency idempotency) {
        this.sessions = sessions;
        this.atoms = atoms;
        this.turns = turns;
        this.interruptions = interruptions;
        this.verbs = verbs;
        this.scope = scope;
        this.json = json;
        this.idempotency = idempotency;
    }

    @Override
    public void routes(JavalinDefaultRouting router) {
        router.post("/v1/sessions", this::start);
        router.get("/v1/sessions/{session_id}", ctx -> ctx.json(sessions.get(project(ctx), id(ctx))));
        router.post("/v1/voice/sessions/{session_id}/events", this::events);
        router.post("/v1/sessions/{session_id}/turns", this::turn);
        router.post("/v1/sessions/{session_id}/action-permits", this::actionPermit);
        router.post("/v1/sessions/{session_id}/interruption-events", this::interruption);
        router.post("/v1/sessions/{session_id}/end", this::end);
        router.get("/v1/sessions/{session_id}/attestation", ctx -> ctx.contentType("application/json")
                .result(sessions.attestation(project(ctx), id(ctx))));
    }

    private static String id(Context ctx) {
        return ctx.pathParam("session_id");
    }

    /** The project of the addressed session: the key's own, or for an admin key the session's within the workspace. */
    private String project(Context ctx) {
        Caller caller = Caller.of(ctx);
        if (caller.projectId() != null || ctx.queryParam("project") != null) {
            return scope.projectId(caller, ctx.queryParam("project"), "project");
        }
        return sessions.projectOf(caller.workspaceId(), id(ctx));
    }

    private void start(Context ctx) {
        Caller caller = Caller.of(ctx);
        JsonFields body = JsonFields.body(ctx, json);
        JsonFields permit = body.object("permit");
        String project = scope.projectId(caller, permit.string("project_id"), "permit.project_id");
        String key = Atom.idempotencyKey(permit, "idempotency_key");
        JsonFields subject = permit.object("subject");
        String subjectType = subject.string("type");
        String subjectId = subject.string("id");
        JsonFields action = permit.object("action");
        String actionName = action.string("name");
        if (!actionName.equals("realtime.session")) {
            throw new Invalid(action.field("name"), "must be 'realtime.session'");
        }
        JsonFields resource = permit.object("resource");
        String resourceType = resource.string("type");
        String resourceId = resource.string("id");
        JsonFields attributes = resource.object("attributes");
        String provider = attributes.string("provider");
        String model = attributes.string("model");
        String operation = attributes.has("operation") ? attributes.string("operation") : "realtime.session";
        String mode = attributes.has("execution_mode") ? attributes.string("execution_mode") : "realtime";
        if (!mode.equals("realtime")) {
            throw new Invalid(attributes.field("execution_mode"), "must be 'realtime'");
        }
        long estIn = attributes.nonNegativeLong("estimated_input_tokens", 0L);
        long estOut = attributes.nonNegativeLong("estimated_output_tokens", 0L);
        JsonFields metadata = body.optionalObject("metadata");
        ObjectNode meta = metadata == null ? body.node().objectNode() : metadata.node();
        JsonFields.requireIntegers(meta, "metadata");
        long budget = body.has("risk_budget_total_micros") ? body.nonNegativeLong("risk_budget_total_micros", null) : -1;
        StartRequest req = new StartRequest(caller.workspaceId(), project, key, subjectType, subjectId, resourceType,
                resourceId, provider, model, operation, mode, estIn, estOut, meta, budget, body.node(), caller);
        SessionService.Started started = sessions.start(req, sha256(ctx.bodyAsBytes()));
        if (started.replayed()) {
            ctx.header(Idempotency.REPLAYED_HEADER, "true");
        }
        ctx.status(201).json(started.body());
    }

    private void events(Context ctx) {
        String project = project(ctx);
        AtomBatch batch = AtomBatch.read(json.read(ctx, ObjectNode.class));
        Idempotency.send(ctx, atoms.ingest(project, id(ctx), batch, Fingerprint.of(ctx.bodyAsBytes())));
    }

    private void turn(Context ctx) {
        Caller caller = Caller.of(ctx);
        String project = project(ctx);
        JsonFields body = JsonFields.body(ctx, json);
        long in = body.nonNegativeLong("input_tokens", 0L);
        long out = body.nonNegativeLong("output_tokens", 0L);
        long micros = body.nonNegativeLong("risk_budget_used_micros", 0L);
        JsonFields metadata = body.optionalObject("metadata");
        ObjectNode meta = metadata == null ? body.node().objectNode() : metadata.node();
        JsonFields.requireIntegers(meta, "metadata");
        JsonFields tool = body.optionalObject("tool_call");
        ToolCall call = tool == null ? null : toolCall(tool);
        TurnService.TurnRequest req = new TurnService.TurnRequest(in, out, micros, meta, call, body.node());
        idempotency.respondSelfContained(ctx, caller,
                () -> Idempotency.Outcome.of(200, turns.turn(project, id(ctx), req)));
    }

    private void actionPermit(Context ctx) {
        Caller caller = Caller.of(ctx);
        String project = project(ctx);
        JsonFields permitBody = JsonFields.body(ctx, json);
        ToolCall call = toolCall(permitBody);
        idempotency.respond(ctx, caller, () -> {
            ActionPermitAnswer out = turns.actionPermit(project, id(ctx), call, permitBody.node());
            return Idempotency.Outcome.of(out.allowed() ? 201 : 200, out);
        });
    }

    private void interruption(Context ctx) {
        String project = project(ctx);
        InterruptionEvent event = InterruptionEvent.read(json.read(ctx, ObjectNode.class));
        Idempotency.send(ctx, interruptions.record(project, id(ctx), event));
    }

    private void end(Context ctx) {
        Caller caller = Caller.of(ctx);
        String project = project(ctx);
        JsonFields body = JsonFields.body(ctx, json);
        ArrayNode usage = body.optionalArray("usage_metrics");
        if (usage == null) {
            usage = body.node().arrayNode();
        }
        for (int i = 0; i < usage.size(); i++) {
            JsonNode m = usage.get(i);
            if (!(m instanceof ObjectNode o)) {
                throw new Invalid("usage_metrics[" + i + "]", "must be an object");
            }
            JsonFields f = JsonFields.of(o, "usage_metrics[" + i + "]");
            f.string("meter");
            f.nonNegativeLong("quantity", null);
        }
        JsonFields metadata = body.optionalObject("metadata");
        ObjectNode meta = metadata == null ? body.node().objectNode() : metadata.node();
        JsonFields.requireIntegers(meta, "metadata");
        ArrayNode metrics = usage;
        if (ctx.header(Idempotency.HEADER) == null) {
            ctx.json(sessions.end(project, id(ctx), metrics, meta));
        } else {
            // The session closes with the key's claim; its artifact is time-stamped after both
            // committed, so no TSA call ever holds the session row or the write lock.
            idempotency.respondAfterCommit(ctx, caller, () -> sessions.close(project, id(ctx), metrics, meta),
                    () -> Idempotency.Outcome.of(200, sessions.ended(project, id(ctx))));
        }
    }

    /** Reads a tool call at {@code f}; an unknown verb is a 400 naming {@code action_verb}. */
    private ToolCall toolCall(JsonFields f) {
        String tool = f.string("tool_name");
        String callId = Atom.idempotencyKey(f, "call_id");
        String verbName = f.has("action_verb") ? f.string("action_verb") : ActionVerbs.DEFAULT;
        ActionVerb verb = verbs.find(verbName)
                .orElseThrow(() -> new MalformedInput(f.field("action_verb"), "unknown action verb '" + verbName
                        + "'; known verbs: " + verbs.names()));
        JsonFields args = f.optionalObject("arguments");
        ObjectNode arguments = args == null ? f.node().objectNode() : args.node();
        JsonFields.requireIntegers(arguments, f.field("arguments"));
        JsonFields ctx = f.optionalObject("verb_context");
        if (ctx != null) {
            JsonFields.requireIntegers(ctx.node(), ctx.path());
        }
        return new ToolCall(tool, callId, verb, arguments, ctx == null ? arguments : ctx.node());
    }

    static String sha256(byte[] body) {
        return Sha256.of(body).hex();
    }
}
