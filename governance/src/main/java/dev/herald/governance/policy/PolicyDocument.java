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
import dev.herald.platform.domain.Invalid;
import dev.herald.platform.http.FieldCheck;
import dev.herald.platform.http.JsonMapping;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A policy document ({@code policy_json}): the object as the client wrote it, and the rules it
 * states. The object is kept member for member because it is stored, echoed back and hashed into
 * every session snapshot; its members are mapped by Jackson ({@link Members}), so a member of the
 * wrong type is named by its path while the body is read. Unknown members (a misspelt rule must
 * never silently allow) and value rules (no negative cap, no blank name) are checked by the service
 * with the request's other fields ({@link #check}), so a client sees every error at once.
 */
@JsonDeserialize(using = PolicyDocument.Reader.class)
public final class PolicyDocument {
    /** Reads documents that were accepted before (stored ones); the same strict mapping as request bodies. */
    private static final ObjectMapper STORED = JsonMapping.create();

    /** The members a document may have, by their wire names. */
    static final Set<String> MEMBERS = Arrays.stream(Members.class.getRecordComponents())
            .map(c -> new PropertyNamingStrategies.SnakeCaseStrategy().translate(c.getName()))
            .collect(Collectors.toUnmodifiableSet());

    private final ObjectNode json;
    private final Members members;
    private final List<String> unknown;

    private PolicyDocument(ObjectNode json, Members members, List<String> unknown) {
        this.json = json.deepCopy();
        this.members = members;
        this.unknown = List.copyOf(unknown);
    }

    /** The document as written; what the API shows and the snapshot embeds. */
    @JsonValue
    public ObjectNode json() {
        return json.deepCopy();
    }

    /** The rules the document states (meaningful once {@link #check} found nothing). */
    public PolicyRules rules() {
        return members.rules();
    }

    /**
     * Adds every defect of the document to {@code check}, each member named under {@code at}:
     * unknown members, then value rules.
     */
    public void check(FieldCheck check, String at) {
        unknown.forEach(name -> check.fail(at + "." + name, "unknown field"));
        members.check(check, at);
    }

    /**
     * The document {@code json}, already accepted once (a stored version, a snapshot member).
     *
     * @throws IllegalArgumentException when it is not a valid policy document
     */
    public static PolicyDocument of(ObjectNode json) {
        PolicyDocument doc;
        try {
            doc = STORED.treeToValue(json, PolicyDocument.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a policy document: " + e.getOriginalMessage(), e);
        }
        FieldCheck check = new FieldCheck();
        doc.check(check, "policy_json");
        try {
            check.throwIfAny();
        } catch (Invalid e) {
            throw new IllegalArgumentException("not a valid policy document: " + e.getMessage(), e);
        }
        return doc;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PolicyDocument d && d.json.equals(json);
    }

    @Override
    public int hashCode() {
        return json.hashCode();
    }

    @Override
    public String toString() {
        return json.toString();
    }

    /** The members of a policy document, typed; absent or null members are null. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Members(String description, List<String> allowedProviders, List<String> allowedModels,
                   List<String> allowedOperations, List<String> allowedTools, List<String> allowedActionVerbs,
                   Boolean requireAiDisclosure, Boolean requireExplicitConsent, Boolean denyPaymentCardCollection,
                   Long maxInputTokensPerTurn, Long maxOutputTokensPerTurn, Long maxTurnBudgetMicros,
                   Long maxSessionBudgetMicros, Long maxPaymentAmountMinor) {
        /** Adds every value-rule violation to {@code check}, each member named under {@code at}. */
        void check(FieldCheck check, String at) {
            names(check, at + ".allowed_providers", allowedProviders);
            names(check, at + ".allowed_models", allowedModels);
            names(check, at + ".allowed_operations", allowedOperations);
            names(check, at + ".allowed_tools", allowedTools);
            names(check, at + ".allowed_action_verbs", allowedActionVerbs);
            cap(check, at + ".max_input_tokens_per_turn", maxInputTokensPerTurn);
            cap(check, at + ".max_output_tokens_per_turn", maxOutputTokensPerTurn);
            cap(check, at + ".max_turn_budget_micros", maxTurnBudgetMicros);
            cap(check, at + ".max_session_budget_micros", maxSessionBudgetMicros);
            cap(check, at + ".max_payment_amount_minor", maxPaymentAmountMinor);
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
            return values == null ? Optional.empty()
                    : Optional.of(values.stream().filter(Objects::nonNull).collect(Collectors.toCollection(LinkedHashSet::new)));
        }
    }

    /**
     * Keeps the object as read and maps its known members in the same pass: a type failure carries
     * the member's path inside the body, as any other field of a request record does.
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
            // Unknown members are set aside here: mapped from this tree, they would be named
            // without the path of the document in the body. The service's check reports them.
            ObjectNode known = object.deepCopy();
            List<String> unknown = new ArrayList<>();
            object.fieldNames().forEachRemaining(name -> {
                if (!MEMBERS.contains(name)) {
                    unknown.add(name);
                    known.remove(name);
                }
            });
            return new PolicyDocument(object, ctxt.readTreeAsValue(known, Members.class), unknown);
        }
    }
}
