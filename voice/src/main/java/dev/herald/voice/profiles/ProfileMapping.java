package dev.herald.voice.profiles;

import dev.herald.platform.domain.FieldError;
import dev.herald.platform.domain.Invalid;
import dev.herald.voice.core.profile.AnswerRule;
import dev.herald.voice.core.profile.Condition;
import dev.herald.voice.core.profile.Criterion;
import dev.herald.voice.core.profile.Objective;
import dev.herald.voice.core.profile.ProfilePatch;
import dev.herald.voice.core.profile.Provider;
import dev.herald.voice.core.profile.Question;
import dev.herald.voice.core.profile.Tool;
import dev.herald.voice.core.profile.TurnDetection;
import dev.herald.voice.core.profile.VoiceProfile;
import dev.herald.voice.profiles.ProfileWire.ConditionWire;
import dev.herald.voice.profiles.ProfileWire.CriterionWire;
import dev.herald.voice.profiles.ProfileWire.ObjectiveWire;
import dev.herald.voice.profiles.ProfileWire.QuestionWire;
import dev.herald.voice.profiles.ProfileWire.RuleWire;
import dev.herald.voice.profiles.ProfileWire.TurnDetectionWire;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Converts between {@link ProfileWire} and the core's profile types. Reading collects every
 * structural error (a missing member, an unknown enum value) with its path before failing;
 * what the values mean is then the core {@code ProfileValidator}'s to judge. Stateless.
 */
public final class ProfileMapping {
    static final int DEFAULT_MAX_ASKS = 2;

    private ProfileMapping() {}

    /** A merge patch from a body: absent (null) members are kept; the rest must convert cleanly. */
    public static ProfilePatch patch(ProfileWire w) {
        List<FieldError> errors = new ArrayList<>();
        ProfilePatch p = new ProfilePatch(
                Optional.ofNullable(w.name()), Optional.ofNullable(w.agentName()), Optional.ofNullable(w.systemPrompt()),
                Optional.ofNullable(w.voice()), Optional.ofNullable(w.language()), Optional.ofNullable(w.greeting()),
                Optional.ofNullable(w.aiDisclosure()), Optional.ofNullable(w.recordingConsentPrompt()),
                Optional.ofNullable(w.objectives()).map(list -> objectives(errors, list)),
                Optional.ofNullable(w.tools()).map(list -> tools(errors, list)),
                Optional.ofNullable(w.provider()).map(v -> provider(errors, v)),
                Optional.ofNullable(w.turnDetection()).map(t -> turnDetection(errors, t)));
        if (!errors.isEmpty()) {
            throw new Invalid(errors);
        }
        return p;
    }

    /** A stored document back to a profile at {@code version}; a stored profile always converts. */
    static VoiceProfile profile(ProfileWire w, int version) {
        ProfilePatch p;
        try {
            p = patch(w);
        } catch (Invalid e) {
            throw new IllegalStateException("stored profile does not convert: " + e.getMessage(), e);
        }
        return new VoiceProfile(w.name(), version, w.agentName(), w.systemPrompt(), w.voice(), w.language(),
                w.greeting(), w.aiDisclosure(), w.recordingConsentPrompt(), p.objectives().orElseThrow(),
                p.tools().orElseThrow(), p.provider().orElseThrow(), p.turnDetection().orElseThrow());
    }

    public static ProfileWire wire(VoiceProfile p) {
        List<String> tools = Arrays.stream(Tool.values()).filter(p.tools()::contains).map(Tool::wire).toList();
        TurnDetection td = p.turnDetection();
        return new ProfileWire(p.name(), p.agentName(), p.systemPrompt(), p.voice(), p.language(), p.greeting(),
                p.aiDisclosure(), p.recordingConsentPrompt(), p.objectives().stream().map(ProfileMapping::wire).toList(),
                tools, p.provider().wire(), new TurnDetectionWire(td.mode().name().toLowerCase(Locale.ROOT),
                td.silenceMs(), td.prefixPaddingMs(), td.threshold(), td.allowInterruptions()));
    }

    private static ObjectiveWire wire(Objective o) {
        return new ObjectiveWire(o.key(),
                o.questions().stream().map(q -> new QuestionWire(q.key(), q.prompt(), q.clarification(), wire(q.rule())))
                        .toList(),
                o.criteria().stream().map(c -> new CriterionWire(c.questionKey(), wire(c.condition()), c.weight(),
                        c.required())).toList(),
                o.passingScore(), o.maxAsks(), o.meetingLength().map(d -> (int) d.toMinutes()).orElse(null));
    }

