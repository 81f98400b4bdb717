package dev.herald.voice.campaigns;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.platform.store.Database;
import dev.herald.platform.webhooks.WebhookService;
import dev.herald.voice.core.call.CallOutcome;
import dev.herald.voice.core.campaign.CampaignProgress;
import dev.herald.voice.core.campaign.CampaignState;
import dev.herald.voice.core.campaign.CampaignStateMachine;
import dev.herald.voice.core.campaign.DialPlan;
import dev.herald.voice.core.campaign.DialScheduler;
import dev.herald.voice.core.campaign.LeadHistory;
import dev.herald.voice.core.campaign.LeadStanding;
import dev.herald.voice.core.campaign.LeadState;
import dev.herald.voice.core.campaign.RetryPolicy;
import dev.herald.voice.core.campaign.ScheduledDial;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One look at one campaign by the node holding its lease: start it when its time came, settle
 * dials a crashed holder left unconfirmed, collect the outcomes of live calls, keep every lead's
 * standing, place the dials {@link DialScheduler} says are due now, and complete the campaign when
 * every lead is finished. Answers when the campaign wants looking at again (null: not until
 * something changes it).
 *
 * <p>Never twice: each dial is recorded as {@code reserved} before it is placed, by an insert that
 * only succeeds while this node holds the lease and the campaign runs; the (campaign, lead,
 * attempt) key makes a second reservation impossible. A reservation left unconfirmed (the node
 * died between recording and placing, or while placing) is placed again under the same
 * idempotency key, which the {@link CallPlacer} answers with the call already made, if any.
 */
final class DialRound {
    private static final Logger log = LoggerFactory.getLogger(DialRound.class);
    /** How long a campaign with nothing scheduled waits before a look anyway. */
    static final Duration IDLE_LOOK = Duration.ofSeconds(60);
    /** How long one round may keep placing paced dials (well inside the lease). */
    static final Duration BUSY_ROUND = Duration.ofSeconds(2);
    /** The longest wait for a dial's slot inside a round; a later slot is the next look's. */
    static final Duration BUSY_WAIT = Duration.ofMillis(250);

    private final Database db;
    private final ObjectMapper json;
    private final Clock clock;
    private final CallPlacer placer;
    private final WebhookService webhooks;
    private final String node;
    private final Duration pollInterval;
    private CampaignRow campaign;
    private CampaignLeads all;
    private boolean stalled;

    DialRound(Database db, ObjectMapper json, Clock clock, CallPlacer placer, WebhookService webhooks, String node,
              Duration pollInterval) {
        this.db = db;
        this.json = json;
        this.clock = clock;
        this.placer = placer;
        this.webhooks = webhooks;
        this.node = node;
        this.pollInterval = pollInterval;
    }

    /** The campaign's state as this round last saw it (after starting or completing it), or null. */
    String stateSeen() {
        return campaign == null ? null : campaign.state().wire();
    }

    /** Works campaign {@code id} (its lease held by this node); returns the next look's time, or null. */
    Long run(String id) {
        campaign = db.read(h -> h.createQuery(CampaignRow.COLUMNS + "WHERE id = :id").bind("id", id)
                .map(CampaignRow.mapper(json)).one());
        Instant now = clock.instant();
        if (campaign.state() == CampaignState.SCHEDULED) {
            if (campaign.startAt() != null && campaign.startAt() > now.toEpochMilli()) {
                return campaign.startAt();
            }
            start();
        }
        all = db.read(h -> CampaignLeads.load(h, id));
        for (CampaignLeads.DialRow reserved : all.withStatus("reserved")) {
            if (campaign.state() == CampaignState.RUNNING && !stalled) {
                place(reserved.leadId(), reserved.attempt(), reserved);
            } else {
                unreserve(reserved);
            }
        }
        collectOutcomes();
        RetryPolicy policy = campaign.retry();
        List<LeadHistory> histories = all.histories();
        DialPlan plan = DialScheduler.plan(histories, campaign.pacing(), policy, clock.instant());
        Optional<Instant> nextDial = Optional.empty();
        if (campaign.state() == CampaignState.RUNNING) {
            long roundEnds = clock.millis() + BUSY_ROUND.toMillis();
            for (ScheduledDial dial : plan.dials()) {
                // Rounded up: the clock may be finer than a millisecond, and waking early would end the look.
                long wait = Math.ceilDiv(Duration.between(clock.instant(), dial.at()).toNanos(), 1_000_000L);
                // A fast pace keeps the round placing dials at their slots for a while, rather than
                // ending it after one dial and paying a whole new look (every lead read) per dial.
                if (stalled || (wait > 0 && (wait > BUSY_WAIT.toMillis() || clock.millis() + wait > roundEnds))) {
                    nextDial = Optional.of(dial.at());
                    break;
                }
                if (wait > 0 && (!pause(wait) || dial.at().isAfter(clock.instant()))) {
                    nextDial = Optional.of(dial.at()); // interrupted, or a clock that does not run with real time
                    break;
                }
                place(dial.leadId(), dial.attempt(), null);
            }
            histories = all.histories();
        }
        keepStandings(histories, policy);
        CampaignProgress progress = CampaignProgress.of(histories, policy, clock.instant());
        if (campaign.state() == CampaignState.RUNNING && progress.finished() && !all.anyOpen() && !stalled) {
            complete(progress);
            campaign = db.read(h -> h.createQuery(CampaignRow.COLUMNS + "WHERE id = :id").bind("id", id)
                    .map(CampaignRow.mapper(json)).one());
            return null;
        }
        return nextLook(plan, nextDial);
    }

