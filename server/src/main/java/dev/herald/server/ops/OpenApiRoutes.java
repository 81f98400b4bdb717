package dev.herald.server.ops;

import dev.herald.platform.Feature;
import io.javalin.router.JavalinDefaultRouting;

/**
 * {@code GET /openapi.json}: the OpenAPI 3.1 description of every route, public like a TSA's
 * root. The document is assembled from the modules' hand-written fragments by
 * {@link OpenApiDocument}; the integration tests validate every response they receive against
 * this same document, so it cannot drift from the code.
 */
public final class OpenApiRoutes implements Feature {
    private final byte[] document;

    public OpenApiRoutes() {
        this.document = load();
    }

    /** The document's bytes as served (also read by the bearer filter and the tests' validator). */
    public static byte[] load() {
        return OpenApiDocument.herald();
    }

    @Override
    public void routes(JavalinDefaultRouting router) {
        router.get("/openapi.json", ctx -> ctx.contentType("application/json").result(document));
    }
}
