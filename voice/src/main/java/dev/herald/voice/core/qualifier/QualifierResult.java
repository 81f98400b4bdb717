package dev.herald.voice.core.qualifier;

import dev.herald.voice.core.call.CallEnd;
import dev.herald.voice.core.call.CallOutcome;
import dev.herald.voice.core.call.Verdict;
import java.util.Objects;

/** How the call came out, as the agent saw it: outcome, end, verdict, summary and recording consent. */
public record QualifierResult(CallOutcome outcome, CallEnd end, Verdict verdict, String summary, RecordingConsent recording) {
    public QualifierResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(recording, "recording");
    }
}
