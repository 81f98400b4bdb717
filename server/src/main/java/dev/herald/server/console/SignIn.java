package dev.herald.server.console;

import dev.herald.platform.Feature;
import dev.herald.platform.auth.Access;
import dev.herald.platform.auth.ApiKeyService;
import dev.herald.platform.auth.Caller;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.router.JavalinDefaultRouting;
import java.util.Optional;

/**
 * {@code /console/login}: a form that takes an API key of the workspace (admin or project key) and,
 * when it authenticates, stores it sealed in the session cookie; {@code POST /console/logout}
 * clears the cookie. A wrong key is said on the page, never by an error trace.
 */
public final class SignIn implements Feature {
    /** Longest key accepted in the form (Herald's keys are far shorter). */
    static final int MAX_KEY_LENGTH = 200;

    private final ApiKeyService keys;
    private final SessionCookie cookies;
    private final ConsoleAccess access;
    private final Templates templates;

    public SignIn(ApiKeyService keys, SessionCookie cookies, ConsoleAccess access, Templates templates) {
        this.keys = keys;
        this.cookies = cookies;
        this.access = access;
        this.templates = templates;
    }

    @Override
    public void routes(JavalinDefaultRouting router) {
        router.get(ConsoleAccess.LOGIN, this::form, Access.PUBLIC);
        router.post(ConsoleAccess.LOGIN, this::signIn, Access.PUBLIC);
        router.post("/console/logout", access.form((ctx, session) -> signOut(ctx)), Access.PUBLIC);
    }

    private void form(Context ctx) {
        if (access.session(ctx).isPresent()) {
            ctx.redirect("/console", HttpStatus.SEE_OTHER);
            return;
        }
        templates.send(ctx, 200, "login.jte", SignInView.of(null));
    }

    private void signIn(Context ctx) {
        if (!ConsoleAccess.sameOrigin(ctx)) {
            templates.send(ctx, 403, "login.jte", SignInView.of("This sign-in was sent from another site."));
            return;
        }
        String key = ctx.formParam("api_key");
        key = key == null ? "" : key.strip();
        if (key.isEmpty()) {
            templates.send(ctx, 422, "login.jte", SignInView.of("Paste an API key to sign in."));
            return;
        }
        Optional<Caller> caller = key.length() > MAX_KEY_LENGTH ? Optional.empty() : keys.authenticate(key);
        if (caller.isEmpty()) {
            templates.send(ctx, 401, "login.jte", SignInView.of("That is not a live API key of this Herald."));
            return;
        }
        if (!ConsoleAccess.mayUseConsole(caller.get())) {
            templates.send(ctx, 403, "login.jte", SignInView.of(
                    "A voice platform's key cannot sign in to the console; use an admin or project key."));
            return;
        }
        ctx.header("Set-Cookie", SessionCookie.setCookie(cookies.seal(key), ConsoleAccess.secure(ctx)));
        ctx.redirect("/console", HttpStatus.SEE_OTHER);
    }

    private void signOut(Context ctx) {
        ctx.header("Set-Cookie", SessionCookie.clearCookie(ConsoleAccess.secure(ctx)));
        ctx.redirect(ConsoleAccess.LOGIN, HttpStatus.SEE_OTHER);
    }
}