    /** Waits for a dial's slot in real time; false when interrupted (the node is stopping). */
    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Long nextLook(DialPlan plan, Optional<Instant> nextDial) {
        long now = clock.millis();
        boolean open = all.anyOpen();
        if (campaign.state() != CampaignState.RUNNING) {
            return open ? now + pollInterval.toMillis() : null; // paused or cancelled: only live calls to follow
        }
        long next = now + IDLE_LOOK.toMillis();
        if (open || stalled) {
            next = Math.min(next, now + pollInterval.toMillis());
        }
        for (Optional<Instant> t : List.of(plan.wakeAt(), nextDial)) {
            if (t.isPresent()) {
                next = Math.min(next, Math.max(now, t.get().toEpochMilli()));
            }
        }
        return next;
    }

    private void start() {
        CampaignState running = CampaignStateMachine.apply(CampaignState.SCHEDULED,
                dev.herald.voice.core.campaign.CampaignTransition.START);
        db.write(h -> h.createUpdate("UPDATE voice_campaigns SET state = :to, updated_at = :now "
                        + "WHERE id = :id AND state = 'scheduled' AND lease_owner = :me")
                .bind("to", running.wire()).bind("now", clock.millis()).bind("id", campaign.id()).bind("me", node)
                .execute());
        campaign = db.read(h -> h.createQuery(CampaignRow.COLUMNS + "WHERE id = :id").bind("id", campaign.id())
                .map(CampaignRow.mapper(json)).one());
    }

    /** Asks the placer how the live calls stand, in one look, and records those that ended. */
    private void collectOutcomes() {
        List<CampaignLeads.DialRow> live = all.withStatus("live");
        if (live.isEmpty()) {
            return;
        }
        Map<String, CallStatus> statuses = placer.statuses(campaign.workspaceId(),
                live.stream().map(CampaignLeads.DialRow::callId).toList());
        List<CampaignLeads.DialRow> ended = new java.util.ArrayList<>();
        for (CampaignLeads.DialRow row : live) {
            if (statuses.get(row.callId()) instanceof CallStatus.Ended e) {
                ended.add(new CampaignLeads.DialRow(row.leadId(), row.attempt(), "ended", row.callId(),
                        row.reservedAt(), e.endedAt().toEpochMilli(), e.outcome().wire()));
            }
        }
        if (ended.isEmpty()) {
            return;
        }
        db.write(h -> {
            PreparedBatch batch = h.prepareBatch("""
                    UPDATE voice_campaign_dials SET status = 'ended', ended_at = :at, outcome = :o, verdict = :v
                    WHERE campaign_id = :c AND lead_id = :lead AND attempt = :n AND status = 'live'""");
            for (CampaignLeads.DialRow row : ended) {
                CallStatus.Ended e = (CallStatus.Ended) statuses.get(row.callId());
                batch.bind("at", row.endedAt()).bind("o", row.outcome())
                        .bind("v", CampaignLeads.verdictJson(json, e.verdict())).bind("c", campaign.id())
                        .bind("lead", row.leadId()).bind("n", row.attempt()).add();
            }
            return batch.execute();
        });
        for (CampaignLeads.DialRow row : ended) {
            all.replace(live.stream().filter(r -> r.callId().equals(row.callId())).findFirst().orElseThrow(), row);
        }
    }

