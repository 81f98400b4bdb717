package dev.herald.server.ops;

import dev.herald.platform.Feature;
import io.javalin.router.JavalinDefaultRouting;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /openapi.json}: the OpenAPI 3.1 description of every route, public like a TSA's
 * root. The document is the hand-written resource {@value #RESOURCE}; the integration tests
 * validate every response they receive against this same file, so it cannot drift from the code.
 */
public final class OpenApiRoutes implements Feature {
    /** Classpath location of the document (also read by the tests' validator). */
    public static final String RESOURCE = "openapi/herald.json";

    private final byte[] document;

    public OpenApiRoutes() {
        this.document = load();
    }

    /** The document's bytes as served. */
    public static byte[] load() {
        try (InputStream in = OpenApiRoutes.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + RESOURCE);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    @Override
    public void routes(JavalinDefaultRouting router) {
        router.get("/openapi.json", ctx -> ctx.contentType("application/json").result(document));
    }
}
