package dev.herald.governance.realtime;

import dev.herald.governance.policy.Decision;
import dev.herald.platform.domain.Denied;
import java.util.LinkedHashMap;
import java.util.Map;

/** The policy (or an authorization hook) denied a session start or action; nothing was written. */
public final class SessionDenied extends Denied {
    public static final String REASON = "policy-denied";
    private final Decision decision;

    public SessionDenied(Decision decision) {
        super(REASON, decision.userFacingReason());
        this.decision = decision;
    }

    public Decision decision() {
        return decision;
    }

    @Override
    public String title() {
        return "Denied by policy";
    }

    @Override
    public Map<String, Object> details() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("decision", decision.wire());
        m.put("reason_code", decision.reasonCode());
        m.put("user_facing_reason", decision.userFacingReason());
        m.put("authorization_trace", decision.trace());
        return m;
    }
}
