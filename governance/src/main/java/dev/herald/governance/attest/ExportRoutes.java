package dev.herald.governance.attest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.herald.evidence.keys.IssuerKeysDocument;
import dev.herald.platform.Feature;
import dev.herald.platform.auth.Caller;
import dev.herald.platform.auth.ProjectScope;
import dev.herald.platform.http.Idempotency;
import dev.herald.platform.http.JsonBody;
import dev.herald.platform.http.FieldCheck;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /v1/compliance/exports}: {@code {export_type: "full_audit", format: "json", filters:
 * {request_id, session_id, from, to, include_replay_evidence}}} answers a signed {@code full_audit}
 * export (evidence's {@code ComplianceExporter}) of the project's ended and failed sessions. A
 * realtime session's request id is its session id. The body is the export document itself, so
 * {@code herald verify} takes the response as it is.
 */
public final class ExportRoutes implements Feature {
    /** Most sessions one export holds; narrow the filters for more. */
    public static final int MAX_SESSIONS = AttestationService.MAX_EXPORT_SESSIONS;

    private final AttestationService attestation;
    private final ProjectScope scope;
    private final JsonBody json;
    private final Idempotency idempotency;

    public ExportRoutes(AttestationService attestation, ProjectScope scope, JsonBody json, Idempotency idempotency) {
        this.attestation = attestation;
        this.scope = scope;
        this.json = json;
        this.idempotency = idempotency;
    }

    @Override
    public void routes(JavalinDefaultRouting router) {
        router.post("/v1/compliance/exports", this::export);
        router.get(ISSUER_KEYS_PATH, this::issuerKeys);
    }

    /**
     * Public: the issuer keys auditors pin ({@code herald verify --issuer-keys FILE} with a saved
     * copy); the active one first, each with the window in which it signed.
     */
    public static final String ISSUER_KEYS_PATH = "/.well-known/herald/issuer-keys.json";

    private void issuerKeys(Context ctx) {
        ctx.contentType("application/json").result(IssuerKeysDocument.json(attestation.keys()).toString());
    }

    /** The request body; unknown members are ignored, as they always were here. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ExportBody(String exportType, String format, Filters filters) {
    }

    /** {@code session_id} and {@code request_id} are a string or an array of strings. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Filters(JsonNode sessionId, JsonNode requestId, String from, String to, Boolean includeReplayEvidence) {
    }

    private void export(Context ctx) {
        Caller caller = Caller.of(ctx);
        String project = scope.projectId(caller, ctx.queryParam("project"), "project");
        AttestationService.ExportRequest request = request(json.read(ctx, ExportBody.class));
        // Artifacts are assembled (and time-stamped, over the network) before the key's transaction;
        // inside it the export is only signed.
        AttestationService.ExportContents contents = attestation.collect(project, request);
        idempotency.respond(ctx, caller,
                () -> Idempotency.Outcome.created(attestation.export(contents).document()));
    }

    /** Checks the body in one place, naming every invalid field at once. */
    static AttestationService.ExportRequest request(ExportBody body) {
        FieldCheck check = new FieldCheck();
        if (body.exportType() != null && !body.exportType().equals("full_audit")) {
            check.fail("export_type", "only 'full_audit' is supported");
        }
        if (body.format() != null && !body.format().equals("json")) {
            check.fail("format", "only 'json' is supported");
        }
        Filters f = body.filters() == null ? new Filters(null, null, null, null, null) : body.filters();
        Set<String> sessionIds = ids(check, "filters.session_id", f.sessionId());
        Set<String> requestIds = ids(check, "filters.request_id", f.requestId());
        Optional<Instant> from = instant(check, "filters.from", f.from());
        Optional<Instant> to = instant(check, "filters.to", f.to());
        check.throwIfAny();
        return new AttestationService.ExportRequest(sessionIds, requestIds, from, to);
    }

    private static Set<String> ids(FieldCheck check, String field, JsonNode v) {
        Set<String> out = new LinkedHashSet<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (v.isTextual() && !v.textValue().isBlank()) {
            out.add(v.textValue());
        } else if (v.isArray()) {
            for (int i = 0; i < v.size(); i++) {
                if (!v.get(i).isTextual()) {
                    check.fail(field + "[" + i + "]", "must be a string");
                } else {
                    out.add(v.get(i).textValue());
                }
            }
        } else {
            check.fail(field, "must be a string or an array of strings");
        }
        return out;
    }

    private static Optional<Instant> instant(FieldCheck check, String field, String v) {
        if (v == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(v));
        } catch (DateTimeParseException e) {
            check.fail(field, "must be an RFC 3339 UTC instant");
            return Optional.empty();
        }
    }
}