    private static RuleWire wire(AnswerRule rule) {
        return switch (rule) {
            case AnswerRule.NumberRule n -> new RuleWire("number", n.min().orElse(null), n.max().orElse(null), null, null,
                    null);
            case AnswerRule.MoneyRule m -> new RuleWire("money", null, null, m.currency().getCurrencyCode(), null, null);
            case AnswerRule.YesNoRule y -> new RuleWire("yes_no", null, null, null, null, null);
            case AnswerRule.TimeframeRule t -> new RuleWire("timeframe", null, null, null, null, null);
            case AnswerRule.ChoiceRule c -> new RuleWire("choice", null, null, null, c.options(), null);
            case AnswerRule.TextRule t -> new RuleWire("text", null, null, null, null, t.minWords());
        };
    }

    private static ConditionWire wire(Condition condition) {
        return switch (condition) {
            case Condition.AtLeast a -> new ConditionWire("at_least", a.value(), null, null, null);
            case Condition.AtMost a -> new ConditionWire("at_most", a.value(), null, null, null);
            case Condition.Is i -> new ConditionWire("is", null, i.yes(), null, null);
            case Condition.OneOf o -> new ConditionWire("one_of", null, null, o.options().stream().sorted().toList(), null);
            case Condition.WithinDays w -> new ConditionWire("within_days", null, null, null, w.days());
            case Condition.Answered a -> new ConditionWire("answered", null, null, null, null);
        };
    }

