package dev.herald.voice.core.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallRecordsTest {

    @Test
    void outcomes_haveTheIssuesWireNames_andRoundTrip() {
        assertThat(List.of(CallOutcome.values())).extracting(CallOutcome::wire).containsExactly(
                "qualified", "unqualified", "no_answer", "voicemail", "busy", "failed", "do_not_call", "outside_calling_hours");
        for (CallOutcome o : CallOutcome.values()) {
            assertThat(CallOutcome.fromWire(o.wire())).contains(o);
        }
        for (EndReason r : EndReason.values()) {
            assertThat(EndReason.fromWire(r.wire())).contains(r);
        }
        assertThat(CallOutcome.fromWire("no-answer")).isEmpty();
        assertThat(CallOutcome.QUALIFIED.connected()).isTrue();
        assertThat(CallOutcome.BUSY.connected()).isFalse();
    }

    @Test
    void callEnd_keepsTheProvidersRawCode() {
        assertThat(CallEnd.of(EndReason.BUSY, "sip:486").providerCode()).contains("sip:486");
        assertThatThrownBy(() -> CallEnd.of(EndReason.BUSY, " ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void transcriptTurns_mustNotEndBeforeTheyStart() {
        assertThat(new TranscriptTurn(Role.USER, "hi", 100, 400).durationMs()).isEqualTo(300);
        assertThatThrownBy(() -> new TranscriptTurn(Role.AGENT, "x", 500, 400)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TranscriptTurn(Role.AGENT, "x", -1, 4)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void numericAnswers_compareByValue() {
        assertThat(new AnswerValue.Number(new BigDecimal("1.2E+2"))).isEqualTo(new AnswerValue.Number(new BigDecimal("120.00")));
    }

    @Test
    void verdict_checksItsScore_andCopiesItsCollections() {
        assertThatThrownBy(() -> new Verdict(true, 101, Map.of(), Optional.empty(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        var slot = new MeetingSlot(Instant.parse("2026-01-16T15:00:00Z"), Instant.parse("2026-01-16T15:30:00Z"), ZoneId.of("UTC"));
        var answers = new java.util.LinkedHashMap<String, ExtractedAnswer>();
        answers.put("b", new ExtractedAnswer("b", new AnswerValue.YesNo(true), "yes", 1));
        answers.put("a", new ExtractedAnswer("a", new AnswerValue.Unknown(), "dunno", 2));
        Verdict v = new Verdict(true, 80, answers, Optional.of(slot), List.of(FollowUpReason.SEND_INFORMATION));
        answers.clear();
        assertThat(v.answers()).containsOnlyKeys("b", "a");
        assertThat(v.answers().keySet()).containsExactly("b", "a");
        assertThatThrownBy(() -> new MeetingSlot(slot.end(), slot.start(), slot.zone())).isInstanceOf(IllegalArgumentException.class);
    }
}
