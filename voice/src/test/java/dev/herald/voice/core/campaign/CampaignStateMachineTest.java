package dev.herald.voice.core.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.voice.core.call.CallOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CampaignStateMachineTest {

    @Test
    void legalTransitions_areExactlyTheDocumentedTable() {
        List<String> legal = new ArrayList<>();
        for (CampaignState from : CampaignState.values()) {
            for (CampaignTransition t : CampaignTransition.values()) {
                CampaignStateMachine.target(from, t).ifPresent(to -> legal.add(from.wire() + " -" + t + "-> " + to.wire()));
            }
        }
        assertThat(legal).containsExactlyInAnyOrder(
                "draft -SCHEDULE-> scheduled", "draft -START-> running", "draft -CANCEL-> cancelled",
                "scheduled -START-> running", "scheduled -CANCEL-> cancelled",
                "running -PAUSE-> paused", "running -COMPLETE-> completed", "running -CANCEL-> cancelled",
                "paused -RESUME-> running", "paused -CANCEL-> cancelled");
    }

    @Test
    void terminalStates_acceptNothing_andIllegalTransitionsSayWhy() {
        for (CampaignTransition t : CampaignTransition.values()) {
            assertThat(CampaignStateMachine.target(CampaignState.COMPLETED, t)).isEmpty();
            assertThat(CampaignStateMachine.target(CampaignState.CANCELLED, t)).isEmpty();
        }
        assertThatThrownBy(() -> CampaignStateMachine.apply(CampaignState.PAUSED, CampaignTransition.PAUSE))
                .isInstanceOf(IllegalTransitionException.class).hasMessage("cannot pause a paused campaign");
    }

    @Test
    void completing_requiresEveryLeadFinished() {
        Instant now = Instant.parse("2026-01-15T15:00:00Z");
        LeadHistory done = LeadHistory.fresh("a").with(Attempt.ended(now, now.plusSeconds(90), CallOutcome.QUALIFIED));
        LeadHistory pending = LeadHistory.fresh("b");
        RetryPolicy policy = RetryPolicy.defaults();

        assertThatThrownBy(() -> CampaignStateMachine.complete(CampaignState.RUNNING,
                CampaignProgress.of(List.of(done, pending), policy, now)))
                .isInstanceOf(IllegalTransitionException.class);
        assertThat(CampaignStateMachine.complete(CampaignState.RUNNING,
                CampaignProgress.of(List.of(done, pending.refused(CallOutcome.DO_NOT_CALL)), policy, now)))
                .isEqualTo(CampaignState.COMPLETED);
        assertThat(Optional.of(done)).isPresent();
    }
}
