package dev.herald.governance.platforms;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.herald.ratify.Scopes;
import dev.herald.platform.http.FieldCheck;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The organization's approved voice policy for one platform (Ratify Voice surface): the scopes an
 * agent's delegation must grant for it to start a session, the scope each follow-up action needs on
 * top of speaking, whether a proof is required at session start at all, and whether every turn
 * must carry a streamed-turn proof as well.
 *
 * @param requiredSessionScopes scopes checked at session start (default {@code meeting:attend},
 *                              {@code meeting:speak})
 * @param actionScopes          action kind to the scope it needs, e.g. {@code tool_call -> execute:tool}
 * @param proofRequired         a platform session starts only with a Ratify proof (default true)
 * @param proofRequiredOnEveryTurn every turn of a proof-started session must carry a streamed-turn
 *                              proof ({@code ratify: {session_token, turn}}); a turn without one is
 *                              denied ({@code turn_proof_required}). Default false: the proof is optional
 *                              per turn. Needs {@code proofRequired}.
 * @param approvedBy            the API key id that approved it, null for the built-in default
 * @param approvedAt            epoch ms of approval, null for the default
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record VoicePolicy(List<String> requiredSessionScopes, Map<String, String> actionScopes,
                          boolean proofRequired, boolean proofRequiredOnEveryTurn, String approvedBy,
                          Long approvedAt) {
    public static final String TOOL_CALL = "tool_call";
    public static final String CRM_WRITE = "crm_write";
    public static final String OUTBOUND_MESSAGE = "outbound_message";
    public static final String PAYMENT = "payment";

    /** What applies until the organization approves its own policy. */
    public static final VoicePolicy DEFAULT = new VoicePolicy(List.of("meeting:attend", "meeting:speak"),
            Map.of(TOOL_CALL, "execute:tool", CRM_WRITE, "data:write", OUTBOUND_MESSAGE, "comms:message:send",
                    PAYMENT, "payments:send"),
            true, false, null, null);

    public VoicePolicy {
        requiredSessionScopes = List.copyOf(requiredSessionScopes);
        actionScopes = Map.copyOf(new TreeMap<>(actionScopes));
    }

    /** The scope {@code action} needs, if the policy names one. */
    public java.util.Optional<String> scopeFor(String action) {
        return java.util.Optional.ofNullable(actionScopes.get(action));
    }

    /** Validates a proposed policy, naming bad fields; unknown scope strings are rejected. */
    static void check(FieldCheck check, List<String> sessionScopes, Map<String, String> actionScopes,
                      boolean proofRequired, boolean proofRequiredOnEveryTurn) {
        if (proofRequiredOnEveryTurn && !proofRequired) {
            check.fail("proof_required_on_every_turn", "needs proof_required: true (a session started without a "
                    + "proof has no session token to prove its turns with)");
        }
        if (sessionScopes != null) {
            if (sessionScopes.size() > 32) {
                check.fail("required_session_scopes", "must list at most 32 scopes");
            }
            for (int i = 0; i < sessionScopes.size(); i++) {
                String scope = sessionScopes.get(i);
                if (scope == null) {
                    check.fail("required_session_scopes[" + i + "]", "must be a string");
                } else if (!Scopes.isValid(scope)) {
                    check.fail("required_session_scopes[" + i + "]", "is not a Ratify scope: " + sessionScopes.get(i));
                }
            }
        }
        if (actionScopes != null) {
            if (actionScopes.size() > 32) {
                check.fail("action_scopes", "must map at most 32 actions");
            }
            actionScopes.forEach((action, scope) -> {
                if (action == null || !action.matches("[a-z][a-z0-9_]{0,49}")) {
                    check.fail("action_scopes", "action names are lower-case words like tool_call, got " + action);
                } else if (scope == null || !Scopes.isValid(scope)) {
                    check.fail("action_scopes." + action, "is not a Ratify scope: " + scope);
                }
            });
        }
    }
}
