package dev.herald.governance.policy;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.platform.http.FieldCheck;
import dev.herald.platform.http.JsonMapping;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A policy document ({@code policy_json}): the object as the client wrote it, and the rules it
 * states. The object is kept member for member because it is stored, echoed back and hashed into
 * every session snapshot; the rules are mapped from it by Jackson ({@link Members}), so a member of
 * the wrong type is named by its path, and value rules are checked together. Unknown members are
 * refused so that a misspelt rule never silently allows. See docs/realtime.md for the members.
 */
@JsonDeserialize(using = PolicyDocument.Reader.class)
public record PolicyDocument(ObjectNode json, PolicyRules rules) {
    /** Reads documents that were accepted before (stored ones); the same strict mapping as request bodies. */
    private static final ObjectMapper STORED = JsonMapping.create();

    public PolicyDocument {
        json = json.deepCopy();
    }

    /** The document as written; what the API shows and the snapshot embeds. */
    @Override
    @JsonValue
    public ObjectNode json() {
        return json.deepCopy();
    }

    /**
     * The document {@code json}, already accepted once (a stored version, a snapshot member).
     *
     * @throws IllegalArgumentException when it is not a policy document
     */
    public static PolicyDocument of(ObjectNode json) {
        try {
            return STORED.treeToValue(json, PolicyDocument.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a policy document: " + e.getOriginalMessage(), e);
        }
    }

    /** The members of a policy document, typed; absent or null members are null. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Members(String description, List<String> allowedProviders, List<String> allowedModels,
                   List<String> allowedOperations, List<String> allowedTools, List<String> allowedActionVerbs,
                   Boolean requireAiDisclosure, Boolean requireExplicitConsent, Boolean denyPaymentCardCollection,
                   Long maxInputTokensPerTurn, Long maxOutputTokensPerTurn, Long maxTurnBudgetMicros,
                   Long maxSessionBudgetMicros, Long maxPaymentAmountMinor) {
        Members {
            FieldCheck check = new FieldCheck();
            names(check, "allowed_providers", allowedProviders);
            names(check, "allowed_models", allowedModels);
            names(check, "allowed_operations", allowedOperations);
            names(check, "allowed_tools", allowedTools);
            names(check, "allowed_action_verbs", allowedActionVerbs);
            cap(check, "max_input_tokens_per_turn", maxInputTokensPerTurn);
            cap(check, "max_output_tokens_per_turn", maxOutputTokensPerTurn);
            cap(check, "max_turn_budget_micros", maxTurnBudgetMicros);
            cap(check, "max_session_budget_micros", maxSessionBudgetMicros);
            cap(check, "max_payment_amount_minor", maxPaymentAmountMinor);
            check.throwIfAny();
        }

        private static void names(FieldCheck check, String field, List<String> values) {
            if (values == null) {
                return;
            }
            for (int i = 0; i < values.size(); i++) {
                if (values.get(i) == null || values.get(i).isBlank()) {
                    check.fail(field + "[" + i + "]", "must be a non-empty string");
                }
            }
        }

        private static void cap(FieldCheck check, String field, Long value) {
            if (value != null && value < 0) {
                check.fail(field, "must be a non-negative integer");
            }
        }

        PolicyRules rules() {
            return new PolicyRules(set(allowedProviders), set(allowedModels), set(allowedOperations),
                    set(allowedTools), set(allowedActionVerbs), Boolean.TRUE.equals(requireAiDisclosure),
                    Boolean.TRUE.equals(requireExplicitConsent), Boolean.TRUE.equals(denyPaymentCardCollection),
                    Optional.ofNullable(maxInputTokensPerTurn), Optional.ofNullable(maxOutputTokensPerTurn),
                    Optional.ofNullable(maxTurnBudgetMicros), Optional.ofNullable(maxSessionBudgetMicros),
                    Optional.ofNullable(maxPaymentAmountMinor));
        }

        private static Optional<Set<String>> set(List<String> values) {
            return values == null ? Optional.empty() : Optional.of(new LinkedHashSet<>(values));
        }
    }

    /**
     * Keeps the object as read and maps its members in the same pass: a failure carries the
     * member's path inside the body, as any other field of a request record does.
     */
    static final class Reader extends StdDeserializer<PolicyDocument> {
        Reader() {
            super(PolicyDocument.class);
        }

        @Override
        public PolicyDocument deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonNode tree = ctxt.readTree(p);
            if (!(tree instanceof ObjectNode object)) {
                return ctxt.reportInputMismatch(PolicyDocument.class, "a policy document must be a JSON object");
            }
            return new PolicyDocument(object, ctxt.readTreeAsValue(object, Members.class).rules());
        }
    }
}
