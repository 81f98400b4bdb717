package dev.herald.voice.core.simulation;

import dev.herald.voice.core.call.CallEnd;
import dev.herald.voice.core.call.CallOutcome;
import dev.herald.voice.core.call.TranscriptTurn;
import dev.herald.voice.core.call.Verdict;
import dev.herald.voice.core.qualifier.RecordingConsent;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A finished simulated call: who, when (dialled, answered, ended), how it ended, the transcript and
 * tool decisions timed in ms from the answer, the verdict and summary.
 */
public record SimulatedCall(
        String leadId,
        Persona persona,
        Instant dialledAt,
        Optional<Instant> answeredAt,
        Instant endedAt,
        CallOutcome outcome,
        CallEnd end,
        List<TranscriptTurn> transcript,
        List<ToolEvent> toolEvents,
        Verdict verdict,
        String summary,
        RecordingConsent recording) {

    public SimulatedCall {
        Objects.requireNonNull(leadId, "leadId");
        transcript = List.copyOf(transcript);
        toolEvents = List.copyOf(toolEvents);
    }

    /** Talk time in ms (answer to end); zero for a call never answered. */
    public long durationMs() {
        return answeredAt.map(a -> endedAt.toEpochMilli() - a.toEpochMilli()).orElse(0L);
    }
}
