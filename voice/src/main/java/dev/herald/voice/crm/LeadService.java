package dev.herald.voice.crm;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.platform.domain.Conflict;
import dev.herald.platform.domain.FieldError;
import dev.herald.platform.domain.Invalid;
import dev.herald.platform.domain.NotFound;
import dev.herald.platform.http.Page;
import dev.herald.platform.http.PageRequest;
import dev.herald.platform.store.Database;
import dev.herald.platform.store.Ids;
import dev.herald.voice.core.call.CallOutcome;
import dev.herald.voice.core.lead.Lead;
import dev.herald.voice.core.lead.LeadField;
import dev.herald.voice.core.lead.LeadImportResult;
import dev.herald.voice.core.lead.LeadImporter;
import dev.herald.voice.core.lead.LeadStatus;
import dev.herald.voice.core.lead.PhoneNumbers;
import dev.herald.voice.core.lead.RowError;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * The lead store: one lead per E.164 number per workspace, its fields, and the verdicts calls write
 * back. Every read and write is scoped to a workspace; another workspace's lead is "not found".
 * Writes join the caller's transaction when there is one ({@link Database#write} nests).
 * Thread-safe.
 */
public final class LeadService {
    /** Verdicts shown with one lead: the newest ones (a lead is called a handful of times). */
    public static final int HISTORY_LIMIT = 100;
    /** The fields a patch may change, by their wire names; custom fields as {@code custom_fields.<key>}. */
    public static final Set<String> PATCHABLE = Set.of("name", "email", "company", "time_zone", "consent",
            "do_not_call", "status", "owner", "custom_fields");
    private static final Map<String, LeadField> BY_WIRE = Map.of("name", LeadField.NAME, "email", LeadField.EMAIL,
            "company", LeadField.COMPANY, "time_zone", LeadField.TIME_ZONE, "consent", LeadField.CONSENT,
            "do_not_call", LeadField.DO_NOT_CALL, "status", LeadField.STATUS, "owner", LeadField.OWNER);
    private static final String CUSTOM = "custom_fields.";

    private final Database db;
    private final Ids ids;
    private final Clock clock;
    private final LeadRows rows;
    private final VerdictRows verdicts;
    private final LeadImporter importer = new LeadImporter();

    public LeadService(Database db, Ids ids, Clock clock, ObjectMapper mapper) {
        this.db = db;
        this.ids = ids;
        this.clock = clock;
        this.rows = new LeadRows(mapper);
        this.verdicts = new VerdictRows(mapper);
    }

    /** The import half of the store, sharing its rows and rules. */
    public LeadImports imports() {
        return new LeadImports(db, ids, clock, rows);
    }

    /** Creates one lead; a phone already stored in the workspace is a {@link Conflict}. */
    public StoredLead create(String workspaceId, NewLead in) {
        Lead lead = checked(importer.one(in.fields(), in.customFields() == null ? Map.of() : in.customFields()));
        return db.write(h -> {
            Optional<String> existing = idOfPhone(h, workspaceId, lead.phone().e164());
            if (existing.isPresent()) {
                throw new Conflict("a lead with phone " + lead.phone().e164() + " already exists: " + existing.get());
            }
            String id = ids.next("lead");
            try {
                rows.insert(h, workspaceId, id, lead, clock.millis());
            } catch (RuntimeException e) {
                if (Database.isUniqueViolation(e)) {
                    throw new Conflict("a lead with phone " + lead.phone().e164() + " was stored at the same moment");
                }
                throw e;
            }
            return find(h, workspaceId, id).orElseThrow();
        });
    }

    public StoredLead get(String workspaceId, String leadId) {
        return db.read(h -> find(h, workspaceId, leadId)).orElseThrow(() -> notFound(leadId));
    }

    /**
     * The workspace's lead with this number (any spelling {@code PhoneNumbers} accepts), if any: how an
     * inbound call finds its caller. A number that is not valid E.164 finds nothing.
     */
    public Optional<StoredLead> findByPhone(String workspaceId, String phone) {
        if (!(PhoneNumbers.parse(phone) instanceof PhoneNumbers.Result.Valid valid)) {
            return Optional.empty();
        }
        return db.read(h -> findByPhone(h, workspaceId, valid.number().e164()));
    }

