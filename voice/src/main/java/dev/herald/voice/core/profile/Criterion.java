package dev.herald.voice.core.profile;

import java.util.Objects;

/**
 * A qualification criterion: the answer to {@code questionKey} must meet {@code condition}. Met
 * criteria add their {@code weight} to the score; a {@code required} criterion that is not met makes
 * the lead unqualified whatever the score.
 */
public record Criterion(String questionKey, Condition condition, int weight, boolean required) {
    public Criterion {
        Objects.requireNonNull(questionKey, "questionKey");
        Objects.requireNonNull(condition, "condition");
    }
}
