package dev.herald.governance.attest;

import dev.herald.evidence.tsa.HeraldTimestampAuthority;
import dev.herald.evidence.tsa.TimestampClient;
import dev.herald.platform.Feature;
import dev.herald.platform.http.Problems;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.util.Locale;

/**
 * Herald's RFC 3161 timestamp authority over HTTP: {@code POST /tsa} takes a DER TimeStampReq
 * ({@code application/timestamp-query}) and answers a DER TimeStampResp
 * ({@code application/timestamp-reply}); a malformed request gets a TimeStampResp with status
 * {@code rejection}, as RFC 3161 clients expect. {@code GET /tsa/root.pem} serves the trust anchor.
 * Both are public, like any TSA.
 */
public final class TsaRoutes implements Feature {
    private final HeraldTimestampAuthority authority;
    private final String rootPem;

    public TsaRoutes(HeraldTimestampAuthority authority) {
        this.authority = authority;
        this.rootPem = authority.credentials().rootPem();
    }

    @Override
    public void routes(JavalinDefaultRouting router) {
        router.post("/tsa", this::stamp);
        router.get("/tsa/root.pem", ctx -> ctx.contentType("application/x-pem-file").result(rootPem));
    }

    private void stamp(Context ctx) {
        String type = ctx.contentType() == null ? "" : ctx.contentType().split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!type.equals(TimestampClient.QUERY_MEDIA_TYPE)) {
            throw new Problems.UnsupportedMediaType("a timestamp request must be " + TimestampClient.QUERY_MEDIA_TYPE);
        }
        byte[] request = ctx.bodyAsBytes();
        if (request.length > HeraldTimestampAuthority.MAX_REQUEST_BYTES) {
            throw new Problems.BadRequest("a timestamp request is at most " + HeraldTimestampAuthority.MAX_REQUEST_BYTES + " bytes");
        }
        ctx.contentType(TimestampClient.REPLY_MEDIA_TYPE).result(authority.respond(request));
    }
}
