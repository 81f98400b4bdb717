package dev.herald.governance.attest;

import dev.herald.platform.domain.Invalid;
import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.evidence.keys.IssuerKeysDocument;
import dev.herald.platform.Feature;
import dev.herald.platform.auth.Caller;
import dev.herald.platform.auth.ProjectScope;
import dev.herald.platform.http.Idempotency;
import dev.herald.platform.http.JsonBody;
import dev.herald.platform.http.JsonFields;
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

    private void export(Context ctx) {
        Caller caller = Caller.of(ctx);
        String project = scope.projectId(caller, ctx.queryParam("project"), "project");
        JsonFields body = JsonFields.body(ctx, json);
        String type = body.has("export_type") ? body.string("export_type") : "full_audit";
        if (!type.equals("full_audit")) {
            throw new Invalid("export_type", "only 'full_audit' is supported");
        }
        String format = body.has("format") ? body.string("format") : "json";
        if (!format.equals("json")) {
            throw new Invalid("format", "only 'json' is supported");
        }
        JsonFields filters = body.optionalObject("filters");
        Set<String> sessionIds = filters == null ? Set.of() : ids(filters, "session_id");
        Set<String> requestIds = filters == null ? Set.of() : ids(filters, "request_id");
        Optional<Instant> from = filters == null ? Optional.empty() : instant(filters, "from");
        Optional<Instant> to = filters == null ? Optional.empty() : instant(filters, "to");
        if (filters != null) {
            filters.bool("include_replay_evidence", false);
        }
        AttestationService.ExportRequest request = new AttestationService.ExportRequest(sessionIds, requestIds, from, to);
        // Artifacts are assembled (and time-stamped, over the network) before the key's transaction;
        // inside it the export is only signed.
        AttestationService.ExportContents contents = attestation.collect(project, request);
        idempotency.respond(ctx, caller,
                () -> Idempotency.Outcome.created(attestation.export(contents).document()));
    }

    private static Set<String> ids(JsonFields f, String name) {
        Set<String> out = new LinkedHashSet<>();
        JsonNode v = f.raw(name);
        if (v == null) {
            return out;
        }
        if (v.isTextual() && !v.textValue().isBlank()) {
            out.add(v.textValue());
        } else if (v.isArray()) {
            for (int i = 0; i < v.size(); i++) {
                if (!v.get(i).isTextual()) {
                    throw new Invalid(f.field(name) + "[" + i + "]", "must be a string");
                }
                out.add(v.get(i).textValue());
            }
        } else {
            throw new Invalid(f.field(name), "must be a string or an array of strings");
        }
        return out;
    }

    private static Optional<Instant> instant(JsonFields f, String name) {
        String v = f.optionalString(name);
        if (v == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(v));
        } catch (DateTimeParseException e) {
            throw new Invalid(f.field(name), "must be an RFC 3339 UTC instant");
        }
    }
}
