package dev.herald.governance.realtime;

import dev.herald.platform.HeraldException;
import dev.herald.governance.policy.Decision;
import java.util.LinkedHashMap;
import java.util.Map;

/** 403: the policy (or an authorization hook) denied a session start or action; nothing was written. */
public final class SessionDenied extends HeraldException {
    private final Decision decision;

    public SessionDenied(Decision decision) {
        super(403, "policy-denied", "Denied by policy", decision.userFacingReason());
        this.decision = decision;
    }

    public Decision decision() {
        return decision;
    }

    @Override
    public Map<String, Object> extensions() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("decision", decision.wire());
        m.put("reason_code", decision.reasonCode());
        m.put("user_facing_reason", decision.userFacingReason());
        m.put("authorization_trace", decision.trace());
        return m;
    }
}
