package dev.herald.voice.core.qualifier;

import dev.herald.voice.core.call.CallOutcome;
import dev.herald.voice.core.call.ExtractedAnswer;
import dev.herald.voice.core.call.FollowUpReason;
import dev.herald.voice.core.call.Verdict;
import dev.herald.voice.core.profile.Objective;
import java.util.stream.Collectors;

/** The call summary written to the lead: who, consent, each answer, the verdict, the meeting and follow-ups. */
final class Summary {
    private Summary() {}

    static String of(CallContext context, Objective objective, CallOutcome outcome, Verdict verdict, RecordingConsent recording) {
        StringBuilder out = new StringBuilder("Call with ")
                .append(context.leadName().orElse("an unnamed lead"))
                .append(context.company().map(c -> " (" + c + ")").orElse(""))
                .append(" for ").append(objective.key()).append(". ");
        out.append("Outcome: ").append(outcome.wire()).append(". ");
        out.append("Recording: ").append(recording.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')).append(". ");
        if (verdict.answers().isEmpty()) {
            out.append("No questions were answered. ");
        } else {
            out.append("Answered ").append(verdict.answers().size()).append(" of ").append(objective.questions().size())
                    .append(": ");
            out.append(verdict.answers().values().stream()
                    .map(a -> a.questionKey().replace('_', ' ') + " " + Phrases.value(a.value()) + asks(a))
                    .collect(Collectors.joining("; ")));
            out.append(". ");
        }
        out.append("Score ").append(verdict.score()).append("/100, ")
                .append(verdict.qualified() ? "qualified" : "not qualified").append(". ");
        verdict.meeting().ifPresent(m -> out.append("Meeting booked for ").append(Phrases.slot(m)).append(". "));
        if (!verdict.followUps().isEmpty()) {
            out.append("Follow up: ").append(verdict.followUps().stream().map(FollowUpReason::wire)
                    .collect(Collectors.joining(", "))).append('.');
        }
        return out.toString().strip();
    }

    private static String asks(ExtractedAnswer a) {
        return a.asks() > 1 ? " (asked " + a.asks() + " times)" : "";
    }
}
