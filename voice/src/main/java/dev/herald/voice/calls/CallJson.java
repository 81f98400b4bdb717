package dev.herald.voice.calls;

import dev.herald.voice.core.call.AnswerValue;
import dev.herald.voice.core.call.ExtractedAnswer;
import dev.herald.voice.core.call.FollowUpReason;
import dev.herald.voice.core.call.MeetingSlot;
import dev.herald.voice.core.call.TranscriptTurn;
import dev.herald.voice.core.call.Verdict;
import dev.herald.voice.core.qualifier.ToolResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of a call's transcript, verdict and tool results (snake_case, as stored and sent). */
public final class CallJson {
    private CallJson() {
    }

    public static List<Map<String, Object>> transcript(List<TranscriptTurn> turns) {
        return turns.stream().map(CallJson::turn).toList();
    }

    public static Map<String, Object> turn(TranscriptTurn t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("role", t.role().wire());
        m.put("text", t.text());
        m.put("start_ms", t.startMs());
        m.put("end_ms", t.endMs());
        m.put("interrupted", t.interrupted());
        return m;
    }

    /**
     * A final utterance's event: the turn, and how long signing and ingesting its atoms took on the
     * node ({@code governance_us}).
     */
    public static Map<String, Object> finalUtterance(TranscriptTurn t, long governanceMicros) {
        Map<String, Object> m = turn(t);
        m.put("governance_us", governanceMicros);
        return m;
    }

    /** A {@code turn.decision} event: the governed session's answer and how long it took ({@code latency_us}). */
    public static Map<String, Object> turnDecision(dev.herald.voice.governed.Decision d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("decision", d.wire());
        m.put("reason_code", d.reasonCode());
        m.put("reason", d.reason());
        m.put("latency_us", d.micros());
        return m;
    }

    public static Map<String, Object> verdict(Verdict v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("qualified", v.qualified());
        m.put("score", v.score());
        m.put("answers", answers(v.answers()));
        m.put("meeting", v.meeting().map(CallJson::slot).orElse(null));
        m.put("follow_up_reasons", v.followUps().stream().map(FollowUpReason::wire).toList());
        return m;
    }

    static Map<String, Object> answers(Map<String, ExtractedAnswer> answers) {
        Map<String, Object> out = new LinkedHashMap<>();
        answers.forEach((key, a) -> {
            Map<String, Object> m = new LinkedHashMap<>(value(a.value()));
            m.put("heard", a.heard());
            m.put("asks", a.asks());
            out.put(key, m);
        });
        return out;
    }

    static Map<String, Object> slot(MeetingSlot s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("start", s.start().toString());
        m.put("end", s.end().toString());
        m.put("time_zone", s.zone().getId());
        return m;
    }

    private static Map<String, Object> value(AnswerValue v) {
        Map<String, Object> m = new LinkedHashMap<>();
        switch (v) {
            case AnswerValue.Number n -> {
                m.put("type", "number");
                m.put("value", n.value().toPlainString());
            }
            case AnswerValue.Money money -> {
                m.put("type", "money");
                m.put("value", money.amount().toPlainString());
                m.put("currency", money.currency().getCurrencyCode());
                m.put("period", money.period().name().toLowerCase(java.util.Locale.ROOT));
            }
            case AnswerValue.YesNo y -> {
                m.put("type", "yes_no");
                m.put("value", y.yes());
            }
            case AnswerValue.Timeframe t -> {
                m.put("type", "timeframe");
                m.put("value", t.by().toString());
                m.put("days_from_call", t.daysFromCall());
            }
            case AnswerValue.NoTimeframe n -> m.put("type", "no_timeframe");
            case AnswerValue.Choice c -> {
                m.put("type", "choice");
                m.put("value", c.option());
            }
            case AnswerValue.Text t -> {
                m.put("type", "text");
                m.put("value", t.text());
            }
            case AnswerValue.Unknown u -> m.put("type", "unknown");
        }
        return m;
    }

    public static Map<String, Object> toolResult(ToolResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        switch (r) {
            case ToolResult.Denied d -> {
                m.put("type", "denied");
                m.put("reason", d.reason());
            }
            case ToolResult.Failed f -> {
                m.put("type", "failed");
                m.put("reason", f.reason());
            }
            case ToolResult.Done d -> m.put("type", "done");
            case ToolResult.LeadFound l -> {
                m.put("type", "lead_found");
                m.put("name", l.name().orElse(null));
                m.put("company", l.company().orElse(null));
            }
            case ToolResult.KnowledgeFound k -> {
                m.put("type", "knowledge_found");
                m.put("passage", k.passage().orElse(null));
            }
            case ToolResult.Availability a -> {
                m.put("type", "availability");
                m.put("slots", a.slots().stream().map(CallJson::slot).toList());
            }
            case ToolResult.Booked b -> {
                m.put("type", "booked");
                m.put("booking_id", b.bookingId());
                m.put("slot", slot(b.slot()));
            }
            case ToolResult.SlotTaken s -> m.put("type", "slot_taken");
        }
        return m;
    }
}
