package dev.herald.server.mcp;

import dev.herald.platform.auth.Access;
import dev.herald.platform.auth.ApiKeyService;
import dev.herald.platform.auth.BearerAuth;
import dev.herald.platform.auth.Caller;
import dev.herald.platform.domain.Denied;
import dev.herald.platform.http.Problem;
import dev.herald.platform.http.ProblemHandlers;
import dev.herald.platform.http.Problems;
import io.modelcontextprotocol.common.McpTransportContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Guards {@code /mcp} before the SDK reads a byte of the request: the same bearer API keys as the
 * REST API (a missing, malformed, unknown or revoked key is a 401 problem+json with a
 * {@code WWW-Authenticate} challenge); a key no tool accepts (a voice platform's own key) is a 403;
 * a session id used with any key but the one that opened it is a 404 problem, exactly as an
 * unknown session id is (one tenant cannot tell another's sessions from missing ones, and a
 * client that meets a 404 starts a new session, as the MCP transport says). On success the
 * {@link Caller} rides on the request into the SDK's transport context, where the tools read it.
 */
final class McpAuthFilter implements Filter {
    /** The Streamable HTTP transport's session header. */
    static final String SESSION_HEADER = "Mcp-Session-Id";
    private static final String CALLER = "herald.mcp.caller";

    private final ApiKeyService keys;
    private final Access access;
    private final McpSessionKeys sessions;
    private final ProblemHandlers problems;

    McpAuthFilter(ApiKeyService keys, Access access, McpSessionKeys sessions, ProblemHandlers problems) {
        this.keys = keys;
        this.access = access;
        this.sessions = sessions;
        this.problems = problems;
    }

    /** The SDK's transport context of a request this filter let through: its caller. */
    static McpTransportContext context(HttpServletRequest request) {
        Object caller = request.getAttribute(CALLER);
        return caller == null ? McpTransportContext.EMPTY : McpTransportContext.create(Map.of(CALLER, caller));
    }

    /** The caller of the request a tool runs for. */
    static Caller caller(McpTransportContext context) {
        if (context != null && context.get(CALLER) instanceof Caller caller) {
            return caller;
        }
        throw new IllegalStateException("no caller in the MCP transport context: did the request bypass the auth filter?");
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        Caller caller;
        try {
            caller = BearerAuth.caller(keys, request.getHeader("Authorization"));
            access.check(caller);
        } catch (Problems.Unauthorized e) {
            response.setHeader("WWW-Authenticate", e.challenge());
            send(response, ProblemHandlers.problem(e, request.getRequestURI()));
            return;
        } catch (Denied e) {
            send(response, ProblemHandlers.problem(e, request.getRequestURI()));
            return;
        }
        String session = request.getHeader(SESSION_HEADER);
        if (session != null && !sessions.admits(session, caller)) {
            send(response, Problem.of(404, "not-found", "Not found", "no MCP session '" + session
                    + "' for this API key; start a new one with initialize", request.getRequestURI()));
            return;
        }
        request.setAttribute(CALLER, caller);
        chain.doFilter(request, session == null ? new Binding(response, caller) : response);
        if (session == null) {
            return;
        }
        if (request.getMethod().equals("DELETE") && response.getStatus() < 300) {
            sessions.forget(session);
        } else if (request.isAsyncStarted()) {
            sessions.streamOpened(session);
            request.getAsyncContext().addListener(new StreamEnd(session));
        }
    }

    private void send(HttpServletResponse response, Problem problem) throws IOException {
        byte[] body = problems.bytes(problem);
        response.setStatus(problem.status());
        response.setContentType(Problem.MEDIA_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** Lets the binding go idle once a stream that outlived its request has ended, however it ended. */
    private final class StreamEnd implements AsyncListener {
        private final String session;
        private final AtomicBoolean ended = new AtomicBoolean();

        StreamEnd(String session) {
            this.session = session;
        }

        @Override
        public void onComplete(AsyncEvent event) {
            end();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            end();
        }

        @Override
        public void onError(AsyncEvent event) {
            end();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }

        private void end() {
            if (ended.compareAndSet(false, true)) {
                sessions.streamClosed(session);
            }
        }
    }

    /** Binds the session id the SDK sets on an initialize answer to the key that asked, before it is sent. */
    private final class Binding extends HttpServletResponseWrapper {
        private final Caller caller;

        Binding(HttpServletResponse response, Caller caller) {
            super(response);
            this.caller = caller;
        }

        @Override
        public void setHeader(String name, String value) {
            bindIfSession(name, value);
            super.setHeader(name, value);
        }

        @Override
        public void addHeader(String name, String value) {
            bindIfSession(name, value);
            super.addHeader(name, value);
        }

        private void bindIfSession(String name, String value) {
            if (SESSION_HEADER.equalsIgnoreCase(name) && value != null) {
                sessions.bind(value, caller);
            }
        }
    }
}
