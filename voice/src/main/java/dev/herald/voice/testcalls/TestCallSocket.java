package dev.herald.voice.testcalls;

import dev.herald.platform.auth.Caller;
import dev.herald.platform.domain.Conflict;
import dev.herald.platform.domain.Denied;
import dev.herald.platform.domain.DomainException;
import dev.herald.platform.domain.Invalid;
import dev.herald.platform.domain.NotFound;
import dev.herald.platform.domain.Unavailable;
import dev.herald.platform.http.JsonBody;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket form of a test call ({@code GET /api/v1/voice/test-calls/{call_id}/socket}): the
 * upgrade request carries the same bearer key as the HTTP routes (admin or project key of the
 * call's workspace); each text frame in is one callee move ({@code {"text": ...}} or
 * {@code {"event": "silence"|"hangup"}}), each frame out the test call with the agent's steps,
 * exactly the answer of {@code POST .../turns}. A bad frame or a busy call answers a problem frame
 * ({@code {"type": "problem", "status", "title", "detail", "errors"}}) and the socket stays open;
 * when the call ends the last frame is the ended call and the server closes the socket (1000). An
 * upgrade without a valid key, or for an unknown call, is closed at once (1008) with a problem frame.
 */
final class TestCallSocket {
    private static final Logger log = LoggerFactory.getLogger(TestCallSocket.class);
    private static final String CALLER = "caller";
    /** WebSocket close codes: normal, policy violation. */
    private static final int NORMAL = 1000;
    private static final int POLICY = 1008;

    private final TestCallService tests;
    private final JsonBody json;
    private final Function<String, Optional<Caller>> authenticate;

    TestCallSocket(TestCallService tests, JsonBody json, Function<String, Optional<Caller>> authenticate) {
        this.tests = tests;
        this.json = json;
        this.authenticate = authenticate;
    }

    void configure(WsConfig ws) {
        ws.onConnect(this::connect);
        ws.onMessage(ctx -> frame(ctx, ctx.message()));
        ws.onError(ctx -> log.debug("test call socket {}: {}", ctx.pathParam("call_id"), String.valueOf(ctx.error())));
    }

    private void connect(WsContext ctx) {
        try {
            Caller caller = caller(ctx.header("Authorization"));
            TestCallView call = tests.get(caller.workspaceId(), ctx.pathParam("call_id"));
            ctx.attribute(CALLER, caller);
            ctx.session.setIdleTimeout(java.time.Duration.ofMillis(TestCallService.IDLE.toMillis()));
            if (call.ended()) {
                ctx.send(call);
                ctx.closeSession(NORMAL, "the test call is over");
            }
        } catch (DomainException e) {
            ctx.send(problem(e));
            ctx.closeSession(POLICY, e.getMessage().length() > 100 ? e.getMessage().substring(0, 100) : e.getMessage());
        }
    }

    private void frame(WsContext ctx, String text) {
        Caller caller = ctx.attribute(CALLER);
        if (caller == null) {
            return; // the connect was refused and the socket is closing
        }
        try {
            TestCallRoutes.TurnBody body = json.parse(text.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    TestCallRoutes.TurnBody.class);
            TestCallView answer = tests.turn(caller.workspaceId(), ctx.pathParam("call_id"), TestCallRoutes.input(body));
            ctx.send(answer);
            if (answer.ended()) {
                ctx.closeSession(NORMAL, "the test call is over");
            }
        } catch (DomainException e) {
            ctx.send(problem(e));
        } catch (RuntimeException e) {
            log.warn("test call socket {}: {}", ctx.pathParam("call_id"), e.toString());
            ctx.send(Map.of("type", "problem", "status", 500, "title", "Internal Server Error",
                    "detail", "the frame could not be handled"));
        }
    }

    private Caller caller(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new Denied("send 'Authorization: Bearer <key>' with the upgrade request");
        }
        Caller caller = authenticate.apply(header.substring(7).trim())
                .orElseThrow(() -> new Denied("invalid or revoked API key"));
        if (caller.isPlatform()) {
            throw new Denied("this operation needs an admin or project API key; a platform's own key may not call it");
        }
        return caller;
    }

    /** A problem as a frame: the status and title the HTTP routes would answer. */
    static Map<String, Object> problem(DomainException e) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", "problem");
        int status = switch (e) {
            case NotFound n -> 404;
            case Conflict c -> 409;
            case Invalid i -> 422;
            case Denied d -> 403;
            case Unavailable u -> 503;
        };
        p.put("status", status);
        p.put("title", switch (status) {
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 422 -> "Unprocessable Content";
            case 403 -> "Forbidden";
            default -> "Service Unavailable";
        });
        p.put("detail", e.getMessage());
        p.put("errors", e instanceof Invalid i ? i.errors().stream()
                .map(f -> Map.of("field", f.field(), "reason", f.reason())).toList() : List.of());
        return p;
    }
}
