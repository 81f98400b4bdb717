package dev.herald.voice.campaigns;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.platform.domain.Conflict;
import dev.herald.platform.domain.FieldError;
import dev.herald.platform.domain.Invalid;
import dev.herald.platform.domain.NotFound;
import dev.herald.platform.events.EventBus;
import dev.herald.platform.http.FieldCheck;
import dev.herald.platform.http.Page;
import dev.herald.platform.http.PageRequest;
import dev.herald.platform.store.Database;
import dev.herald.platform.store.Dialect;
import dev.herald.platform.store.Ids;
import dev.herald.voice.core.call.CallOutcome;
import dev.herald.voice.core.campaign.CampaignProgress;
import dev.herald.voice.core.campaign.CampaignState;
import dev.herald.voice.core.campaign.CampaignStateMachine;
import dev.herald.voice.core.campaign.CampaignTransition;
import dev.herald.voice.core.campaign.IllegalTransitionException;
import dev.herald.voice.core.campaign.LeadState;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Campaigns: create (with every lead in one batched transaction), read with progress, pause,
 * resume and cancel through {@link CampaignStateMachine}, and per-lead results. Dialling is the
 * {@link CampaignDialler}'s. Every read and write is scoped to a workspace; another workspace's
 * campaign is "not found". Thread-safe.
 */
public final class CampaignService {
    /** The bus channel that wakes every node's dialler when a campaign is created or resumed. */
    public static final String CHANNEL = "voice.campaigns";
    /** The webhook event queued in the transaction that completes a campaign. */
    public static final String COMPLETED_EVENT = "campaign.completed";

    private final Database db;
    private final Ids ids;
    private final Clock clock;
    private final ObjectMapper json;
    private final EventBus events;
    private final CampaignReferences references;

    public CampaignService(Database db, Ids ids, Clock clock, ObjectMapper json, EventBus events,
                           CampaignReferences references) {
        this.db = db;
        this.ids = ids;
        this.clock = clock;
        this.json = json;
        this.events = events;
        this.references = references;
    }

    /** Checks {@code body} (every bad field at once, unknown lead ids named) and stores the campaign. */
    public Campaign create(String workspaceId, CreateCampaign body) {
        CampaignSpec spec = checked(workspaceId, body);
        long now = clock.millis();
        String id = ids.next("cmp");
        boolean later = spec.startAt() != null && spec.startAt().toEpochMilli() > now;
        CampaignState state = CampaignStateMachine.apply(CampaignState.DRAFT,
                later ? CampaignTransition.SCHEDULE : CampaignTransition.START);
        db.write(h -> {
            h.createUpdate("""
                    INSERT INTO voice_campaigns (id, workspace_id, name, state, profile_id, objective,
                        calendar_connector_id, lead_count, max_concurrent, calls_per_minute, retry_policy,
                        calling_window, start_at, next_wake_at, created_at, updated_at)
                    VALUES (:id, :ws, :name, :state, :profile, :objective, :calendar, :leads, :max, :cpm, :retry,
                        :window, :start, :wake, :now, :now)""")
                    .bind("id", id).bind("ws", workspaceId).bind("name", spec.name()).bind("state", state.wire())
                    .bind("profile", spec.profileId()).bind("objective", spec.objective())
                    .bind("calendar", spec.calendarConnectorId()).bind("leads", spec.leadIds().size())
                    .bind("max", spec.pacing().maxConcurrent()).bind("cpm", spec.pacing().callsPerMinute())
                    .bind("retry", CampaignRow.write(json, RetryJson.of(spec.retry())))
                    .bind("window", CampaignRow.write(json, CallingWindowJson.of(spec.window(), spec.fallbackZones())))
                    .bind("start", spec.startAt() == null ? null : spec.startAt().toEpochMilli())
                    .bind("wake", later ? spec.startAt().toEpochMilli() : now).bind("now", now).execute();
            insertLeads(h, id, spec.leadIds(), now);
            events.publish(h, CHANNEL, "wake");
            return null;
        });
        return get(workspaceId, id);
    }

    /**
     * All leads in one statement that unpacks a JSON array in the database (SQLite's
     * {@code json_each}, PostgreSQL's {@code jsonb_array_elements_text}): one round trip instead of
     * ten batches of a thousand rows (a 10,000-lead create went from ~700 to ~260 ms on PostgreSQL
     * and from ~400 to ~170 ms on SQLite in the tests).
     */
    private void insertLeads(Handle h, String campaignId, List<String> leadIds, long now) {
        String source = db.dialect() == Dialect.POSTGRESQL
                ? "SELECT :c, t.value, t.ordinality, 'pending', 0, :now "
                        + "FROM jsonb_array_elements_text(CAST(:ids AS jsonb)) WITH ORDINALITY AS t(value, ordinality)"
                : "SELECT :c, value, key + 1, 'pending', 0, :now FROM json_each(:ids)";
        int inserted = h.createUpdate("INSERT INTO voice_campaign_leads (campaign_id, lead_id, position, state, dials, "
                        + "updated_at) " + source)
                .bind("c", campaignId).bind("ids", CampaignRow.write(json, leadIds)).bind("now", now).execute();
        if (inserted != leadIds.size()) {
            throw new IllegalStateException("inserted " + inserted + " of " + leadIds.size() + " campaign leads");
        }
    }