    /** The leads named, in the order named (duplicates once); unknown ids are one {@link Invalid} naming each. */
    public List<StoredLead> getAll(String workspaceId, List<String> leadIds) {
        Map<String, StoredLead> found = found(workspaceId, leadIds);
        List<FieldError> unknown = new ArrayList<>();
        for (int i = 0; i < leadIds.size(); i++) {
            if (!found.containsKey(leadIds.get(i))) {
                unknown.add(new FieldError("lead_ids[" + i + "]", "no lead '" + leadIds.get(i) + "' in this workspace"));
            }
        }
        if (!unknown.isEmpty()) {
            throw new Invalid(unknown);
        }
        return List.copyOf(new LinkedHashSet<>(leadIds)).stream().map(found::get).toList();
    }

    /** The ids among {@code leadIds} that name no lead of the workspace, in the order named. */
    public List<String> unknownIds(String workspaceId, List<String> leadIds) {
        Map<String, StoredLead> found = found(workspaceId, leadIds);
        return leadIds.stream().filter(id -> !found.containsKey(id)).toList();
    }

    private Map<String, StoredLead> found(String workspaceId, List<String> leadIds) {
        List<String> wanted = List.copyOf(new LinkedHashSet<>(leadIds));
        Map<String, StoredLead> found = new LinkedHashMap<>();
        db.read(h -> {
            for (int from = 0; from < wanted.size(); from += LeadRows.BATCH) {
                h.createQuery(LeadRows.COLUMNS + "WHERE workspace_id = :ws AND id IN (<ids>)")
                        .bind("ws", workspaceId).bindList("ids", wanted.subList(from, Math.min(wanted.size(),
                                from + LeadRows.BATCH)))
                        .map((rs, ctx) -> rows.map(rs)).forEach(l -> found.put(l.id(), l));
            }
            return null;
        });
        return found;
    }

    /** The lead's verdicts, newest first (at most {@link #HISTORY_LIMIT}). */
    public List<LeadVerdict> verdicts(String workspaceId, String leadId) {
        return db.read(h -> {
            find(h, workspaceId, leadId).orElseThrow(() -> notFound(leadId));
            return verdicts.newestFirst(h, workspaceId, leadId, HISTORY_LIMIT);
        });
    }

    /** A page of the workspace's leads by id (creation order), narrowed by {@code filter}. */
    public Page<StoredLead> list(String workspaceId, LeadFilter filter, PageRequest page) {
        LeadFilter.Sql where = filter.sql();
        List<StoredLead> found = db.read(h -> h.createQuery(LeadRows.COLUMNS + "WHERE workspace_id = :ws AND id > :after"
                        + where.clause() + " ORDER BY id LIMIT :n")
                .bind("ws", workspaceId).bind("after", page.afterOrEmpty()).bind("n", page.fetchSize())
                .bindMap(where.params()).map((rs, ctx) -> rows.map(rs)).list());
        return Page.of(found, page, StoredLead::id);
    }

    /**
     * Changes a lead's fields as a merge patch: {@code changes} maps a field's wire name (or
     * {@code custom_fields.<key>}) to its new text; {@code ""} clears it ({@code custom_fields}
     * alone with {@code ""} clears every custom field). The result is checked by the import's rules
     * as a whole. A patch that changes nothing changes nothing, {@code updated_at} included.
     */
    public StoredLead patch(String workspaceId, String leadId, Map<String, String> changes) {
        return db.write(h -> {
            apply(h, workspaceId, leadId, changes, true);
            return find(h, workspaceId, leadId).orElseThrow();
        });
    }

    /**
     * The {@code update_lead} tool's write, in the caller's transaction: as {@link #patch}, except
     * that an agent can put a lead on the do-not-call list but never take it off (a
     * {@code do_not_call} of false leaves a set flag set).
     */
    public void update(Handle h, String workspaceId, String leadId, Map<String, String> fields) {
        apply(h, workspaceId, leadId, fields, false);
    }

    /** Deletes a lead that no call has written back to; one with verdicts is a {@link Conflict}. */
    public void delete(String workspaceId, String leadId) {
        db.write(h -> {
            StoredLead lead = find(h, workspaceId, leadId).orElseThrow(() -> notFound(leadId));
            if (lead.verdictCount() > 0) {
                throw new Conflict("lead " + leadId + " has " + lead.verdictCount() + " recorded call verdicts, which "
                        + "link to attested sessions; set do_not_call instead of deleting it");
            }
            h.createUpdate("DELETE FROM crm_leads WHERE workspace_id = :ws AND id = :id")
                    .bind("ws", workspaceId).bind("id", leadId).execute();
            return null;
        });
    }

