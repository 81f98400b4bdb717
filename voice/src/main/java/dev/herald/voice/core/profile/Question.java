package dev.herald.voice.core.profile;

import java.util.Objects;

/**
 * One question of an objective.
 *
 * @param key           stable key the answer is stored under ({@code [a-z][a-z0-9_]*})
 * @param prompt        how the agent asks it
 * @param clarification how the agent rephrases it when the callee is unsure what is meant or the
 *                      first answer could not be understood
 * @param rule          how the answer is extracted
 */
public record Question(String key, String prompt, String clarification, AnswerRule rule) {
    public Question {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(clarification, "clarification");
        Objects.requireNonNull(rule, "rule");
    }
}
