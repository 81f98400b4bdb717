package dev.herald.voice.core.call;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the qualifier concluded: qualified or not, a 0..100 score against the objective's criteria,
 * the extracted answers by question key (in the order asked), the booked meeting if any, and why
 * someone should follow up.
 */
public record Verdict(
        boolean qualified,
        int score,
        Map<String, ExtractedAnswer> answers,
        Optional<MeetingSlot> meeting,
        List<FollowUpReason> followUps) {

    public Verdict {
        if (score < 0 || score > 100) {
            throw new IllegalArgumentException("score must be 0..100, got " + score);
        }
        answers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(answers)));
        Objects.requireNonNull(meeting, "meeting");
        followUps = List.copyOf(followUps);
    }

    /** The verdict of a call that never connected (no answer, busy, refused...). */
    public static Verdict notReached(List<FollowUpReason> followUps) {
        return new Verdict(false, 0, Map.of(), Optional.empty(), followUps);
    }
}
