package dev.herald.governance.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.platform.domain.FieldError;
import dev.herald.platform.domain.Invalid;
import dev.herald.platform.http.FieldCheck;
import dev.herald.platform.http.JsonBody;
import dev.herald.platform.http.JsonMapping;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyDocumentTest {
    private static final ObjectMapper MAPPER = JsonMapping.create();
    private final JsonBody json = new JsonBody(MAPPER);

    private NewPolicy read(String body) {
        return json.parse(body.getBytes(StandardCharsets.UTF_8), NewPolicy.class);
    }

    private java.util.List<FieldError> errors(String body) {
        Invalid invalid = (Invalid) org.assertj.core.api.Assertions.catchThrowable(() -> read(body));
        assertThat(invalid).as(body).isNotNull();
        return invalid.errors();
    }

    @Test
    void everyRule_isReadIntoTheRules() {
        PolicyRules r = read("""
                {"name":"p","policy_json":{"allowed_providers":["openai"],"allowed_tools":["lookup"],
                 "require_ai_disclosure":true,"deny_payment_card_collection":false,
                 "max_input_tokens_per_turn":500,"max_payment_amount_minor":0,"description":"d"}}""")
                .policyJson().rules();
        assertThat(r.allowedProviders()).contains(Set.of("openai"));
        assertThat(r.allowedTools()).contains(Set.of("lookup"));
        assertThat(r.allowedModels()).isEmpty();
        assertThat(r.requireAiDisclosure()).isTrue();
        assertThat(r.requireExplicitConsent()).isFalse();
        assertThat(r.maxInputTokensPerTurn()).contains(500L);
        assertThat(r.maxPaymentAmountMinor()).contains(0L);
        assertThat(r.maxTurnBudgetMicros()).isEqualTo(Optional.empty());
    }

    @Test
    void theDocument_isKeptAsWritten_memberOrderAndNullsIncluded() throws Exception {
        String document = "{\"max_input_tokens_per_turn\":5,\"description\":null,\"allowed_models\":[\"b\",\"a\"]}";
        PolicyDocument doc = read("{\"name\":\"p\",\"policy_json\":" + document + "}").policyJson();
        assertThat(MAPPER.writeValueAsString(doc)).isEqualTo(document);
        assertThat(doc.rules().allowedModels()).contains(Set.of("a", "b"));
    }

    /** The errors the service's check finds in the document of {@code body}. */
    private java.util.List<FieldError> checked(String body) {
        FieldCheck check = new FieldCheck();
        read(body).policyJson().check(check, "policy_json");
        Invalid invalid = (Invalid) org.assertj.core.api.Assertions.catchThrowable(check::throwIfAny);
        assertThat(invalid).as(body).isNotNull();
        return invalid.errors();
    }

    @Test
    void misspeltRules_areUnknownFields_allNamedUnderPolicyJson() {
        assertThat(checked("{\"name\":\"p\",\"policy_json\":{\"require_ai_disclosur\":true,"
                + "\"max_input_tokens_per_turn\":1,\"allowed_tool\":[\"x\"],\"typo\":{\"deep\":[1]}}}"))
                .containsExactly(new FieldError("policy_json.require_ai_disclosur", "unknown field"),
                        new FieldError("policy_json.allowed_tool", "unknown field"),
                        new FieldError("policy_json.typo", "unknown field"));
    }

    @Test
    void aRuleOfTheWrongType_isNamedWithTheTypeItNeeds() {
        assertThat(errors("{\"name\":\"p\",\"policy_json\":{\"max_input_tokens_per_turn\":\"ten\"}}"))
                .containsExactly(new FieldError("policy_json.max_input_tokens_per_turn", "must be an integer"));
        assertThat(errors("{\"name\":\"p\",\"policy_json\":{\"max_turn_budget_micros\":1.0}}"))
                .extracting(FieldError::field).containsExactly("policy_json.max_turn_budget_micros");
        assertThat(errors("{\"name\":\"p\",\"policy_json\":{\"require_explicit_consent\":\"yes\"}}"))
                .containsExactly(new FieldError("policy_json.require_explicit_consent", "must be a boolean"));
        assertThat(errors("{\"name\":\"p\",\"policy_json\":{\"allowed_tools\":\"lookup\"}}"))
                .containsExactly(new FieldError("policy_json.allowed_tools", "must be an array"));
        assertThat(errors("{\"name\":\"p\",\"policy_json\":{\"allowed_tools\":[\"a\",7]}}"))
                .containsExactly(new FieldError("policy_json.allowed_tools[1]", "must be a string"));
    }

    @Test
    void aCapBeyondALong_isAFieldError_notAnUnreadableBody() {
        assertThat(errors("{\"name\":\"p\",\"policy_json\":{\"max_session_budget_micros\":99999999999999999999}}"))
                .extracting(FieldError::field).containsExactly("policy_json.max_session_budget_micros");
    }

    @Test
    void valueRules_areAllNamedAtOnce_underTheFieldTheDocumentSitsIn() {
        PolicyDocument doc = read("""
                {"name":"p","policy_json":{"max_input_tokens_per_turn":-1,"allowed_tools":["ok"," "],
                 "allowed_models":[null],"max_payment_amount_minor":-5}}""").policyJson();
        FieldCheck check = new FieldCheck().fail("name", "is required");
        doc.check(check, "policy_json");
        assertThatThrownBy(check::throwIfAny).isInstanceOfSatisfying(Invalid.class, e -> assertThat(e.errors())
                .containsExactlyInAnyOrder(
                        new FieldError("name", "is required"),
                        new FieldError("policy_json.max_input_tokens_per_turn", "must be a non-negative integer"),
                        new FieldError("policy_json.allowed_tools[1]", "must be a non-empty string"),
                        new FieldError("policy_json.allowed_models[0]", "must be a non-empty string"),
                        new FieldError("policy_json.max_payment_amount_minor", "must be a non-negative integer")));
    }

    @Test
    void aDocumentThatIsNotAnObject_isAFieldError() {
        assertThat(errors("{\"name\":\"p\",\"policy_json\":[]}"))
                .containsExactly(new FieldError("policy_json", "must be an object"));
        assertThat(errors("{\"name\":\"p\",\"policy_json\":\"{}\"}"))
                .containsExactly(new FieldError("policy_json", "must be an object"));
    }

    @Test
    void aStoredDocument_isReadWithTheSameRules() {
        var node = MAPPER.createObjectNode().put("require_explicit_consent", true);
        assertThat(PolicyDocument.of(node).rules().requireExplicitConsent()).isTrue();
        assertThatThrownBy(() -> PolicyDocument.of(node.deepCopy().put("max_turn_budget_micros", -1)))
                .isInstanceOf(IllegalArgumentException.class);
        node.put("no_such_rule", 1);
        assertThatThrownBy(() -> PolicyDocument.of(node)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPolicy_isWrittenAsBefore_memberForMember() throws Exception {
        PolicyDocument doc = read("{\"name\":\"p\",\"policy_json\":{\"allowed_tools\":[\"x\"]}}").policyJson();
        Policy p = new Policy("pol_1", "prj_1", "p", 2, true, doc,
                java.time.Instant.ofEpochMilli(1_767_225_600_000L),
                java.time.Instant.ofEpochMilli(1_767_225_600_123L));
        assertThat(MAPPER.writeValueAsString(p)).isEqualTo("{\"policy_id\":\"pol_1\",\"project_id\":\"prj_1\","
                + "\"name\":\"p\",\"version\":2,\"active\":true,\"policy_json\":{\"allowed_tools\":[\"x\"]},"
                + "\"created_at\":\"2026-01-01T00:00:00Z\",\"updated_at\":\"2026-01-01T00:00:00.123Z\"}");
    }
}
