package dev.herald.server.auth;

import io.javalin.security.RouteRole;

/**
 * Route roles understood by {@link BearerAuth}. Every {@code /v1/*} route needs an API key unless
 * it is registered with {@link #PUBLIC}: {@code router.get("/v1/thing", this::get, Access.PUBLIC)}.
 */
public enum Access implements RouteRole {
    /** No API key needed (for example a public verification endpoint). */
    PUBLIC
}