    private CampaignSpec checked(String workspaceId, CreateCampaign body) {
        FieldCheck check = new FieldCheck();
        CampaignSpec spec = body.check(check);
        List<FieldError> errors = new ArrayList<>();
        try {
            check.throwIfAny();
        } catch (Invalid e) {
            errors.addAll(e.errors());
        }
        // What the fields name is checked too when their shape is right, so one 422 tells everything.
        if (errors.stream().noneMatch(e -> e.field().startsWith("lead_ids"))) {
            java.util.Set<String> unknown = new java.util.HashSet<>(
                    references.unknownLeads(workspaceId, List.copyOf(new LinkedHashSet<>(body.leadIds()))));
            int named = 0;
            for (int i = 0; i < body.leadIds().size() && named < 100; i++) {
                if (unknown.contains(body.leadIds().get(i))) {
                    errors.add(new FieldError("lead_ids[" + i + "]", "names no lead of this workspace: "
                            + body.leadIds().get(i)));
                    named++;
                }
            }
            if (unknown.size() > named) {
                errors.add(new FieldError("lead_ids", (unknown.size() - named) + " more unknown lead ids"));
            }
        }
        if (errors.stream().noneMatch(e -> e.field().equals("profile_id") || e.field().equals("objective"))) {
            references.profileProblem(workspaceId, body.profileId(), body.objective()).ifPresent(errors::add);
        }
        if (body.calendarConnectorId() != null
                && errors.stream().noneMatch(e -> e.field().equals("calendar_connector_id"))) {
            references.calendarProblem(workspaceId, body.calendarConnectorId()).ifPresent(errors::add);
        }
        if (spec != null && errors.stream().noneMatch(e -> e.field().equals("max_concurrent_calls"))) {
            int limit = references.liveCallLimit(workspaceId);
            if (spec.pacing().maxConcurrent() > limit) {
                errors.add(new FieldError("max_concurrent_calls", "must be at most the workspace's live-call limit, "
                        + limit + " (an admin raises it with PUT /api/v1/voice/settings)"));
            }
        }
        if (!errors.isEmpty()) {
            throw new Invalid(errors);
        }
        return spec;
    }

    public Campaign get(String workspaceId, String id) {
        return db.read(h -> {
            CampaignRow row = find(h, workspaceId, id);
            return row.view(Campaign.Progress.of(progress(h, id)));
        });
    }

    public Page<Campaign> list(String workspaceId, PageRequest page) {
        return db.read(h -> {
            List<CampaignRow> rows = h.createQuery(CampaignRow.COLUMNS
                            + "WHERE workspace_id = :ws AND id > :after ORDER BY id LIMIT :n")
                    .bind("ws", workspaceId).bind("after", page.afterOrEmpty()).bind("n", page.fetchSize())
                    .map(CampaignRow.mapper(json)).list();
            List<Campaign> views = rows.stream().map(r -> r.view(Campaign.Progress.of(progress(h, r.id())))).toList();
            return Page.of(views, page, Campaign::id);
        });
    }

    public Campaign pause(String workspaceId, String id) {
        return transition(workspaceId, id, CampaignTransition.PAUSE);
    }

    public Campaign resume(String workspaceId, String id) {
        return transition(workspaceId, id, CampaignTransition.RESUME);
    }

    /** Stops dialling for good; calls already live run to their end and are still recorded. */
    public Campaign cancel(String workspaceId, String id) {
        return transition(workspaceId, id, CampaignTransition.CANCEL);
    }

    private Campaign transition(String workspaceId, String id, CampaignTransition transition) {
        db.write(h -> {
            CampaignRow row = find(h, workspaceId, id);
            CampaignState target;
            try {
                target = CampaignStateMachine.apply(row.state(), transition);
            } catch (IllegalTransitionException e) {
                throw new Conflict(e.getMessage());
            }
            long now = clock.millis();
            int changed = h.createUpdate("UPDATE voice_campaigns SET state = :to, updated_at = :now, "
                            + "next_wake_at = :now WHERE id = :id AND state = :from")
                    .bind("to", target.wire()).bind("now", now).bind("id", id).bind("from", row.state().wire())
                    .execute();
            if (changed != 1) {
                throw new Conflict("campaign '" + id + "' changed meanwhile; read it and try again");
            }
            events.publish(h, CHANNEL, "wake");
            return null;
        });
        return get(workspaceId, id);
    }

