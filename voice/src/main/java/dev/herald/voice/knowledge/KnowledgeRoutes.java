package dev.herald.voice.knowledge;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.herald.platform.Feature;
import dev.herald.platform.auth.Caller;
import dev.herald.platform.domain.Invalid;
import dev.herald.platform.http.FieldCheck;
import dev.herald.platform.http.Idempotency;
import dev.herald.platform.http.JsonBody;
import dev.herald.platform.http.PageRequest;
import dev.herald.platform.http.Problems;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.util.List;
import java.util.Locale;

/**
 * The knowledge corpus over HTTP: {@code POST|GET /api/v1/voice/knowledge/documents},
 * {@code GET|DELETE /api/v1/voice/knowledge/documents/{id}} and
 * {@code GET /api/v1/voice/knowledge/search?q=}. A document is uploaded as its raw bytes (its
 * {@code Content-Type} says text, Markdown or PDF; {@code ?title=} names it) or as JSON
 * {@code {title, text, media_type}}.
 */
public final class KnowledgeRoutes implements Feature {
    static final int DEFAULT_SEARCH_RESULTS = 5;
    private final KnowledgeService knowledge;
    private final JsonBody json;
    private final Idempotency idempotency;

    public KnowledgeRoutes(KnowledgeService knowledge, JsonBody json, Idempotency idempotency) {
        this.knowledge = knowledge;
        this.json = json;
        this.idempotency = idempotency;
    }

    @Override
    public void routes(JavalinDefaultRouting router) {
        router.post("/api/v1/voice/knowledge/documents", this::add);
        router.get("/api/v1/voice/knowledge/documents", this::list);
        router.get("/api/v1/voice/knowledge/documents/{id}", this::get);
        router.delete("/api/v1/voice/knowledge/documents/{id}", this::delete);
        router.get("/api/v1/voice/knowledge/search", this::search);
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record TextDocument(String title, String text, String mediaType) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Deleted(String id, boolean deleted) {
    }

    record Passages(List<Passage> data) {
    }

    private void add(Context ctx) {
        Caller caller = Caller.of(ctx);
        KnowledgeService.Upload upload = isJson(ctx.contentType()) ? fromJson(ctx) : fromRaw(ctx);
        idempotency.respond(ctx, caller, () -> Idempotency.Outcome.created(knowledge.add(caller.workspaceId(), upload)));
    }

    private KnowledgeService.Upload fromJson(Context ctx) {
        TextDocument body = json.read(ctx, TextDocument.class);
        FieldCheck check = new FieldCheck().required("title", body.title()).required("text", body.text());
        DocumentFormat format = DocumentFormat.TEXT;
        if (body.mediaType() != null) {
            format = DocumentFormat.ofMediaType(body.mediaType()).filter(f -> f != DocumentFormat.PDF).orElse(null);
            if (format == null) {
                check.fail("media_type", "must be text/plain or text/markdown (upload a PDF as the raw body)");
            }
        }
        check.throwIfAny();
        return knowledge.readText(body.title(), format, body.text());
    }

    private KnowledgeService.Upload fromRaw(Context ctx) {
        DocumentFormat format = DocumentFormat.ofContentType(ctx.contentType()).orElseThrow(() ->
                new Problems.UnsupportedMediaType("a document is text/plain, text/markdown or application/pdf "
                        + "(or application/json {title, text}), got "
                        + (ctx.contentType() == null ? "no Content-Type" : "'" + ctx.contentType() + "'")));
        String charset = charset(ctx.contentType());
        if (charset != null && format != DocumentFormat.PDF && !charset.equals("utf-8") && !charset.equals("us-ascii")) {
            throw new Invalid("Content-Type", "charset must be utf-8");
        }
        return knowledge.read(ctx.queryParam("title"), format, ctx.bodyAsBytes());
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String media = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return media.equals("application/json");
    }

    private static String charset(String contentType) {
        for (String param : contentType.split(";")) {
            String p = param.trim().toLowerCase(Locale.ROOT);
            if (p.startsWith("charset=")) {
                return p.substring("charset=".length()).replace("\"", "").trim();
            }
        }
        return null;
    }

    private void list(Context ctx) {
        ctx.json(knowledge.list(Caller.of(ctx).workspaceId(), PageRequest.from(ctx)));
    }

    private void get(Context ctx) {
        ctx.json(knowledge.get(Caller.of(ctx).workspaceId(), ctx.pathParam("id")));
    }

    private void delete(Context ctx) {
        Caller caller = Caller.of(ctx);
        String id = ctx.pathParam("id");
        idempotency.respond(ctx, caller, () -> {
            knowledge.delete(caller.workspaceId(), id);
            return Idempotency.Outcome.of(200, new Deleted(id, true));
        });
    }

    private void search(Context ctx) {
        String rawLimit = ctx.queryParam("limit");
        int limit = DEFAULT_SEARCH_RESULTS;
        if (rawLimit != null) {
            try {
                limit = Integer.parseInt(rawLimit);
            } catch (NumberFormatException e) {
                limit = -1;
            }
        }
        ctx.json(new Passages(knowledge.search(Caller.of(ctx).workspaceId(), ctx.queryParam("q"), limit)));
    }
}
