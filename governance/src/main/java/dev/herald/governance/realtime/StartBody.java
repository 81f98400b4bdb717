package dev.herald.governance.realtime;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.platform.auth.Caller;
import dev.herald.platform.http.FieldCheck;

/**
 * The body of {@code POST /v1/sessions}: the permit that asks for a realtime session, metadata and
 * an optional risk budget. Members it does not name are left to the start's authorization hooks
 * (a Ratify {@code proof}), so they are ignored here at every level, as they always were.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StartBody(Permit permit, ObjectNode metadata, Long riskBudgetTotalMicros) {
    static final String ACTION = "realtime.session";
    static final String MODE = "realtime";

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Permit(String projectId, String idempotencyKey, Party subject, Action action, Resource resource) {
    }

    /** The subject or the resource's identity: a type and an id. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Party(String type, String id) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Action(String name) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Resource(String type, String id, Attributes attributes) {
    }

    /** What the session will run: {@code operation} and {@code execution_mode} have defaults. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Attributes(String provider, String model, String operation, String executionMode,
                             Long estimatedInputTokens, Long estimatedOutputTokens) {
    }

    /** Every field error of the body at once (the project is the scope's to check). */
    public void check() {
        FieldCheck check = new FieldCheck();
        if (permit == null) {
            check.fail("permit", "is required");
        } else {
            check.required("permit.project_id", permit.projectId()).key("permit.idempotency_key", permit.idempotencyKey());
            party(check, "permit.subject", permit.subject());
            if (permit.action() == null) {
                check.fail("permit.action", "is required");
            } else {
                String name = permit.action().name();
                check.required("permit.action.name", name);
                if (name != null && !name.isBlank() && !ACTION.equals(name)) {
                    check.fail("permit.action.name", "must be '" + ACTION + "'");
                }
            }
            resource(check, permit.resource());
        }
        check.integersOnly("metadata", metadata).nonNegative("risk_budget_total_micros", riskBudgetTotalMicros);
        check.throwIfAny();
    }

    private static void party(FieldCheck check, String at, Party party) {
        if (party == null) {
            check.fail(at, "is required");
        } else {
            check.required(at + ".type", party.type()).required(at + ".id", party.id());
        }
    }

    private static void resource(FieldCheck check, Resource resource) {
        String at = "permit.resource";
        if (resource == null) {
            check.fail(at, "is required");
            return;
        }
        check.required(at + ".type", resource.type()).required(at + ".id", resource.id());
        Attributes a = resource.attributes();
        if (a == null) {
            check.fail(at + ".attributes", "is required");
            return;
        }
        at += ".attributes";
        check.required(at + ".provider", a.provider()).required(at + ".model", a.model());
        if (a.operation() != null) {
            check.required(at + ".operation", a.operation());
        }
        if (a.executionMode() != null && !MODE.equals(a.executionMode())) {
            check.fail(at + ".execution_mode", a.executionMode().isBlank() ? "is required" : "must be '" + MODE + "'");
        }
        check.nonNegative(at + ".estimated_input_tokens", a.estimatedInputTokens())
                .nonNegative(at + ".estimated_output_tokens", a.estimatedOutputTokens());
    }

    /**
     * The start as the service takes it, for a body that passed {@link #check}. {@code body} is the
     * whole request as sent, for the hooks' own members.
     */
    public StartRequest request(Caller caller, String projectId, ObjectNode body) {
        Attributes a = permit.resource().attributes();
        return new StartRequest(caller.workspaceId(), projectId, permit.idempotencyKey(), permit.subject().type(),
                permit.subject().id(), permit.resource().type(), permit.resource().id(), a.provider(), a.model(),
                a.operation() == null ? ACTION : a.operation(), MODE,
                a.estimatedInputTokens() == null ? 0 : a.estimatedInputTokens(),
                a.estimatedOutputTokens() == null ? 0 : a.estimatedOutputTokens(),
                metadata == null ? JsonNodeFactory.instance.objectNode() : metadata,
                riskBudgetTotalMicros == null ? -1 : riskBudgetTotalMicros, body, caller);
    }
}
