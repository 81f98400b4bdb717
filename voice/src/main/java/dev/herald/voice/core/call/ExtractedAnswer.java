package dev.herald.voice.core.call;

import java.util.Objects;

/** A question's answer: the value, the callee's words it came from, and how many asks it took. */
public record ExtractedAnswer(String questionKey, AnswerValue value, String heard, int asks) {
    public ExtractedAnswer {
        Objects.requireNonNull(questionKey, "questionKey");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(heard, "heard");
        if (asks < 1) {
            throw new IllegalArgumentException("asks must be >= 1");
        }
    }
}
