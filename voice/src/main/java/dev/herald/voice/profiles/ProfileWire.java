package dev.herald.voice.profiles;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of a profile's content (snake_case), as requests send it, answers show it and
 * versions store it. Every member may be null in a request (absent: keep or take the template's
 * value); {@link ProfileMapping} turns it into the core's {@code VoiceProfile} and back.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ProfileWire(String name, String agentName, String systemPrompt, String voice, String language,
                          String greeting, String aiDisclosure, String recordingConsentPrompt,
                          List<ObjectiveWire> objectives, List<String> tools, String provider,
                          TurnDetectionWire turnDetection) {

    /** The members of a profile body, in wire order (for merge-patch null checks). */
    static final List<String> MEMBERS = List.of("name", "agent_name", "system_prompt", "voice", "language", "greeting",
            "ai_disclosure", "recording_consent_prompt", "objectives", "tools", "provider", "turn_detection");

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ObjectiveWire(String key, List<QuestionWire> questions, List<CriterionWire> criteria,
                                Integer passingScore, Integer maxAsks, Integer meetingMinutes) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record QuestionWire(String key, String prompt, String clarification, RuleWire rule) {}

    /**
     * An answer rule: {@code type} is number (min, max), money (currency), yes_no, timeframe,
     * choice (options: key -> synonyms) or text (min_words).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RuleWire(String type, BigDecimal min, BigDecimal max, String currency,
                           Map<String, List<String>> options, Integer minWords) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CriterionWire(String question, ConditionWire condition, Integer weight, Boolean required) {}

    /**
     * A condition: {@code type} is at_least / at_most (value), is (yes), one_of (options),
     * within_days (days) or answered.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ConditionWire(String type, BigDecimal value, Boolean yes, List<String> options, Integer days) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record TurnDetectionWire(String mode, Integer silenceMs, Integer prefixPaddingMs, Double threshold,
                                    Boolean allowInterruptions) {}
}