    /**
     * Places attempt {@code attempt} of {@code leadId}: records it first (unless {@code reserved},
     * an earlier unconfirmed record), then asks the placer, then records what came of it.
     */
    private void place(String leadId, int attempt, CampaignLeads.DialRow reserved) {
        CampaignLeads.DialRow row = reserved;
        if (row == null) {
            long now = clock.millis();
            boolean recorded = db.write(h -> reserve(h, leadId, attempt, now));
            if (!recorded) {
                stalled = true; // lease lost or the campaign paused meanwhile: no more dials this round
                return;
            }
            row = new CampaignLeads.DialRow(leadId, attempt, "reserved", null, now, null, null);
            all.add(row);
        }
        Dial dial = new Dial(campaign.id(), leadId, attempt, campaign.profileId(), campaign.objective(),
                campaign.calendarConnectorId(), campaign.compliance());
        PlacedCall placed;
        try {
            placed = placer.place(campaign.workspaceId(), dial);
        } catch (RuntimeException e) {
            // The reservation stays: the next round (on any node) places it again under the same key.
            log.warn("placing {} failed; retried on the next look: {}", dial.idempotencyKey(), e.toString());
            stalled = true;
            return;
        }
        CampaignLeads.DialRow placedRow = row;
        switch (placed) {
            case PlacedCall.Dialled d -> {
                db.write(h -> {
                    h.createUpdate("UPDATE voice_campaign_dials SET status = 'live', call_id = :call "
                                    + "WHERE campaign_id = :c AND lead_id = :lead AND attempt = :n AND status = 'reserved'")
                            .bind("call", d.callId()).bind("c", campaign.id()).bind("lead", leadId).bind("n", attempt)
                            .execute();
                    return h.createUpdate("UPDATE voice_campaigns SET dials_placed = dials_placed + 1 WHERE id = :c")
                            .bind("c", campaign.id()).execute();
                });
                all.replace(placedRow, new CampaignLeads.DialRow(leadId, attempt, "live", d.callId(),
                        placedRow.reservedAt(), null, null));
                CampaignLeads.Lead lead = all.leads.get(leadId);
                if (lead.refusalReason() != null) { // an earlier deferral's reason no longer holds
                    all.update(new CampaignLeads.Lead(leadId, lead.position(), lead.state(), lead.dials(), lead.dueAt(),
                            lead.notBefore(), lead.lastOutcome(), lead.lastCallId(), lead.refusedAs(), null));
                }
            }
            case PlacedCall.Refused r -> {
                dropReservation(placedRow);
                CampaignLeads.Lead lead = all.leads.get(leadId);
                all.update(new CampaignLeads.Lead(leadId, lead.position(), lead.state(), lead.dials(), lead.dueAt(),
                        lead.notBefore(), lead.lastOutcome(), r.callId(), r.recordedAs().wire(), r.reason()));
            }
            case PlacedCall.Deferred d -> {
                dropReservation(placedRow);
                if (d.until().isPresent()) {
                    CampaignLeads.Lead lead = all.leads.get(leadId);
                    all.update(new CampaignLeads.Lead(leadId, lead.position(), lead.state(), lead.dials(), lead.dueAt(),
                            d.until().get().toEpochMilli(), lead.lastOutcome(), lead.lastCallId(), null, d.reason()));
                } else {
                    stalled = true; // a concurrency limit: later dials would meet it too
                }
            }
        }
    }

    private boolean reserve(Handle h, String leadId, int attempt, long now) {
        int inserted = h.createUpdate("""
                        INSERT INTO voice_campaign_dials (campaign_id, lead_id, attempt, status, node, reserved_at)
                        SELECT :c, :lead, :n, 'reserved', :me, :now FROM voice_campaigns
                        WHERE id = :c AND state = 'running' AND lease_owner = :me AND lease_until > :now""")
                .bind("c", campaign.id()).bind("lead", leadId).bind("n", attempt).bind("me", node).bind("now", now)
                .execute();
        if (inserted == 1) {
            h.createUpdate("UPDATE voice_campaign_leads SET state = 'dialling', dials = :n, updated_at = :now "
                            + "WHERE campaign_id = :c AND lead_id = :lead")
                    .bind("n", attempt).bind("now", now).bind("c", campaign.id()).bind("lead", leadId).execute();
        }
        return inserted == 1;
    }

    private void dropReservation(CampaignLeads.DialRow row) {
        db.write(h -> holdsLease(h, clock.millis()) ? h.createUpdate("DELETE FROM voice_campaign_dials WHERE campaign_id = :c AND lead_id = :lead "
                        + "AND attempt = :n AND status = 'reserved'")
                .bind("c", campaign.id()).bind("lead", row.leadId()).bind("n", row.attempt()).execute() : 0);
        all.remove(row);
    }

