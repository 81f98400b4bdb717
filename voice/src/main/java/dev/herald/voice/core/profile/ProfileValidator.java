package dev.herald.voice.core.profile;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks a profile and reports every field error at once (never just the first). Stateless. */
public final class ProfileValidator {
    public static final int MAX_NAME = 100;
    public static final int MAX_LINE = 500;
    public static final int MAX_PROMPT = 20_000;
    public static final int MAX_QUESTIONS = 20;
    public static final int MAX_OPTIONS = 50;

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");
    private static final Set<String> PLACEHOLDERS = Set.of("lead_name", "company", "agent_name");

    private ProfileValidator() {}

    public static List<FieldError> validate(VoiceProfile p) {
        List<FieldError> errors = new ArrayList<>();
        text(errors, "name", p.name(), MAX_NAME);
        text(errors, "agent_name", p.agentName(), MAX_NAME);
        text(errors, "system_prompt", p.systemPrompt(), MAX_PROMPT);
        text(errors, "voice", p.voice(), MAX_NAME);
        text(errors, "greeting", p.greeting(), MAX_LINE);
        text(errors, "ai_disclosure", p.aiDisclosure(), MAX_LINE);
        text(errors, "recording_consent_prompt", p.recordingConsentPrompt(), MAX_LINE);
        placeholders(errors, "greeting", p.greeting());
        language(errors, p.language());
        if (p.version() < 1) {
            errors.add(new FieldError("version", ProfileErrorReason.OUT_OF_RANGE, "versions start at 1"));
        }
        TurnDetection td = p.turnDetection();
        range(errors, "turn_detection.silence_ms", td.silenceMs(), 200, 5000);
        range(errors, "turn_detection.prefix_padding_ms", td.prefixPaddingMs(), 0, 2000);
        if (!(td.threshold() >= 0 && td.threshold() <= 1)) {
            errors.add(new FieldError("turn_detection.threshold", ProfileErrorReason.OUT_OF_RANGE, "must be 0..1"));
        }
        if (p.objectives().isEmpty()) {
            errors.add(new FieldError("objectives", ProfileErrorReason.REQUIRED, "at least one objective"));
        }
        Set<String> objectiveKeys = new HashSet<>();
        for (int i = 0; i < p.objectives().size(); i++) {
            Objective o = p.objectives().get(i);
            String at = "objectives[" + i + "]";
            key(errors, at + ".key", o.key(), objectiveKeys);
            ObjectiveChecks.check(errors, at, o, p.tools());
        }
        return List.copyOf(errors);
    }

    static void text(List<FieldError> errors, String field, String value, int max) {
        if (value.isBlank()) {
            errors.add(new FieldError(field, ProfileErrorReason.REQUIRED, "must not be blank"));
        } else if (value.length() > max) {
            errors.add(new FieldError(field, ProfileErrorReason.TOO_LONG, "at most " + max + " characters"));
        }
    }

    static void key(List<FieldError> errors, String field, String key, Set<String> seen) {
        if (!KEY.matcher(key).matches()) {
            errors.add(new FieldError(field, ProfileErrorReason.INVALID_KEY, "lower snake_case, at most 64 characters"));
        } else if (!seen.add(key)) {
            errors.add(new FieldError(field, ProfileErrorReason.DUPLICATE_KEY, "'" + key + "' is used twice"));
        }
    }

    static void range(List<FieldError> errors, String field, long value, long min, long max) {
        if (value < min || value > max) {
            errors.add(new FieldError(field, ProfileErrorReason.OUT_OF_RANGE, "must be " + min + ".." + max));
        }
    }

    private static void placeholders(List<FieldError> errors, String field, String text) {
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            if (!PLACEHOLDERS.contains(m.group(1))) {
                errors.add(new FieldError(field, ProfileErrorReason.UNKNOWN_PLACEHOLDER,
                        "{" + m.group(1) + "} is not one of " + PLACEHOLDERS));
            }
        }
    }

    private static void language(List<FieldError> errors, String tag) {
        try {
            Locale locale = new Locale.Builder().setLanguageTag(tag).build();
            if (locale.getLanguage().isEmpty()) {
                throw new IllformedLocaleException("no language");
            }
        } catch (IllformedLocaleException e) {
            errors.add(new FieldError("language", ProfileErrorReason.INVALID_LANGUAGE, "a BCP 47 tag such as en-US"));
        }
    }
}
