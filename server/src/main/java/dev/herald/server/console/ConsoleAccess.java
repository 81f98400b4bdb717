package dev.herald.server.console;

import dev.herald.platform.auth.ApiKeyService;
import dev.herald.platform.auth.Caller;
import dev.herald.platform.domain.Conflict;
import dev.herald.platform.domain.Invalid;
import dev.herald.platform.domain.NotFound;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Optional;

/**
 * Who may see a console page: a request whose session cookie opens and whose key still
 * authenticates (and is not a voice platform's own key). A page request without one is sent to
 * sign-in; a form post must also come from the console's own origin and carry the session's CSRF
 * token. Domain failures become pages (404 for a call of another workspace, as for a missing one).
 */
public final class ConsoleAccess {
    static final String LOGIN = "/console/login";
    static final String CSRF_FIELD = "csrf";

    private final ApiKeyService keys;
    private final SessionCookie cookies;
    private final Templates templates;

    public ConsoleAccess(ApiKeyService keys, SessionCookie cookies, Templates templates) {
        this.keys = keys;
        this.cookies = cookies;
        this.templates = templates;
    }

    /** A handler of a signed-in page. */
    @FunctionalInterface
    public interface Page {
        void handle(Context ctx, ConsoleSession session) throws Exception;
    }

    /** The request's session, if its cookie opens and its key is live and may use the console. */
    public Optional<ConsoleSession> session(Context ctx) {
        return cookies.open(ctx.cookie(SessionCookie.NAME))
                .flatMap(opened -> keys.authenticate(opened.apiKey())
                        .filter(ConsoleAccess::mayUseConsole)
                        .map(caller -> new ConsoleSession(caller, opened.csrf())));
    }

    /** Admin and project keys of a workspace; a voice platform's own key runs calls, it does not read them. */
    static boolean mayUseConsole(Caller caller) {
        return !caller.isPlatform();
    }

    /** A page that needs a session: without one, the browser goes to sign-in. */
    public Handler page(Page page) {
        return ctx -> {
            Optional<ConsoleSession> session = session(ctx);
            if (session.isEmpty()) {
                toSignIn(ctx);
                return;
            }
            run(ctx, session.get(), page);
        };
    }

    /** A form post: as {@link #page}, and refused (403) unless same-origin and carrying the session's token. */
    public Handler form(Page page) {
        return ctx -> {
            if (!sameOrigin(ctx)) {
                refuse(ctx, "This form was sent from another site.");
                return;
            }
            Optional<ConsoleSession> session = session(ctx);
            if (session.isEmpty()) {
                toSignIn(ctx);
                return;
            }
            if (!SessionCookie.csrfMatches(session.get(), ctx.formParam(CSRF_FIELD))) {
                refuse(ctx, "This form has no valid CSRF token for your session. Reload the page and try again.");
                return;
            }
            run(ctx, session.get(), page);
        };
    }

    private void run(Context ctx, ConsoleSession session, Page page) throws Exception {
        try {
            page.handle(ctx, session);
        } catch (NotFound e) {
            templates.send(ctx, 404, "error.jte", ErrorView.of(session, "Not found",
                    "There is nothing here in your workspace."));
        } catch (Invalid e) {
            templates.send(ctx, 422, "error.jte", ErrorView.of(session, "Not accepted", e.getMessage()));
        } catch (Conflict e) {
            templates.send(ctx, 409, "error.jte", ErrorView.of(session, "Not possible now", e.getMessage()));
        }
    }

    private void refuse(Context ctx, String why) {
        templates.send(ctx, 403, "error.jte", ErrorView.of(null, "Refused", why));
    }

    /** Pages go to sign-in with a redirect; htmx requests are told to load it (a redirect would be swapped in). */
    static void toSignIn(Context ctx) {
        if (ctx.header("HX-Request") != null) {
            ctx.header("HX-Redirect", LOGIN);
            ctx.status(204);
        } else {
            ctx.redirect(LOGIN, io.javalin.http.HttpStatus.SEE_OTHER);
        }
    }

    /**
     * True unless the browser says the request came from elsewhere: {@code Sec-Fetch-Site} other than
     * same-origin (or none, typed by the user), or an {@code Origin} whose host is not this one.
     */
    static boolean sameOrigin(Context ctx) {
        String site = ctx.header("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            return false;
        }
        String origin = ctx.header("Origin");
        if (origin == null) {
            return true;
        }
        String host = ctx.header("Host");
        return host != null && (origin.equals("http://" + host) || origin.equals("https://" + host));
    }

    /** Whether the page was asked for over HTTPS (directly or through a proxy that says so): the cookie is then Secure. */
    static boolean secure(Context ctx) {
        return "https".equalsIgnoreCase(ctx.scheme()) || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
    }
}
