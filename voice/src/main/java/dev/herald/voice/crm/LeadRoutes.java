package dev.herald.voice.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.herald.platform.Feature;
import dev.herald.platform.auth.Caller;
import dev.herald.platform.domain.Invalid;
import dev.herald.platform.http.Idempotency;
import dev.herald.platform.http.JsonBody;
import dev.herald.platform.http.Page;
import dev.herald.platform.http.PageRequest;
import dev.herald.platform.http.Problems;
import dev.herald.voice.core.lead.LeadImportResult;
import dev.herald.voice.core.lead.LeadImporter;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The CRM's routes, any admin or project key of the workspace:
 * {@code POST|GET /api/v1/crm/leads}, {@code GET|PATCH|DELETE /api/v1/crm/leads/{lead_id}} and
 * {@code POST /api/v1/crm/leads/import} (text/csv or application/json, up to 10,000 rows).
 */
public final class LeadRoutes implements Feature {
    public static final String BASE = "/api/v1/crm/leads";
    public static final String IMPORT = BASE + "/import";
    private final LeadService leads;
    private final LeadImports imports;
    private final JsonBody json;
    private final Idempotency idempotency;

    public LeadRoutes(LeadService leads, JsonBody json, Idempotency idempotency) {
        this.leads = leads;
        this.imports = leads.imports();
        this.json = json;
        this.idempotency = idempotency;
    }

    @Override
    public void routes(JavalinDefaultRouting router) {
        router.post(BASE, this::create);
        router.get(BASE, this::list);
        router.post(IMPORT, this::importLeads);
        router.get(BASE + "/{lead_id}", this::get);
        router.patch(BASE + "/{lead_id}", this::patch);
        router.delete(BASE + "/{lead_id}", this::delete);
    }

    /** An import may be as large as the importer accepts (10,000 rows); every other route keeps the default. */
    @Override
    public Map<String, Long> bodyLimits() {
        return Map.of(IMPORT, (long) LeadImporter.MAX_BYTES);
    }

    /** What a PATCH may hold: read for types only; which members are present decides what changes. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record PatchRequest(String name, String email, String company, String timeZone, Map<String, String> customFields,
                        String consent, Boolean doNotCall, String status, String owner) {
    }

    private void create(Context ctx) {
        Caller caller = Caller.of(ctx);
        NewLead body = json.read(ctx, NewLead.class);
        idempotency.respond(ctx, caller, () -> Idempotency.Outcome.created(
                LeadJson.LeadView.of(leads.create(caller.workspaceId(), body))));
    }

    private void list(Context ctx) {
        Caller caller = Caller.of(ctx);
        PageRequest page = PageRequest.from(ctx);
        LeadFilter filter = LeadFilter.parse(ctx.queryParam("status"), ctx.queryParam("do_not_call"),
                ctx.queryParam("phone"), ctx.queryParam("q"), ctx.queryParam("owner"));
        Page<StoredLead> found = leads.list(caller.workspaceId(), filter, page);
        ctx.json(new Page<>(found.data().stream().map(LeadJson.LeadView::of).toList(), found.hasMore(),
                found.nextCursor()));
    }

    private void get(Context ctx) {
        Caller caller = Caller.of(ctx);
        String id = ctx.pathParam("lead_id");
        StoredLead lead = leads.get(caller.workspaceId(), id);
        ctx.json(new LeadJson.LeadDetail(LeadJson.LeadView.of(lead), leads.verdicts(caller.workspaceId(), id)
                .stream().map(LeadJson.VerdictView::of).toList()));
    }

    private void patch(Context ctx) {
        Caller caller = Caller.of(ctx);
        String id = ctx.pathParam("lead_id");
        JsonNode tree = json.read(ctx, JsonNode.class);
        if (!tree.isObject()) {
            throw new Problems.BadRequest("request body must be a JSON object (a merge patch)");
        }
        json.map(tree, PatchRequest.class);
        Map<String, String> changes = new LinkedHashMap<>();
        tree.properties().forEach(e -> {
            if (e.getKey().equals("custom_fields")) {
                if (e.getValue().isNull()) {
                    changes.put("custom_fields", "");
                } else {
                    e.getValue().properties().forEach(c -> changes.put("custom_fields." + c.getKey(), text(c.getValue())));
                }
            } else {
                changes.put(e.getKey(), text(e.getValue()));
            }
        });
        idempotency.respond(ctx, caller, () -> Idempotency.Outcome.of(200,
                LeadJson.LeadView.of(leads.patch(caller.workspaceId(), id, changes))));
    }

    private static String text(JsonNode value) {
        return value.isNull() ? "" : value.asText();
    }

    private void delete(Context ctx) {
        Caller caller = Caller.of(ctx);
        String id = ctx.pathParam("lead_id");
        idempotency.respond(ctx, caller, () -> {
            leads.delete(caller.workspaceId(), id);
            return Idempotency.Outcome.of(200, new LeadJson.Deleted(id, true));
        });
    }

    private void importLeads(Context ctx) {
        Caller caller = Caller.of(ctx);
        LeadImports.Format format = format(ctx.contentType());
        String rawConflict = ctx.queryParam("on_conflict");
        LeadImports.OnConflict onConflict = rawConflict == null ? LeadImports.OnConflict.REJECT
                : LeadImports.OnConflict.fromWire(rawConflict)
                        .orElseThrow(() -> new Invalid("on_conflict", "must be reject or skip"));
        // Parsing and checking 10,000 rows is CPU work: done before the write transaction opens.
        LeadImportResult parsed = imports.parse(format, ctx.bodyAsBytes());
        idempotency.respond(ctx, caller, () -> Idempotency.Outcome.of(200,
                LeadJson.ImportView.of(imports.store(caller.workspaceId(), parsed, onConflict))));
    }

    private static LeadImports.Format format(String contentType) {
        String media = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return switch (media) {
            case "text/csv" -> LeadImports.Format.CSV;
            case "application/json" -> LeadImports.Format.JSON;
            default -> throw new Problems.UnsupportedMediaType("an import is text/csv or application/json, got "
                    + (media.isEmpty() ? "no Content-Type" : "'" + media + "'"));
        };
    }
}
