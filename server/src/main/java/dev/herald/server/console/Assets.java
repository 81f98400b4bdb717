package dev.herald.server.console;

import dev.herald.platform.Feature;
import dev.herald.platform.auth.Access;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * {@code GET /console/assets/{name}}: the console's scripts and stylesheet, from the jar (htmx and its
 * SSE extension and echarts from their WebJars, the console's own CSS and JS), so the console works
 * offline and from no CDN. Each is read once at start; a missing one fails the start, not a page.
 */
public final class Assets implements Feature {
    static final String BASE = "/console/assets/";

    private record Asset(byte[] bytes, String contentType) {
    }

    private final Map<String, Asset> assets = new LinkedHashMap<>();

    public Assets() {
        String htmx = "META-INF/resources/webjars/htmx.org/" + webJarVersion("htmx.org") + "/dist/";
        String echarts = "META-INF/resources/webjars/echarts/" + webJarVersion("echarts") + "/dist/";
        add("htmx.min.js", htmx + "htmx.min.js");
        add("sse.js", htmx + "ext/sse.js");
        add("echarts.min.js", echarts + "echarts.min.js");
        add("console.js", "console/console.js");
        add("console.css", "console/console.css");
    }

    @Override
    public void routes(JavalinDefaultRouting router) {
        router.get(BASE + "{name}", this::serve, Access.PUBLIC);
    }

    private void serve(Context ctx) {
        Asset a = assets.get(ctx.pathParam("name"));
        if (a == null) {
            ctx.status(404).contentType("text/plain; charset=utf-8").result("no such asset");
            return;
        }
        ctx.contentType(a.contentType());
        ctx.header("Cache-Control", "public, max-age=3600");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.result(a.bytes());
    }

    private void add(String name, String resource) {
        String type = name.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
        assets.put(name, new Asset(read(resource), type));
    }

    /** The version of a WebJar on the class path, from its Maven properties (so the pom alone chooses it). */
    static String webJarVersion(String artifact) {
        Properties p = new Properties();
        try (InputStream in = stream("META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version");
    }

    private static byte[] read(String resource) {
        try (InputStream in = stream(resource)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream stream(String resource) {
        InputStream in = Assets.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("the console's asset " + resource + " is not on the class path");
        }
        return in;
    }
}
