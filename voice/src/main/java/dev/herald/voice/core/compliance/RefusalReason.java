package dev.herald.voice.core.compliance;

import dev.herald.voice.core.call.CallOutcome;
import java.util.Optional;

/**
 * Why the gate refused a dial. A closed set, checked in this order. {@link #recordedAs()} is the
 * call outcome a refused dial is recorded with; the two concurrency reasons are deferrals, not
 * refusals of the lead, and are not recorded as calls at all.
 */
public enum RefusalReason {
    DO_NOT_CALL("do_not_call", CallOutcome.DO_NOT_CALL),
    /** The lead has not granted consent to automated calls (denied or never recorded). */
    MISSING_CONSENT("missing_consent", CallOutcome.FAILED),
    /** The lead has no time zone and the policy names no fallback zones. */
    UNKNOWN_TIME_ZONE("unknown_time_zone", CallOutcome.OUTSIDE_CALLING_HOURS),
    OUTSIDE_CALLING_HOURS("outside_calling_hours", CallOutcome.OUTSIDE_CALLING_HOURS),
    WORKSPACE_CONCURRENCY_LIMIT("workspace_concurrency_limit", null),
    CAMPAIGN_CONCURRENCY_LIMIT("campaign_concurrency_limit", null);

    private final String wire;
    private final CallOutcome outcome;

    RefusalReason(String wire, CallOutcome outcome) {
        this.wire = wire;
        this.outcome = outcome;
    }

    public String wire() {
        return wire;
    }

    public Optional<CallOutcome> recordedAs() {
        return Optional.ofNullable(outcome);
    }

    /** True when waiting alone can lift the refusal (the window opens, a live call ends). */
    public boolean temporary() {
        return this == OUTSIDE_CALLING_HOURS || outcome == null;
    }
}