    /** Per-lead results in list order (cursor-paged), with attempts, call ids and the latest verdict. */
    public Page<LeadResult> results(String workspaceId, String id, PageRequest page) {
        int after;
        try {
            after = page.after() == null ? 0 : Integer.parseInt(page.after());
        } catch (NumberFormatException e) {
            throw new Invalid("cursor", "is not a cursor returned by this API");
        }
        return db.read(h -> {
            find(h, workspaceId, id);
            long now = clock.millis();
            List<LeadResult> rows = h.createQuery("""
                            SELECT lead_id, position, state, dials, due_at, last_outcome, last_call_id, refused_as,
                                refusal_reason FROM voice_campaign_leads
                            WHERE campaign_id = :c AND position > :after ORDER BY position LIMIT :n""")
                    .bind("c", id).bind("after", after).bind("n", page.fetchSize())
                    .map((rs, ctx) -> {
                        Long due = CampaignRow.nullableLong(rs, "due_at");
                        String state = rs.getString("state");
                        if (state.equals(LeadState.PENDING.wire()) && due != null && due > now) {
                            state = LeadState.WAITING.wire();
                        }
                        String refusedAs = rs.getString("refused_as");
                        List<String> calls = new ArrayList<>();
                        if (refusedAs != null && rs.getString("last_call_id") != null) {
                            calls.add(rs.getString("last_call_id"));
                        }
                        return new LeadResult(rs.getString("lead_id"), rs.getInt("position"), state,
                                rs.getInt("dials"), refusedAs != null ? refusedAs : rs.getString("last_outcome"),
                                refusedAs, rs.getString("refusal_reason"),
                                state.equals(LeadState.WAITING.wire()) ? CampaignRow.time(due) : null, calls, null);
                    }).list();
            if (rows.isEmpty()) {
                return Page.of(rows, page, r -> Integer.toString(r.position()));
            }
            record DialRow(String leadId, String callId, String verdict) {
            }
            List<DialRow> dials = h.createQuery("SELECT lead_id, call_id, verdict FROM voice_campaign_dials "
                            + "WHERE campaign_id = :c AND lead_id IN (<leads>) ORDER BY lead_id, attempt")
                    .bind("c", id).bindList("leads", rows.stream().map(LeadResult::leadId).toList())
                    .map((rs, ctx) -> new DialRow(rs.getString("lead_id"), rs.getString("call_id"),
                            rs.getString("verdict"))).list();
            List<LeadResult> full = rows.stream().map(r -> {
                List<String> calls = new ArrayList<>();
                CallStatus.VerdictSummary verdict = null;
                for (DialRow d : dials) {
                    if (d.leadId().equals(r.leadId())) {
                        if (d.callId() != null) {
                            calls.add(d.callId());
                        }
                        if (d.verdict() != null) {
                            verdict = CampaignRow.read(json, d.verdict(), CallStatus.VerdictSummary.class);
                        }
                    }
                }
                calls.addAll(r.callIds());
                return new LeadResult(r.leadId(), r.position(), r.state(), r.attempts(), r.latestOutcome(),
                        r.refusedAs(), r.refusalReason(), r.nextDueAt(), calls, verdict);
            }).toList();
            return Page.of(full, page, r -> Integer.toString(r.position()));
        });
    }

    CampaignRow find(Handle h, String workspaceId, String id) {
        return h.createQuery(CampaignRow.COLUMNS + "WHERE workspace_id = :ws AND id = :id")
                .bind("ws", workspaceId).bind("id", id).map(CampaignRow.mapper(json)).findOne()
                .orElseThrow(() -> new NotFound("campaign '" + id + "' not found"));
    }

    /**
     * Progress from the leads' stored standing (kept by the dialler through the core's
     * {@code LeadStanding}); a pending lead whose due time is still ahead counts as waiting.
     */
    CampaignProgress progress(Handle h, String campaignId) {
        long now = clock.millis();
        Map<LeadState, Integer> byState = new EnumMap<>(LeadState.class);
        for (LeadState s : LeadState.values()) {
            byState.put(s, 0);
        }
        Map<CallOutcome, Integer> byOutcome = new EnumMap<>(CallOutcome.class);
        for (CallOutcome o : CallOutcome.values()) {
            byOutcome.put(o, 0);
        }
        int[] total = {0};
        h.createQuery("""
                        SELECT state, CASE WHEN due_at > :now THEN 1 ELSE 0 END AS ahead,
                            COALESCE(refused_as, last_outcome) AS outcome, COUNT(*) AS n
                        FROM voice_campaign_leads WHERE campaign_id = :c
                        GROUP BY 1, 2, 3""")
                .bind("c", campaignId).bind("now", now)
                .map((rs, ctx) -> {
                    LeadState s = LeadState.valueOf(rs.getString("state").toUpperCase(java.util.Locale.ROOT));
                    if (s == LeadState.PENDING && rs.getInt("ahead") == 1) {
                        s = LeadState.WAITING;
                    }
                    int n = rs.getInt("n");
                    byState.merge(s, n, Integer::sum);
                    Optional.ofNullable(rs.getString("outcome")).flatMap(CallOutcome::fromWire)
                            .ifPresent(o -> byOutcome.merge(o, n, Integer::sum));
                    total[0] += n;
                    return n;
                }).list();
        return new CampaignProgress(total[0], byState, byOutcome);
    }
}
