package dev.herald.platform.auth;

import dev.herald.platform.http.Problems;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

/**
 * Enforces each matched route's {@link Access} (from {@link RouteAccess}) before its handler
 * runs. A route that needs a key reads {@code Authorization: Bearer <key>}: a missing,
 * malformed, unknown or revoked key is a 401 problem with a {@code WWW-Authenticate} challenge; a
 * live key of a kind the route does not accept is a 403. On success the {@link Caller} is attached
 * to the request. Handlers and services then check only data: which tenant's objects the caller sees.
 */
public final class BearerAuth {
    private final ApiKeyService keys;
    private final RouteAccess access;

    public BearerAuth(ApiKeyService keys, RouteAccess access) {
        this.keys = keys;
        this.access = access;
    }

    public void authenticate(Context ctx) {
        if (ctx.method() == HandlerType.OPTIONS) {
            return;
        }
        Access needed = access.of(ctx.method(), ctx.endpointHandlerPath(), ctx.routeRoles());
        if (needed == Access.PUBLIC) {
            return;
        }
        Caller caller = caller(keys, ctx.header("Authorization"));
        needed.check(caller);
        ctx.attribute(Caller.ATTRIBUTE, caller);
    }

    /**
     * The caller named by an {@code Authorization} header value, for an endpoint served outside
     * Javalin's routes (the MCP servlet): a missing, malformed, unknown or revoked key is the same
     * 401 {@link Problems.Unauthorized} a route gets.
     */
    public static Caller caller(ApiKeyService keys, String header) {
        if (header == null || header.isBlank()) {
            throw new Problems.Unauthorized("missing API key: send 'Authorization: Bearer <key>'", false);
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new Problems.Unauthorized("the Authorization header must use the Bearer scheme", true);
        }
        return keys.authenticate(header.substring(7).trim())
                .orElseThrow(() -> new Problems.Unauthorized("invalid or revoked API key", true));
    }
}