    private static List<Objective> objectives(List<FieldError> errors, List<ObjectiveWire> list) {
        List<Objective> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String at = "objectives[" + i + "]";
            ObjectiveWire o = list.get(i);
            if (o == null) {
                errors.add(new FieldError(at, "must be an object"));
                continue;
            }
            int before = errors.size();
            required(errors, at + ".key", o.key());
            required(errors, at + ".questions", o.questions());
            required(errors, at + ".criteria", o.criteria());
            required(errors, at + ".passing_score", o.passingScore());
            List<Question> questions = each(errors, at + ".questions", o.questions(), (q, qa) -> question(errors, qa, q));
            List<Criterion> criteria = each(errors, at + ".criteria", o.criteria(), (c, ca) -> criterion(errors, ca, c));
            if (errors.size() == before) {
                out.add(new Objective(o.key(), questions, criteria, o.passingScore(),
                        o.maxAsks() == null ? DEFAULT_MAX_ASKS : o.maxAsks(),
                        Optional.ofNullable(o.meetingMinutes()).map(m -> Duration.ofMinutes(m))));
            }
        }
        return out;
    }

    private interface Converter<W, T> {
        T convert(W wire, String at);
    }

    /** Converts each element of a list (absent: none), naming a null element by its index. */
    private static <W, T> List<T> each(List<FieldError> errors, String at, List<W> list, Converter<W, T> converter) {
        List<T> out = new ArrayList<>();
        if (list == null) {
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            String path = at + "[" + i + "]";
            if (list.get(i) == null) {
                errors.add(new FieldError(path, "must be an object"));
                continue;
            }
            T value = converter.convert(list.get(i), path);
            if (value != null) {
                out.add(value);
            }
        }
        return out;
    }

    private static Question question(List<FieldError> errors, String at, QuestionWire q) {
        boolean ok = required(errors, at + ".key", q.key()) & required(errors, at + ".prompt", q.prompt())
                & required(errors, at + ".rule", q.rule());
        AnswerRule rule = q.rule() == null ? null : rule(errors, at + ".rule", q.rule());
        if (!ok || rule == null) {
            return null;
        }
        // A question without its own clarification is asked again in the same words.
        return new Question(q.key(), q.prompt(), q.clarification() == null ? q.prompt() : q.clarification(), rule);
    }

    private static AnswerRule rule(List<FieldError> errors, String at, RuleWire r) {
        if (!required(errors, at + ".type", r.type())) {
            return null;
        }
        return switch (r.type()) {
            case "number" -> new AnswerRule.NumberRule(Optional.ofNullable(r.min()), Optional.ofNullable(r.max()));
            case "money" -> {
                if (!required(errors, at + ".currency", r.currency())) {
                    yield null;
                }
                try {
                    yield new AnswerRule.MoneyRule(Currency.getInstance(r.currency()));
                } catch (IllegalArgumentException e) {
                    errors.add(new FieldError(at + ".currency", "must be an ISO 4217 currency code such as USD"));
                    yield null;
                }
            }
            case "yes_no" -> new AnswerRule.YesNoRule();
            case "timeframe" -> new AnswerRule.TimeframeRule();
            case "choice" -> required(errors, at + ".options", r.options()) ? new AnswerRule.ChoiceRule(options(r.options()))
                    : null;
            case "text" -> new AnswerRule.TextRule(r.minWords() == null ? 1 : r.minWords());
            default -> {
                errors.add(new FieldError(at + ".type",
                        "must be one of number, money, yes_no, timeframe, choice, text"));
                yield null;
            }
        };
    }

    private static Map<String, List<String>> options(Map<String, List<String>> raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        raw.forEach((k, v) -> out.put(k, v == null ? List.of() : v.stream().filter(s -> s != null).toList()));
        return out;
    }

    private static Criterion criterion(List<FieldError> errors, String at, CriterionWire c) {
        boolean ok = required(errors, at + ".question", c.question()) & required(errors, at + ".condition", c.condition())
                & required(errors, at + ".weight", c.weight());
        Condition condition = c.condition() == null ? null : condition(errors, at + ".condition", c.condition());
        if (!ok || condition == null) {
            return null;
        }
        return new Criterion(c.question(), condition, c.weight(), Boolean.TRUE.equals(c.required()));
    }

    private static Condition condition(List<FieldError> errors, String at, ConditionWire c) {
        if (!required(errors, at + ".type", c.type())) {
            return null;
        }
        return switch (c.type()) {
            case "at_least" -> required(errors, at + ".value", c.value()) ? new Condition.AtLeast(c.value()) : null;
            case "at_most" -> required(errors, at + ".value", c.value()) ? new Condition.AtMost(c.value()) : null;
            case "is" -> required(errors, at + ".yes", c.yes()) ? new Condition.Is(c.yes()) : null;
            case "one_of" -> required(errors, at + ".options", c.options())
                    ? new Condition.OneOf(new HashSet<>(c.options().stream().filter(s -> s != null).toList())) : null;
            case "within_days" -> required(errors, at + ".days", c.days()) ? new Condition.WithinDays(c.days()) : null;
            case "answered" -> new Condition.Answered();
            default -> {
                errors.add(new FieldError(at + ".type",
                        "must be one of at_least, at_most, is, one_of, within_days, answered"));
                yield null;
            }
        };
    }

    private static Set<Tool> tools(List<FieldError> errors, List<String> names) {
        Set<Tool> tools = EnumSet.noneOf(Tool.class);
        for (int i = 0; i < names.size(); i++) {
            Optional<Tool> tool = names.get(i) == null ? Optional.empty() : Tool.fromWire(names.get(i));
            if (tool.isEmpty()) {
                errors.add(new FieldError("tools[" + i + "]", "must be one of "
                        + Arrays.stream(Tool.values()).map(Tool::wire).toList()));
            } else if (!tools.add(tool.get())) {
                errors.add(new FieldError("tools[" + i + "]", "is listed twice"));
            }
        }
        return tools;
    }

    private static Provider provider(List<FieldError> errors, String wire) {
        Optional<Provider> found = fromWire(Provider.values(), Provider::wire, wire);
        if (found.isEmpty()) {
            errors.add(new FieldError("provider", "must be one of simulated, openai-realtime, twilio"));
            return Provider.SIMULATED;
        }
        return found.get();
    }

    /** A provider from its wire name, for other packages (numbers). */
    public static Optional<Provider> provider(String wire) {
        return fromWire(Provider.values(), Provider::wire, wire);
    }

    private static TurnDetection turnDetection(List<FieldError> errors, TurnDetectionWire t) {
        TurnDetection d = TurnDetection.DEFAULT;
        TurnDetection.Mode mode = d.mode();
        if (t.mode() != null) {
            Optional<TurnDetection.Mode> m = fromWire(TurnDetection.Mode.values(),
                    x -> x.name().toLowerCase(Locale.ROOT), t.mode());
            if (m.isEmpty()) {
                errors.add(new FieldError("turn_detection.mode", "must be one of server_vad, semantic_vad, manual"));
            } else {
                mode = m.get();
            }
        }
        return new TurnDetection(mode, t.silenceMs() == null ? d.silenceMs() : t.silenceMs(),
                t.prefixPaddingMs() == null ? d.prefixPaddingMs() : t.prefixPaddingMs(),
                t.threshold() == null ? d.threshold() : t.threshold(),
                t.allowInterruptions() == null ? d.allowInterruptions() : t.allowInterruptions());
    }

    private static <E> Optional<E> fromWire(E[] values, Function<E, String> wire, String name) {
        return Arrays.stream(values).filter(v -> wire.apply(v).equals(name)).findFirst();
    }

    private static boolean required(List<FieldError> errors, String field, Object value) {
        if (value == null) {
            errors.add(new FieldError(field, "is required"));
            return false;
        }
        return true;
    }
}
