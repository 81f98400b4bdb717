package dev.herald.governance.realtime;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.platform.Feature;
import dev.herald.platform.auth.Caller;
import dev.herald.platform.auth.ProjectScope;
import dev.herald.platform.http.Idempotency;
import dev.herald.platform.http.JsonBody;
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
        ObjectNode tree = json.read(ctx, ObjectNode.class);
        StartBody body = json.map(tree, StartBody.class);
        body.check();
        String project = scope.projectId(caller, body.permit().projectId(), "permit.project_id");
        Idempotency.send(ctx, sessions.start(body.request(caller, project, tree), Fingerprint.of(ctx.bodyAsBytes())));
    }

    private void events(Context ctx) {
        String project = project(ctx);
        AtomBatch batch = AtomBatch.read(json.read(ctx, ObjectNode.class));
        Idempotency.send(ctx, atoms.ingest(project, id(ctx), batch, Fingerprint.of(ctx.bodyAsBytes())));
    }

    private void turn(Context ctx) {
        Caller caller = Caller.of(ctx);
        String project = project(ctx);
        ObjectNode tree = json.read(ctx, ObjectNode.class);
        TurnBody body = json.map(tree, TurnBody.class);
        body.check();
        TurnService.TurnRequest req = body.request(verbs, tree);
        idempotency.respondSelfContained(ctx, caller,
                () -> Idempotency.Outcome.of(200, turns.turn(project, id(ctx), req)));
    }

    private void actionPermit(Context ctx) {
        Caller caller = Caller.of(ctx);
        String project = project(ctx);
        ObjectNode tree = json.read(ctx, ObjectNode.class);
        ToolCallBody body = json.map(tree, ToolCallBody.class);
        body.check();
        ToolCall call = body.toolCall(verbs, "");
        idempotency.respond(ctx, caller, () -> {
            ActionPermitAnswer out = turns.actionPermit(project, id(ctx), call, tree);
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
        EndBody body = json.read(ctx, EndBody.class);
        body.check();
        ArrayNode metrics = body.metrics();
        ObjectNode meta = body.meta();
        if (ctx.header(Idempotency.HEADER) == null) {
            ctx.json(sessions.end(project, id(ctx), metrics, meta));
        } else {
            // The session closes with the key's claim; its artifact is time-stamped after both
            // committed, so no TSA call ever holds the session row or the write lock.
            idempotency.respondAfterCommit(ctx, caller, () -> sessions.close(project, id(ctx), metrics, meta),
                    () -> Idempotency.Outcome.of(200, sessions.ended(project, id(ctx))));
        }
    }
}
