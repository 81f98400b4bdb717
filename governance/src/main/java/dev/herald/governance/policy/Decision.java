package dev.herald.governance.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * An allow/deny decision with the authorization trace that led to it: every rule consulted, in
 * order, with its result. A deny carries a stable {@code reasonCode} and a sentence safe to show
 * to the end user.
 */
public record Decision(boolean allowed, String reasonCode, String userFacingReason, List<Step> trace) {

    /** One rule consulted: {@code result} is {@code pass}, {@code fail} or {@code not_applicable}. */
    public record Step(String rule, String result, String detail) {
    }

    public Decision {
        trace = List.copyOf(trace);
    }

    public String wire() {
        return allowed ? "allow" : "deny";
    }

    /** Collects steps; the first failing step decides the outcome, later rules are still traced. */
    public static final class Builder {
        private final List<Step> steps = new ArrayList<>();
        private String reasonCode;
        private String reason;

        public Builder pass(String rule, String detail) {
            steps.add(new Step(rule, "pass", detail));
            return this;
        }

        public Builder skip(String rule, String detail) {
            steps.add(new Step(rule, "not_applicable", detail));
            return this;
        }

        public Builder fail(String rule, String code, String userFacingReason, String detail) {
            steps.add(new Step(rule, "fail", detail));
            if (reasonCode == null) {
                reasonCode = code;
                reason = userFacingReason;
            }
            return this;
        }

        /** {@code ok ? pass : fail}. */
        public Builder check(boolean ok, String rule, String code, String userFacingReason, String detail) {
            return ok ? pass(rule, detail) : fail(rule, code, userFacingReason, detail);
        }

        public boolean failed() {
            return reasonCode != null;
        }

        public Decision build() {
            return new Decision(reasonCode == null, reasonCode, reason, steps);
        }
    }
}
