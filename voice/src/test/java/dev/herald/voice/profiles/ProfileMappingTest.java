package dev.herald.voice.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.platform.domain.FieldError;
import dev.herald.platform.domain.Invalid;
import dev.herald.platform.http.JsonMapping;
import dev.herald.voice.core.profile.AnswerRule;
import dev.herald.voice.core.profile.Condition;
import dev.herald.voice.core.profile.Criterion;
import dev.herald.voice.core.profile.DefaultProfiles;
import dev.herald.voice.core.profile.Objective;
import dev.herald.voice.core.profile.Question;
import dev.herald.voice.core.profile.VoiceProfile;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The wire form of a profile: every core value survives JSON both ways; structural errors carry paths. */
class ProfileMappingTest {
    private final ObjectMapper mapper = JsonMapping.create();

    private VoiceProfile roundTrip(VoiceProfile p) throws Exception {
        String json = mapper.writeValueAsString(ProfileMapping.wire(p));
        return ProfileMapping.profile(mapper.readValue(json, ProfileWire.class), p.version());
    }

    @Test
    void theDefaultProfileSurvivesJson() throws Exception {
        VoiceProfile demo = DefaultProfiles.demoQualifier();
        assertThat(roundTrip(demo)).isEqualTo(demo);
    }

    @Test
    void everyRuleAndConditionKindSurvivesJson() throws Exception {
        VoiceProfile demo = DefaultProfiles.demoQualifier();
        List<Question> questions = List.of(
                new Question("seats", "How many seats?", "A number?", new AnswerRule.NumberRule(Optional.empty(),
                        Optional.of(BigDecimal.valueOf(500)))),
                new Question("spend", "Budget?", "Per year?", new AnswerRule.MoneyRule(java.util.Currency.getInstance("EUR"))),
                new Question("notes", "Anything else?", "Tell me more?", new AnswerRule.TextRule(3)),
                new Question("crm", "Which CRM?", "Which one?", new AnswerRule.ChoiceRule(
                        java.util.Map.of("hubspot", List.of("hub spot"), "none", List.of())))); 
        List<Criterion> criteria = List.of(
                new Criterion("seats", new Condition.AtMost(BigDecimal.valueOf(400)), 10, false),
                new Criterion("spend", new Condition.AtLeast(new BigDecimal("999.50")), 50, true),
                new Criterion("crm", new Condition.OneOf(Set.of("hubspot")), 20, false),
                new Criterion("notes", new Condition.Answered(), 20, false));
        Objective o = new Objective("renewal", questions, criteria, 60, 3, Optional.of(Duration.ofMinutes(45)));
        VoiceProfile p = new VoiceProfile(demo.name(), 4, demo.agentName(), demo.systemPrompt(), demo.voice(),
                demo.language(), demo.greeting(), demo.aiDisclosure(), demo.recordingConsentPrompt(), List.of(o),
                demo.tools(), demo.provider(), demo.turnDetection());
        assertThat(roundTrip(p)).isEqualTo(p);
    }

    @Test
    void structuralErrorsAreNamedByPath() throws Exception {
        ProfileWire wire = mapper.readValue("""
                {"objectives":[{"key":"x","passing_score":50,"questions":[{"key":"q","prompt":"P?",
                 "rule":{"type":"money","currency":"XXQ"}}],"criteria":[{"question":"q",
                 "condition":{"type":"near"},"weight":5}]}],"tools":["book_meeting","book_meeting"],
                 "turn_detection":{"mode":"loud"}}""", ProfileWire.class);
        assertThatThrownBy(() -> ProfileMapping.patch(wire)).isInstanceOfSatisfying(Invalid.class, e ->
                assertThat(e.errors()).extracting(FieldError::field).containsExactlyInAnyOrder(
                        "objectives[0].questions[0].rule.currency", "objectives[0].criteria[0].condition.type",
                        "tools[1]", "turn_detection.mode"));
    }
}