    /**
     * Writes a call's verdict back to its lead in the caller's transaction: a history row, the
     * lead's latest verdict and its status ({@link #statusAfter}); a {@code do_not_call} outcome
     * also sets the lead's do-not-call flag. A call writes back once: a second verdict of the same
     * call is a {@link Conflict}.
     */
    public void recordVerdict(Handle h, String workspaceId, String leadId, LeadVerdict v) {
        StoredLead lead = find(h, workspaceId, leadId).orElseThrow(() -> notFound(leadId));
        if (verdicts.exists(h, leadId, v.callId())) {
            throw new Conflict("call " + v.callId() + " already wrote its verdict to lead " + leadId);
        }
        long now = clock.millis();
        verdicts.insert(h, workspaceId, leadId, v, now);
        boolean dnc = lead.lead().doNotCall() || v.outcome() == CallOutcome.DO_NOT_CALL;
        // The newest verdict (by call end) is the lead's latest; a late write-back of an older call only adds history.
        boolean newest = lead.lastVerdict().map(last -> !v.at().isBefore(last.at())).orElse(true);
        LeadStatus status = dnc ? LeadStatus.DO_NOT_CALL
                : newest ? statusAfter(lead.lead().status(), v) : lead.lead().status();
        if (!newest) {
            h.createUpdate("""
                            UPDATE crm_leads SET verdict_count = verdict_count + 1, do_not_call = :dnc, status = :status,
                                updated_at = :now WHERE workspace_id = :ws AND id = :id""")
                    .bind("dnc", dnc ? 1 : 0).bind("status", status.wire()).bind("now", now)
                    .bind("ws", workspaceId).bind("id", leadId).execute();
            return;
        }
        h.createUpdate("""
                        UPDATE crm_leads SET verdict_count = verdict_count + 1, do_not_call = :dnc, status = :status,
                            last_call_id = :call, last_outcome = :outcome, last_qualified = :qualified,
                            last_score = :score, last_session_id = :session, last_chain_head_hash = :head,
                            last_verdict_at = :at, updated_at = :now
                        WHERE workspace_id = :ws AND id = :id""")
                .bind("dnc", dnc ? 1 : 0).bind("status", status.wire())
                .bind("call", v.callId()).bind("outcome", v.outcome().wire()).bind("qualified", v.qualified() ? 1 : 0)
                .bind("score", v.score()).bind("session", v.sessionId()).bind("head", v.chainHeadHash())
                .bind("at", v.at().toEpochMilli()).bind("now", now).bind("ws", workspaceId).bind("id", leadId)
                .execute();
    }

    /**
     * The funnel status after a call: qualified (or meeting booked when a slot was booked),
     * unqualified, or contacted for a first attempt nobody answered; a refused dial changes nothing.
     */
    static LeadStatus statusAfter(LeadStatus before, LeadVerdict v) {
        return switch (v.outcome()) {
            case QUALIFIED -> v.meeting().isPresent() ? LeadStatus.MEETING_BOOKED : LeadStatus.QUALIFIED;
            case UNQUALIFIED -> LeadStatus.UNQUALIFIED;
            case DO_NOT_CALL -> LeadStatus.DO_NOT_CALL;
            case NO_ANSWER, VOICEMAIL, BUSY, FAILED -> before == LeadStatus.NEW ? LeadStatus.CONTACTED : before;
            case OUTSIDE_CALLING_HOURS -> before;
        };
    }

