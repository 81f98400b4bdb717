package dev.herald.voice.core.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.voice.core.call.CallOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DialSchedulerTest {
    private static final Instant T0 = Instant.parse("2026-01-15T15:00:00Z");
    private static final RetryPolicy POLICY = RetryPolicy.defaults();

    private static List<LeadHistory> fresh(int n) {
        List<LeadHistory> leads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            leads.add(LeadHistory.fresh("lead-" + i));
        }
        return leads;
    }

    @Test
    void freshCampaign_dialsUpToMaxConcurrent_spacedByThePacingGap() {
        DialPlan plan = DialScheduler.plan(fresh(10), new Pacing(3, 30), POLICY, T0);

        assertThat(plan.dials()).containsExactly(
                new ScheduledDial("lead-0", T0, 1),
                new ScheduledDial("lead-1", T0.plusSeconds(2), 1),
                new ScheduledDial("lead-2", T0.plusSeconds(4), 1));
        assertThat(plan.wakeAt()).contains(T0.plusSeconds(6));
        assertThat(plan.finished()).isFalse();
    }

    @Test
    void liveCallsUseSlots_andTheGapCountsFromTheLastDial() {
        List<LeadHistory> leads = fresh(5);
        leads.set(0, leads.get(0).with(Attempt.live(T0)));
        leads.set(1, leads.get(1).with(Attempt.live(T0.plusSeconds(1))));
        DialPlan plan = DialScheduler.plan(leads, new Pacing(3, 20), POLICY, T0.plusSeconds(2));

        assertThat(plan.dials()).containsExactly(new ScheduledDial("lead-2", T0.plusSeconds(4), 1));
    }

    @Test
    void allSlotsBusy_plansNothing_andWaitsForACallToEnd() {
        List<LeadHistory> leads = fresh(2);
        leads.set(0, leads.get(0).with(Attempt.live(T0)));
        DialPlan plan = DialScheduler.plan(leads, new Pacing(1, 60), POLICY, T0.plusSeconds(30));
        assertThat(plan.dials()).isEmpty();
        assertThat(plan.wakeAt()).isEmpty();
    }

    @Test
    void retries_followTheOutcomesRule_thenTheLeadIsExhausted() {
        Instant end = T0.plusSeconds(30);
        LeadHistory busyOnce = LeadHistory.fresh("busy").with(Attempt.ended(T0, end, CallOutcome.BUSY));

        DialPlan tooSoon = DialScheduler.plan(List.of(busyOnce), new Pacing(5, 60), POLICY, end.plusSeconds(60));
        assertThat(tooSoon.dials()).isEmpty();
        assertThat(tooSoon.wakeAt()).contains(end.plus(Duration.ofMinutes(15)));

        DialPlan due = DialScheduler.plan(List.of(busyOnce), new Pacing(5, 60), POLICY, end.plus(Duration.ofMinutes(15)));
        assertThat(due.dials()).containsExactly(new ScheduledDial("busy", end.plus(Duration.ofMinutes(15)), 2));

        LeadHistory voicemailTwice = LeadHistory.fresh("vm")
                .with(Attempt.ended(T0, end, CallOutcome.VOICEMAIL))
                .with(Attempt.ended(T0.plus(Duration.ofDays(1)), end.plus(Duration.ofDays(1)), CallOutcome.VOICEMAIL));
        DialPlan exhausted = DialScheduler.plan(List.of(voicemailTwice), new Pacing(5, 60), POLICY, T0.plus(Duration.ofDays(3)));
        assertThat(exhausted.dials()).isEmpty();
        assertThat(exhausted.finished()).isTrue();
        assertThat(CampaignProgress.of(List.of(voicemailTwice), POLICY, T0).count(LeadState.EXHAUSTED)).isEqualTo(1);
    }

    @Test
    void finalOutcomesAreNeverRetried_andAnOutcomeWithoutARuleIsExhausted() {
        LeadHistory qualified = LeadHistory.fresh("q").with(Attempt.ended(T0, T0.plusSeconds(200), CallOutcome.QUALIFIED));
        LeadHistory noAnswer = LeadHistory.fresh("n").with(Attempt.ended(T0, T0.plusSeconds(30), CallOutcome.NO_ANSWER));
        DialPlan plan = DialScheduler.plan(List.of(qualified, noAnswer), new Pacing(5, 60), RetryPolicy.never(),
                T0.plus(Duration.ofDays(2)));
        assertThat(plan.dials()).isEmpty();
        assertThat(plan.finished()).isTrue();
    }

    @Test
    void retriesDueEarlier_goFirst_thenFewerDials_thenListOrder() {
        LeadHistory retry = LeadHistory.fresh("retry")
                .with(Attempt.ended(T0.minus(Duration.ofHours(5)), T0.minus(Duration.ofHours(5)), CallOutcome.NO_ANSWER));
        List<LeadHistory> leads = List.of(LeadHistory.fresh("new-a"), retry, LeadHistory.fresh("new-b"));
        DialPlan plan = DialScheduler.plan(leads, new Pacing(3, 6000), POLICY, T0);
        assertThat(plan.dials()).extracting(ScheduledDial::leadId).containsExactly("retry", "new-a", "new-b");
    }

    @Test
    void complianceDeferral_holdsTheLeadUntilItsWindowOpens() {
        Instant opens = T0.plus(Duration.ofHours(3));
        DialPlan plan = DialScheduler.plan(List.of(LeadHistory.fresh("tz").deferredUntil(opens)),
                new Pacing(5, 60), POLICY, T0);
        assertThat(plan.dials()).isEmpty();
        assertThat(plan.wakeAt()).contains(opens);
        assertThat(CampaignProgress.of(List.of(LeadHistory.fresh("tz").deferredUntil(opens)), POLICY, T0)
                .count(LeadState.WAITING)).isEqualTo(1);
    }

    @Test
    void tenThousandLeads_drainAtTheConfiguredPace_withNoLeadDialledTwicePerAttempt() {
        List<LeadHistory> leads = fresh(10_000);
        Pacing pacing = new Pacing(50, 600);
        Instant now = T0;
        java.util.Set<String> dialled = new java.util.HashSet<>();
        List<Instant> dialTimes = new ArrayList<>();
        int rounds = 0;
        while (true) {
            DialPlan plan = DialScheduler.plan(leads, pacing, RetryPolicy.never(), now);
            if (plan.finished()) {
                break;
            }
            // Place the dials (each call lasts 20 s and is qualified), then end calls due by the next wake-up.
            java.util.Map<String, Integer> index = new java.util.HashMap<>();
            for (int i = 0; i < leads.size(); i++) {
                index.put(leads.get(i).leadId(), i);
            }
            for (ScheduledDial d : plan.dials()) {
                assertThat(dialled.add(d.leadId())).isTrue();
                dialTimes.add(d.at());
                int i = index.get(d.leadId());
                leads.set(i, leads.get(i).with(Attempt.live(d.at())));
            }
            long live = leads.stream().filter(l -> l.last().map(Attempt::live).orElse(false)).count();
            assertThat(live).isLessThanOrEqualTo(pacing.maxConcurrent());
            now = plan.wakeAt().orElse(now.plusSeconds(20));
            for (int i = 0; i < leads.size(); i++) {
                Optional<Attempt> last = leads.get(i).last();
                if (last.isPresent() && last.get().live() && !last.get().startedAt().plusSeconds(20).isAfter(now)) {
                    leads.set(i, leads.get(i).with(Attempt.ended(last.get().startedAt(),
                            last.get().startedAt().plusSeconds(20), CallOutcome.QUALIFIED)));
                }
            }
            assertThat(++rounds).isLessThan(20_000);
        }
        assertThat(dialled).hasSize(10_000);
        // Dials are spread evenly: never closer than 60 s / 600 = 100 ms.
        for (int i = 1; i < dialTimes.size(); i++) {
            assertThat(Duration.between(dialTimes.get(i - 1), dialTimes.get(i))).isGreaterThanOrEqualTo(pacing.gap());
        }
        CampaignProgress progress = CampaignProgress.of(leads, RetryPolicy.never(), now);
        assertThat(progress.count(LeadState.DONE)).isEqualTo(10_000);
        assertThat(progress.byOutcome()).containsEntry(CallOutcome.QUALIFIED, 10_000);
    }

    @Test
    void invalidSettings_areRefused() {
        assertThatThrownBy(() -> new Pacing(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(Map.of(CallOutcome.QUALIFIED, new RetryRule(2, Duration.ZERO))))
                .hasMessageContaining("qualified cannot be retried");
        assertThatThrownBy(() -> new RetryRule(0, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
