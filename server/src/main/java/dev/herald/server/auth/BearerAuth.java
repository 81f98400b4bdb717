package dev.herald.server.auth;

import dev.herald.server.http.Problems;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

/**
 * The {@code Authorization: Bearer <key>} filter for matched {@code /v1/*} routes (routes
 * registered with {@link Access#PUBLIC} are skipped). A missing, malformed, unknown
 * or revoked key is a 401 problem with a {@code WWW-Authenticate} challenge; on success the
 * {@link Caller} is attached to the request.
 */
public final class BearerAuth {
    private final ApiKeyService keys;

    public BearerAuth(ApiKeyService keys) {
        this.keys = keys;
    }

    public void authenticate(Context ctx) {
        if (ctx.method() == HandlerType.OPTIONS || ctx.routeRoles().contains(Access.PUBLIC)) {
            return;
        }
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            throw new Problems.Unauthorized("missing API key: send 'Authorization: Bearer <key>'", false);
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new Problems.Unauthorized("the Authorization header must use the Bearer scheme", true);
        }
        Caller caller = keys.authenticate(header.substring(7).trim())
                .orElseThrow(() -> new Problems.Unauthorized("invalid or revoked API key", true));
        ctx.attribute(Caller.ATTRIBUTE, caller);
    }
}
