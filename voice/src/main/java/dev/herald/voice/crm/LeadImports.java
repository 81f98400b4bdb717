package dev.herald.voice.crm;

import dev.herald.platform.domain.Conflict;
import dev.herald.platform.domain.Invalid;
import dev.herald.platform.store.Database;
import dev.herald.platform.store.Ids;
import dev.herald.voice.core.lead.ImportedLead;
import dev.herald.voice.core.lead.Lead;
import dev.herald.voice.core.lead.LeadImportException;
import dev.herald.voice.core.lead.LeadImportResult;
import dev.herald.voice.core.lead.LeadImporter;
import dev.herald.voice.core.lead.RowError;
import dev.herald.voice.core.lead.RowErrorReason;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Bulk import: {@link LeadImporter} parses and checks every row (outside any transaction), then
 * {@link #store} keeps the good rows in one transaction with batched inserts. Rows whose number the
 * workspace already holds are reported as {@code duplicate_phone} naming the stored lead, or
 * skipped, as the caller chose ({@link OnConflict}). Thread-safe.
 */
public final class LeadImports {
    private final Database db;
    private final Ids ids;
    private final Clock clock;
    private final LeadRows rows;
    private final LeadImporter importer = new LeadImporter();

    LeadImports(Database db, Ids ids, Clock clock, LeadRows rows) {
        this.db = db;
        this.ids = ids;
        this.clock = clock;
        this.rows = rows;
    }

    /** The body formats an import takes. */
    public enum Format { CSV, JSON }

    /**
     * What to do with a row whose phone the workspace already holds. There is no "update": a CSV
     * row cannot say "leave this as it is" for consent or do-not-call (an empty cell means
     * unknown/false), so an import must never overwrite a stored do-not-call flag; PATCH the lead.
     */
    public enum OnConflict {
        /** The row is an error, {@code duplicate_phone}, naming the stored lead (the default). */
        REJECT("reject"),
        /** The row is counted in {@code skipped} and left out without an error. */
        SKIP("skip");

        private final String wire;

        OnConflict(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        public static Optional<OnConflict> fromWire(String s) {
            return Arrays.stream(values()).filter(o -> o.wire.equals(s)).findFirst();
        }
    }

    /**
     * What an import did: rows read, leads created (their ids in file order), rows refused and the
     * errors (by row), rows skipped as already stored.
     */
    public record Report(int rowsRead, int imported, int rejected, int skipped, List<RowError> errors,
                         List<String> leadIds) {
        public Report {
            errors = List.copyOf(errors);
            leadIds = List.copyOf(leadIds);
        }
    }

    /**
     * Parses and checks a body; a problem with the file as a whole is an {@link Invalid} on
     * {@code body} whose reason starts with the {@code FileErrorReason} wire name (nothing is kept).
     */
    public LeadImportResult parse(Format format, byte[] body) {
        try {
            return format == Format.CSV ? importer.csv(body) : importer.json(body);
        } catch (LeadImportException e) {
            throw new Invalid("body", e.getMessage());
        }
    }

    /** Keeps the good rows of {@code parsed} in the workspace, all in one transaction. */
    public Report store(String workspaceId, LeadImportResult parsed, OnConflict onConflict) {
        return db.write(h -> {
            Map<String, String> stored = new HashMap<>();
            List<String> phones = parsed.accepted().stream().map(l -> l.lead().phone().e164()).toList();
            for (int from = 0; from < phones.size(); from += LeadRows.BATCH) {
                h.createQuery("SELECT phone, id FROM crm_leads WHERE workspace_id = :ws AND phone IN (<phones>)")
                        .bind("ws", workspaceId)
                        .bindList("phones", phones.subList(from, Math.min(phones.size(), from + LeadRows.BATCH)))
                        .map((rs, ctx) -> Map.entry(rs.getString("phone"), rs.getString("id")))
                        .forEach(e -> stored.put(e.getKey(), e.getValue()));
            }
            List<RowError> errors = new ArrayList<>(parsed.errors());
            List<Lead> fresh = new ArrayList<>();
            List<String> freshIds = new ArrayList<>();
            int skipped = 0;
            for (ImportedLead row : parsed.accepted()) {
                String existing = stored.get(row.lead().phone().e164());
                if (existing == null) {
                    fresh.add(row.lead());
                    freshIds.add(ids.next("lead"));
                } else if (onConflict == OnConflict.SKIP) {
                    skipped++;
                } else {
                    errors.add(new RowError(row.row(), "phone", RowErrorReason.DUPLICATE_PHONE,
                            "already stored as lead " + existing));
                }
            }
            errors.sort(Comparator.comparingInt(RowError::row));
            try {
                rows.insertAll(h, workspaceId, freshIds, fresh, clock.millis());
            } catch (RuntimeException e) {
                if (Database.isUniqueViolation(e)) {
                    throw new Conflict("another write stored one of these phone numbers during the import; "
                            + "nothing was imported, send it again");
                }
                throw e;
            }
            int rejected = (int) errors.stream().mapToInt(RowError::row).distinct().count();
            return new Report(parsed.rowsRead(), fresh.size(), rejected, skipped, errors, freshIds);
        });
    }
}
