package dev.herald.voice.core.profile;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a call is for (e.g. {@code qualify_for_demo}): the questions in the order asked, the
 * criteria, the score (0..100, the met share of total weight) needed to qualify, how often a
 * question is asked before it is skipped, and the meeting offered to a qualified lead (empty: none).
 */
public record Objective(
        String key,
        List<Question> questions,
        List<Criterion> criteria,
        int passingScore,
        int maxAsks,
        Optional<Duration> meetingLength) {

    public Objective {
        Objects.requireNonNull(key, "key");
        questions = List.copyOf(questions);
        criteria = List.copyOf(criteria);
        Objects.requireNonNull(meetingLength, "meetingLength");
    }

    public Optional<Question> question(String questionKey) {
        return questions.stream().filter(q -> q.key().equals(questionKey)).findFirst();
    }
}
