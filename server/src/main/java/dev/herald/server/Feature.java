package dev.herald.server;

import io.javalin.router.JavalinDefaultRouting;

/**
 * A feature package's HTTP surface. {@link Herald} builds each feature by hand (constructor
 * injection of the services it needs) and calls {@link #routes} once while configuring Javalin.
 * Handlers are instance methods of the feature, e.g. {@code router.get("/v1/things", this::list)}.
 * Routes under {@code /v1/} are authenticated by the bearer filter before they run; read the
 * caller with {@link dev.herald.server.auth.Caller#of(io.javalin.http.Context)}. A {@code /v1/}
 * route that must be reachable without a key is registered with
 * {@link dev.herald.server.auth.Access#PUBLIC}.
 */
@FunctionalInterface
public interface Feature {
    void routes(JavalinDefaultRouting router);
}
