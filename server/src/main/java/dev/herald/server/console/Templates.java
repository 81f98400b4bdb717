package dev.herald.server.console;

import dev.herald.platform.http.ProblemHandlers;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;

/**
 * The console's templates, compiled to classes at build time ({@code jte-maven-plugin}); no template
 * compiler runs in the server. Each template takes one view model. Pages are sent with headers that
 * keep them from being framed, cached or mixed with content from anywhere but the console itself.
 * Thread-safe.
 */
public final class Templates {
    /** Scripts, styles, media and connections only from this origin; no framing, forms post only here. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; media-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            + "frame-ancestors 'none'; form-action 'self'";

    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

    /** The template {@code name} (a path under src/main/jte) rendered with {@code model}, without surrounding blank lines. */
    public String render(String name, Object model) {
        StringOutput out = new StringOutput();
        engine.render(name, model, out);
        return out.toString().strip();
    }

    /** Answers {@code ctx} with the rendered template as an HTML page or fragment. */
    public void send(Context ctx, int status, String name, Object model) {
        String html = render(name, model);
        ctx.status(status);
        ctx.contentType("text/html; charset=utf-8");
        ctx.header("Cache-Control", "no-store");
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "same-origin");
        if (status >= 400) {
            // The page is the answer: the problem+json fallback for error statuses must not replace it.
            ctx.attribute(ProblemHandlers.KEEP_BODY, true);
        }
        ctx.result(html);
    }
}