    private void apply(Handle h, String workspaceId, String leadId, Map<String, String> changes, boolean mayClearDnc) {
        StoredLead current = find(h, workspaceId, leadId).orElseThrow(() -> notFound(leadId));
        Lead before = current.lead();
        Map<LeadField, String> fields = asText(before);
        Map<String, String> custom = new LinkedHashMap<>(before.customFields());
        List<FieldError> unknown = new ArrayList<>();
        for (Map.Entry<String, String> c : changes.entrySet()) {
            String key = c.getKey();
            String value = c.getValue() == null ? "" : c.getValue();
            if (key.equals("custom_fields")) {
                if (!value.isEmpty()) {
                    unknown.add(new FieldError(key, "name one custom field as custom_fields.<key>, or \"\" to clear all"));
                } else {
                    custom.clear();
                }
            } else if (key.startsWith(CUSTOM) && key.length() > CUSTOM.length()) {
                String k = LeadField.normalize(key.substring(CUSTOM.length()));
                if (k.isEmpty()) {
                    unknown.add(new FieldError(key, "a custom field's key needs a letter or digit"));
                } else if (value.isEmpty()) {
                    custom.remove(k);
                } else {
                    custom.put(k, value);
                }
            } else if (BY_WIRE.containsKey(key)) {
                fields.put(BY_WIRE.get(key), value);
            } else {
                unknown.add(new FieldError(key, "is not a field a patch can change"));
            }
        }
        if (!unknown.isEmpty()) {
            throw new Invalid(unknown);
        }
        if (!mayClearDnc && before.doNotCall()) {
            fields.put(LeadField.DO_NOT_CALL, "true");
        }
        String dnc = fields.get(LeadField.DO_NOT_CALL).strip().toLowerCase(java.util.Locale.ROOT);
        boolean clearing = dnc.isEmpty() || Set.of("false", "no", "n", "0", "f").contains(dnc);
        if (before.doNotCall() && clearing && !changes.containsKey("status")
                && before.status() == LeadStatus.DO_NOT_CALL) {
            // Off the list again: back to where the funnel stood before, as far as the store knows.
            fields.put(LeadField.STATUS, current.verdictCount() > 0 ? LeadStatus.CONTACTED.wire() : LeadStatus.NEW.wire());
        }
        fields.put(LeadField.PHONE, before.phone().e164());
        Lead after = checked(importer.one(fields, custom));
        if (!after.equals(before)) {
            rows.update(h, workspaceId, leadId, after, clock.millis());
        }
    }

    private static Map<LeadField, String> asText(Lead lead) {
        Map<LeadField, String> f = new EnumMap<>(LeadField.class);
        lead.name().ifPresent(v -> f.put(LeadField.NAME, v));
        lead.email().ifPresent(v -> f.put(LeadField.EMAIL, v));
        lead.company().ifPresent(v -> f.put(LeadField.COMPANY, v));
        lead.timeZone().map(ZoneId::getId).ifPresent(v -> f.put(LeadField.TIME_ZONE, v));
        lead.owner().ifPresent(v -> f.put(LeadField.OWNER, v));
        f.put(LeadField.CONSENT, lead.consent().wire());
        f.put(LeadField.DO_NOT_CALL, Boolean.toString(lead.doNotCall()));
        f.put(LeadField.STATUS, lead.status().wire());
        return f;
    }

    /** The one row's lead, or its errors as one {@link Invalid} (field, then the reason's wire name and detail). */
    static Lead checked(LeadImportResult result) {
        if (!result.errors().isEmpty()) {
            throw new Invalid(result.errors().stream().map(LeadService::fieldError).toList());
        }
        return result.accepted().getFirst().lead();
    }

    static FieldError fieldError(RowError e) {
        return new FieldError(e.field(), e.reason().wire() + ": " + e.detail());
    }

    Optional<StoredLead> find(Handle h, String workspaceId, String leadId) {
        return h.createQuery(LeadRows.COLUMNS + "WHERE workspace_id = :ws AND id = :id")
                .bind("ws", workspaceId).bind("id", leadId).map((rs, ctx) -> rows.map(rs)).findOne();
    }

    Optional<StoredLead> findByPhone(Handle h, String workspaceId, String e164) {
        return h.createQuery(LeadRows.COLUMNS + "WHERE workspace_id = :ws AND phone = :phone")
                .bind("ws", workspaceId).bind("phone", e164).map((rs, ctx) -> rows.map(rs)).findOne();
    }

    /** Stores a checked lead under a new id in the transaction of {@code h}. */
    String insert(Handle h, String workspaceId, Lead lead) {
        String id = ids.next("lead");
        rows.insert(h, workspaceId, id, lead, clock.millis());
        return id;
    }

    private static Optional<String> idOfPhone(Handle h, String workspaceId, String e164) {
        return h.createQuery("SELECT id FROM crm_leads WHERE workspace_id = :ws AND phone = :phone")
                .bind("ws", workspaceId).bind("phone", e164).mapTo(String.class).findOne();
    }

    private static NotFound notFound(String leadId) {
        return new NotFound("lead '" + leadId + "' not found");
    }
}
