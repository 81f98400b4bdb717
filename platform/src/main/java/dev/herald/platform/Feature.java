package dev.herald.platform;

import io.javalin.router.JavalinDefaultRouting;

/**
 * A feature package's HTTP surface. The composition root builds each feature by hand (constructor
 * injection of the services it needs) and calls {@link #routes} once while configuring Javalin.
 * Handlers are instance methods of the feature, e.g. {@code router.get("/v1/things", this::list)}.
 * Every route declares the keys it accepts once, as {@code "x-herald-access"} on its operation
 * in its module's OpenAPI fragment, {@code openapi/<package>.json} (a route outside the document: as its
 * {@link dev.herald.platform.auth.Access} route role); the bearer filter enforces it before the
 * handler runs, and a server with an undeclared route does not start. Read the caller with
 * {@link dev.herald.platform.auth.Caller#of(io.javalin.http.Context)}.
 */
@FunctionalInterface
public interface Feature {
    void routes(JavalinDefaultRouting router);

    /**
     * Request paths of this feature (exact, as sent) that accept a body larger than the server's
     * default limit, each with its own limit in bytes: a bulk upload, never an ordinary write.
     */
    default java.util.Map<String, Long> bodyLimits() {
        return java.util.Map.of();
    }
}
