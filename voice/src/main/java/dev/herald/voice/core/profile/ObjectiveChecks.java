package dev.herald.voice.core.profile;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The objective part of {@link ProfileValidator}: questions, rules, criteria and needed tools. */
final class ObjectiveChecks {
    private ObjectiveChecks() {}

    static void check(List<FieldError> errors, String at, Objective o, Set<Tool> tools) {
        if (o.questions().isEmpty()) {
            errors.add(new FieldError(at + ".questions", ProfileErrorReason.REQUIRED, "at least one question"));
        }
        if (o.questions().size() > ProfileValidator.MAX_QUESTIONS) {
            errors.add(new FieldError(at + ".questions", ProfileErrorReason.OUT_OF_RANGE,
                    "at most " + ProfileValidator.MAX_QUESTIONS + " questions"));
        }
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < o.questions().size(); i++) {
            Question q = o.questions().get(i);
            String qa = at + ".questions[" + i + "]";
            ProfileValidator.key(errors, qa + ".key", q.key(), keys);
            ProfileValidator.text(errors, qa + ".prompt", q.prompt(), ProfileValidator.MAX_LINE);
            ProfileValidator.text(errors, qa + ".clarification", q.clarification(), ProfileValidator.MAX_LINE);
            rule(errors, qa + ".rule", q.rule());
        }
        ProfileValidator.range(errors, at + ".passing_score", o.passingScore(), 0, 100);
        ProfileValidator.range(errors, at + ".max_asks", o.maxAsks(), 1, 5);
        int totalWeight = 0;
        for (int i = 0; i < o.criteria().size(); i++) {
            Criterion c = o.criteria().get(i);
            String ca = at + ".criteria[" + i + "]";
            ProfileValidator.range(errors, ca + ".weight", c.weight(), 0, 100);
            totalWeight += Math.max(0, c.weight());
            Optional<Question> q = o.question(c.questionKey());
            if (q.isEmpty()) {
                errors.add(new FieldError(ca + ".question", ProfileErrorReason.UNKNOWN_QUESTION,
                        "no question with key '" + c.questionKey() + "'"));
            } else if (!fits(c.condition(), q.get().rule())) {
                errors.add(new FieldError(ca + ".condition", ProfileErrorReason.CONDITION_MISMATCH,
                        "does not apply to the question's answer rule"));
            }
        }
        if (o.criteria().isEmpty() || totalWeight == 0) {
            errors.add(new FieldError(at + ".criteria", ProfileErrorReason.REQUIRED, "at least one weighted criterion"));
        }
        o.meetingLength().ifPresent(length -> {
            ProfileValidator.range(errors, at + ".meeting_minutes", length.toMinutes(), 5, 240);
            for (Tool needed : List.of(Tool.CHECK_AVAILABILITY, Tool.BOOK_MEETING)) {
                if (!tools.contains(needed)) {
                    errors.add(new FieldError("tools", ProfileErrorReason.TOOL_NOT_ENABLED,
                            at + " offers a meeting, which needs " + needed.wire()));
                }
            }
        });
    }

    private static void rule(List<FieldError> errors, String at, AnswerRule rule) {
        switch (rule) {
            case AnswerRule.NumberRule n -> {
                if (n.min().isPresent() && n.max().isPresent() && n.min().get().compareTo(n.max().get()) > 0) {
                    errors.add(new FieldError(at + ".min", ProfileErrorReason.OUT_OF_RANGE, "min is above max"));
                }
            }
            case AnswerRule.ChoiceRule c -> {
                if (c.options().isEmpty() || c.options().size() > ProfileValidator.MAX_OPTIONS) {
                    errors.add(new FieldError(at + ".options", ProfileErrorReason.OUT_OF_RANGE,
                            "1.." + ProfileValidator.MAX_OPTIONS + " options"));
                }
                Set<String> seen = new HashSet<>();
                c.options().keySet().forEach(k -> ProfileValidator.key(errors, at + ".options." + k, k, seen));
            }
            case AnswerRule.TextRule t -> ProfileValidator.range(errors, at + ".min_words", t.minWords(), 1, 50);
            case AnswerRule.MoneyRule m -> { }
            case AnswerRule.YesNoRule y -> { }
            case AnswerRule.TimeframeRule t -> { }
        }
    }

    private static boolean fits(Condition condition, AnswerRule rule) {
        boolean quantity = rule instanceof AnswerRule.NumberRule || rule instanceof AnswerRule.MoneyRule;
        return switch (condition) {
            case Condition.AtLeast a -> quantity;
            case Condition.AtMost a -> quantity;
            case Condition.Is i -> rule instanceof AnswerRule.YesNoRule;
            case Condition.OneOf one -> rule instanceof AnswerRule.ChoiceRule c && c.options().keySet().containsAll(one.options());
            case Condition.WithinDays w -> rule instanceof AnswerRule.TimeframeRule && w.days() > 0;
            case Condition.Answered a -> true;
        };
    }
}