    /** A reservation of a campaign that no longer runs is withdrawn: pausing stops new dials. */
    private void unreserve(CampaignLeads.DialRow row) {
        dropReservation(row);
    }

    /** Writes each lead's standing (state, due time, dials, latest outcome and call) where it changed. */
    private void keepStandings(List<LeadHistory> histories, RetryPolicy policy) {
        Instant now = clock.instant();
        Map<String, CampaignLeads.Lead> changed = new LinkedHashMap<>();
        for (LeadHistory history : histories) {
            LeadStanding standing = LeadStanding.of(history, policy, now);
            CampaignLeads.Lead lead = all.leads.get(history.leadId());
            List<CampaignLeads.DialRow> dials = all.dials.get(history.leadId());
            String state = standing.state() == LeadState.WAITING ? LeadState.PENDING.wire() : standing.state().wire();
            // A lead never dialled is due "now" (or when its window opens): keep that as its deferral
            // alone, or every look would rewrite every pending lead of a 10,000-lead campaign.
            Long due = null;
            if (standing.dueAt().isPresent()) {
                due = history.attempts().isEmpty() ? lead.notBefore() : Long.valueOf(standing.dueAt().get().toEpochMilli());
            }
            String lastOutcome = history.attempts().reversed().stream().flatMap(a -> a.outcome().stream())
                    .map(CallOutcome::wire).findFirst().orElse(null);
            String lastCall = lead.refusedAs() != null ? lead.lastCallId() : dials.reversed().stream()
                    .map(CampaignLeads.DialRow::callId).filter(c -> c != null).findFirst().orElse(lead.lastCallId());
            CampaignLeads.Lead now2 = new CampaignLeads.Lead(lead.leadId(), lead.position(), state, dials.size(),
                    due, lead.notBefore(), lastOutcome, lastCall, lead.refusedAs(), lead.refusalReason());
            if (!now2.equals(lead)) {
                changed.put(lead.leadId(), now2);
                all.update(now2);
            }
        }
        if (changed.isEmpty()) {
            return;
        }
        long at = now.toEpochMilli();
        db.write(h -> {
            if (!holdsLease(h, at)) {
                return 0; // the lease ran out mid-round: another node works the campaign from its own reading
            }
            PreparedBatch batch = h.prepareBatch("""
                    UPDATE voice_campaign_leads SET state = :state, dials = :dials, due_at = :due, not_before = :nb,
                        last_outcome = :outcome, last_call_id = :call, refused_as = :refused, refusal_reason = :reason,
                        updated_at = :at WHERE campaign_id = :c AND lead_id = :lead""");
            for (CampaignLeads.Lead l : changed.values()) {
                batch.bind("state", l.state()).bind("dials", l.dials()).bind("due", l.dueAt())
                        .bind("nb", l.notBefore()).bind("outcome", l.lastOutcome()).bind("call", l.lastCallId())
                        .bind("refused", l.refusedAs()).bind("reason", l.refusalReason()).bind("at", at)
                        .bind("c", campaign.id()).bind("lead", l.leadId()).add();
            }
            return batch.execute();
        });
    }

    private boolean holdsLease(Handle h, long now) {
        return h.createQuery("SELECT COUNT(*) FROM voice_campaigns WHERE id = :c AND lease_owner = :me AND lease_until > :now")
                .bind("c", campaign.id()).bind("me", node).bind("now", now).mapTo(Integer.class).one() == 1;
    }

    /** Completes the campaign and queues {@code campaign.completed} in the same transaction, once. */
    private void complete(CampaignProgress progress) {
        CampaignState completed = CampaignStateMachine.complete(campaign.state(), progress);
        long now = clock.millis();
        db.write(h -> {
            int changed = h.createUpdate("UPDATE voice_campaigns SET state = :to, completed_at = :now, updated_at = :now, "
                            + "next_wake_at = NULL WHERE id = :id AND state = 'running' AND lease_owner = :me "
                            + "AND lease_until > :now")
                    .bind("to", completed.wire()).bind("now", now).bind("id", campaign.id()).bind("me", node).execute();
            if (changed == 1) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("campaign_id", campaign.id());
                data.put("name", campaign.name());
                data.put("objective", campaign.objective());
                data.put("profile_id", campaign.profileId());
                data.put("completed_at", Instant.ofEpochMilli(now).toString());
                data.put("progress", Campaign.Progress.of(progress));
                webhooks.enqueue(h, campaign.workspaceId(), null, CampaignService.COMPLETED_EVENT, data);
            }
            return null;
        });
    }
}
