package dev.herald.evidence.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code timestamp_not_before_first_event}: the TSA's genTime is not earlier than the session's
 * first event ({@code chain[0].occurred_at}, or {@code session_metadata.started_at} for an empty
 * chain). A genTime is only evidence when its token is validated against a trust anchor, so when
 * {@code tsa_certificate_chain} did not pass this check is NOT_VALIDATED whatever the times say
 * (the detail still reports the comparison).
 */
final class TimeOrderCheck {
    private static final Check CHECK = Check.TIMESTAMP_NOT_BEFORE_FIRST_EVENT;

    private TimeOrderCheck() {}

    static CheckResult run(JsonNode a, Optional<ParsedToken> token, CheckResult tsaChain) {
        if (token.isEmpty()) {
            return CheckResult.skipped(CHECK, Reason.PREREQUISITE_FAILED, "no usable time-stamp receipt");
        }
        Instant genTime = token.get().genTime();
        JsonNode chain = a.get("chain");
        String source = chain.isEmpty() ? "session_metadata.started_at" : "chain[0].occurred_at";
        Instant first = chain.isEmpty() ? Nodes.instant(a.get("session_metadata"), "started_at")
                : Nodes.instant(chain.get(0), "occurred_at");
        if (first == null) {
            return CheckResult.fail(CHECK, Reason.WRONG_VALUE, source + " is missing or not an ISO-8601 instant");
        }
        boolean ordered = !genTime.isBefore(first);
        String comparison = "genTime " + genTime + (ordered ? " is not before " : " is before ") + source + " " + first;
        if (tsaChain.status() != CheckStatus.PASS) {
            return CheckResult.notValidated(CHECK, Reason.UNTRUSTED_TIME, comparison + ", but the token is not from a trusted TSA");
        }
        return ordered ? CheckResult.pass(CHECK, comparison)
                : CheckResult.fail(CHECK, Reason.GEN_TIME_BEFORE_FIRST_EVENT, comparison);
    }
}
