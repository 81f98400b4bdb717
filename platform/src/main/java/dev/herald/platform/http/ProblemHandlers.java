package dev.herald.platform.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.platform.domain.Conflict;
import dev.herald.platform.domain.Denied;
import dev.herald.platform.domain.DomainException;
import dev.herald.platform.domain.Invalid;
import dev.herald.platform.domain.NotFound;
import dev.herald.platform.domain.Unavailable;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.router.JavalinDefaultRouting;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jetty.http.BadMessageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single place where failures become RFC 9457 problem+json: domain failures (each kind of
 * {@link DomainException} has its status here and nowhere else), {@link HttpProblem}s,
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
        router.exception(DomainException.class, (e, ctx) -> {
            Problem problem = problem(e, ctx.path());
            if (problem.status() >= 500) {
                log.warn("{} {} -> {}: {}", ctx.method(), ctx.path(), problem.status(), e.getMessage(), e.getCause());
            }
            write(ctx, problem);
        });
        router.exception(HttpProblem.class, (e, ctx) -> {
            if (e instanceof Problems.Unauthorized u) {
                ctx.header("WWW-Authenticate", u.challenge());
            }
            write(ctx, problem(e, ctx.path()));
        });
        router.exception(HttpResponseException.class, (e, ctx) -> fromJavalin(ctx, e.getStatus(), e.getMessage(), e.getDetails()));
        // Jetty's own failures (a bad query encoding, an unreadable body) carry their HTTP status.
        router.exception(BadMessageException.class, (e, ctx) -> {
            log.debug("{} {} -> {}: {}", ctx.method(), ctx.path(), e.getCode(), e.getReason());
            fromJavalin(ctx, e.getCode(), e.getReason(), Map.of());
        });
        router.exception(Exception.class, (e, ctx) -> {
            String ref = UUID.randomUUID().toString();
            log.error("unhandled error {} on {} {}", ref, ctx.method(), ctx.path(), e);
            write(ctx, Problem.of(500, "internal", "Internal server error",
                    "an unexpected error occurred; reference " + ref, ctx.path()));
        });
        // Statuses produced without an exception (Jetty-level or an empty response) still get a body.
        for (int status : new int[] {400, 404, 405, 413, 414, 431, 500}) {
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

    /** The problem document of a domain failure: the one mapping from domain outcome to HTTP status. */
    public static Problem problem(DomainException e, String instance) {
        return switch (e) {
            case NotFound n -> Problem.of(404, "not-found", "Not found", n.getMessage(), instance);
            case Conflict c -> Problem.of(409, "conflict", "Conflict", c.getMessage(), instance);
            case Invalid i -> new Problem(Problem.TYPE_PREFIX + "validation", "Validation failed", 422, i.getMessage(),
                    instance, Map.of("errors", i.errors()));
            case Denied d -> new Problem(Problem.TYPE_PREFIX + d.reason(), d.title(), 403, d.getMessage(),
                    instance, d.details());
            case Unavailable u -> Problem.of(503, u.reason(), u.title(), u.getMessage(), instance);
        };
    }

    /** The problem document of an HTTP-edge failure. */
    public static Problem problem(HttpProblem e, String instance) {
        return new Problem(Problem.TYPE_PREFIX + e.type(), e.title(), e.status(), e.getMessage(), instance,
                e.extensions());
    }

    private void fromJavalin(Context ctx, int status, String message, Map<String, String> details) {
        if (status == 405) {
            String allowed = details == null ? null : details.get("availableMethods");
            if (allowed != null) {
                ctx.header("Allow", allowed.replace("[", "").replace("]", ""));
            }
        }
        write(ctx, forStatus(status, ctx.method().name(), ctx.path(), message));
    }

    /**
     * The problem for a bare HTTP status raised below Herald's own code (Javalin's routing, Jetty's
     * parser): a named slug for the statuses clients meet, {@code http-<status>} otherwise.
     * {@code method} and {@code path} may be null when the request line itself was unreadable.
     */
    public static Problem forStatus(int status, String method, String path, String message) {
        HttpStatus http = HttpStatus.forStatus(status);
        String title = http == HttpStatus.UNKNOWN ? "Error" : http.getMessage();
        String fallback = message == null || message.isBlank() ? title : message;
        String what = method == null ? "request" : method + " " + path;
        return switch (status) {
            case 400 -> Problem.of(400, "malformed-request", "Malformed request",
                    message == null || message.isBlank() || message.equals("Bad Request")
                            ? "the request could not be parsed (request line, path encoding, headers or body framing)"
                            : message, path);
            case 404 -> Problem.of(404, "not-found", title, "no route for " + what, path);
            case 405 -> Problem.of(405, "method-not-allowed", title, method + " is not allowed on " + path, path);
            case 413 -> Problem.of(413, "payload-too-large", title, "request body exceeds the maximum size", path);
            case 414 -> Problem.of(414, "uri-too-long", title, "the request target exceeds the maximum length", path);
            case 431 -> Problem.of(431, "headers-too-large", title, "the request headers exceed the maximum size", path);
            default -> status >= 500
                    ? Problem.of(status, "internal", title, "an unexpected error occurred", path)
                    : Problem.of(status, "http-" + status, title, fallback, path);
        };
    }

    /** Writes {@code problem} as the response (status, content type and body). */
    public void write(Context ctx, Problem problem) {
        if (problem.status() == 413) {
            // The rest of an oversize body is not worth reading: end the connection after this answer.
            ctx.header("Connection", "close");
        }
        ctx.status(problem.status()).contentType(Problem.MEDIA_TYPE).result(bytes(problem));
    }

    /** The JSON of {@code problem}, with every echoed value capped ({@link Problem#capped()}). */
    public byte[] bytes(Problem problem) {
        try {
            return mapper.writeValueAsBytes(problem.capped());
        } catch (JsonProcessingException e) {
            return ("{\"type\":\"urn:herald:problem:internal\",\"title\":\"Internal server error\",\"status\":500,"
                    + "\"detail\":\"the problem document could not be written\"}").getBytes(StandardCharsets.UTF_8);
        }
    }
}
