package dev.herald.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.server.HeraldException;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.router.JavalinDefaultRouting;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single place where failures become RFC 9457 problem+json: {@link HeraldException}s,
 * Javalin's own HTTP exceptions (404 route, 405, 413, ...), and anything unexpected (500 with a
 * reference id; the cause is logged, never sent).
 */
public final class ProblemHandlers {
    /**
     * Request attribute: set to {@code true} by a handler whose error response has a body fixed by
     * a protocol (the Ratify registry's {@code {}} 404), so it is not replaced by a problem document.
     */
    public static final String KEEP_BODY = "herald.keepErrorBody";
    private static final Logger log = LoggerFactory.getLogger(ProblemHandlers.class);
    private final ObjectMapper mapper;

    public ProblemHandlers(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public void register(JavalinDefaultRouting router) {
        router.exception(HeraldException.class, (e, ctx) -> {
            if (e.status() >= 500) {
                log.warn("{} {} -> {}: {}", ctx.method(), ctx.path(), e.status(), e.getMessage(), e.getCause());
            }
            if (e instanceof Problems.Unauthorized u) {
                ctx.header("WWW-Authenticate", u.challenge());
            }
            write(ctx, new Problem(Problem.TYPE_PREFIX + e.type(), e.title(), e.status(), e.getMessage(),
                    ctx.path(), e.extensions()));
        });
        router.exception(HttpResponseException.class, (e, ctx) -> fromJavalin(ctx, e.getStatus(), e.getMessage(), e.getDetails()));
        router.exception(Exception.class, (e, ctx) -> {
            String ref = UUID.randomUUID().toString();
            log.error("unhandled error {} on {} {}", ref, ctx.method(), ctx.path(), e);
            write(ctx, Problem.of(500, "internal", "Internal server error",
                    "an unexpected error occurred; reference " + ref, ctx.path()));
        });
        // Statuses produced without an exception (Jetty-level or an empty response) still get a body.
        for (int status : new int[] {404, 405, 413, 500}) {
            router.error(status, "*", ctx -> {
                if (Boolean.TRUE.equals(ctx.attribute(KEEP_BODY))) {
                    return;
                }
                String contentType = ctx.res().getContentType();
                if (contentType == null || !contentType.startsWith(Problem.MEDIA_TYPE)) {
                    fromJavalin(ctx, status, null, Map.of());
                }
            });
        }
    }

    private void fromJavalin(Context ctx, int status, String message, Map<String, String> details) {
        HttpStatus http = HttpStatus.forStatus(status);
        String title = http == HttpStatus.UNKNOWN ? "Error" : http.getMessage();
        String slug;
        String detail;
        switch (status) {
            case 404 -> {
                slug = "not-found";
                detail = "no route for " + ctx.method() + " " + ctx.path();
            }
            case 405 -> {
                slug = "method-not-allowed";
                detail = ctx.method() + " is not allowed on " + ctx.path();
                String allowed = details == null ? null : details.get("availableMethods");
                if (allowed != null) {
                    ctx.header("Allow", allowed.replace("[", "").replace("]", ""));
                }
            }
            case 413 -> {
                slug = "payload-too-large";
                detail = "request body exceeds the maximum size";
            }
            case 400 -> {
                slug = "malformed-request";
                detail = message;
            }
            default -> {
                slug = status >= 500 ? "internal" : "http-" + status;
                detail = status >= 500 ? "an unexpected error occurred" : message;
            }
        }
        write(ctx, Problem.of(status, slug, title, detail, ctx.path()));
    }

    /** Writes {@code problem} as the response (status, content type and body). */
    public void write(Context ctx, Problem problem) {
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            body = ("{\"title\":\"Internal server error\",\"status\":500}").getBytes(StandardCharsets.UTF_8);
        }
        ctx.status(problem.status()).contentType(Problem.MEDIA_TYPE).result(body);
    }
}
