package dev.herald.voice.core.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProfileValidatorTest {
    private static final VoiceProfile DEMO = DefaultProfiles.demoQualifier();

    private static VoiceProfile with(List<Objective> objectives, EnumSet<Tool> tools) {
        return new VoiceProfile(DEMO.name(), 1, DEMO.agentName(), DEMO.systemPrompt(), DEMO.voice(), DEMO.language(),
                DEMO.greeting(), DEMO.aiDisclosure(), DEMO.recordingConsentPrompt(), objectives, tools, DEMO.provider(),
                DEMO.turnDetection());
    }

    @Test
    void defaultProfile_isValid() {
        assertThat(ProfileValidator.validate(DEMO)).isEmpty();
        assertThat(DEMO.version()).isEqualTo(1);
    }

    @Test
    void everyTopLevelFault_isReportedAtOnce() {
        VoiceProfile bad = new VoiceProfile(" ", 0, "Riley", "x".repeat(20_001), "alloy", "english please",
                "Hello {first_name}", "", "May I record?", List.of(), EnumSet.noneOf(Tool.class), Provider.SIMULATED,
                new TurnDetection(TurnDetection.Mode.SERVER_VAD, 50, 300, 1.5, true));
        assertThat(ProfileValidator.validate(bad)).extracting(FieldError::field, FieldError::reason).containsExactly(
                tuple("name", ProfileErrorReason.REQUIRED),
                tuple("system_prompt", ProfileErrorReason.TOO_LONG),
                tuple("ai_disclosure", ProfileErrorReason.REQUIRED),
                tuple("greeting", ProfileErrorReason.UNKNOWN_PLACEHOLDER),
                tuple("language", ProfileErrorReason.INVALID_LANGUAGE),
                tuple("version", ProfileErrorReason.OUT_OF_RANGE),
                tuple("turn_detection.silence_ms", ProfileErrorReason.OUT_OF_RANGE),
                tuple("turn_detection.threshold", ProfileErrorReason.OUT_OF_RANGE),
                tuple("objectives", ProfileErrorReason.REQUIRED));
    }

    @Test
    void objectiveFaults_nameTheirPath() {
        Question yesNo = new Question("decision_maker", "Decide?", "Yes or no?", new AnswerRule.YesNoRule());
        Question dup = new Question("decision_maker", "Again?", "Again?", new AnswerRule.TextRule(0));
        Question choice = new Question("Tool", "Which?", "Which one?", new AnswerRule.ChoiceRule(Map.of()));
        Objective objective = new Objective("qualify_for_demo", List.of(yesNo, dup, choice), List.of(
                new Criterion("decision_maker", new Condition.AtLeast(BigDecimal.ONE), 10, false),
                new Criterion("budget", new Condition.Answered(), 10, false)),
                101, 0, Optional.of(Duration.ofMinutes(30)));
        assertThat(ProfileValidator.validate(with(List.of(objective), EnumSet.of(Tool.END_CALL))))
                .extracting(FieldError::field, FieldError::reason).containsExactly(
                        tuple("objectives[0].questions[1].key", ProfileErrorReason.DUPLICATE_KEY),
                        tuple("objectives[0].questions[1].rule.min_words", ProfileErrorReason.OUT_OF_RANGE),
                        tuple("objectives[0].questions[2].key", ProfileErrorReason.INVALID_KEY),
                        tuple("objectives[0].questions[2].rule.options", ProfileErrorReason.OUT_OF_RANGE),
                        tuple("objectives[0].passing_score", ProfileErrorReason.OUT_OF_RANGE),
                        tuple("objectives[0].max_asks", ProfileErrorReason.OUT_OF_RANGE),
                        tuple("objectives[0].criteria[0].condition", ProfileErrorReason.CONDITION_MISMATCH),
                        tuple("objectives[0].criteria[1].question", ProfileErrorReason.UNKNOWN_QUESTION),
                        tuple("tools", ProfileErrorReason.TOOL_NOT_ENABLED),
                        tuple("tools", ProfileErrorReason.TOOL_NOT_ENABLED));
    }

}
