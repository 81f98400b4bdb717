package dev.herald.platform.egress;

import java.util.Optional;

/** What one outbound request came to: an HTTP answer, or a coarse failure class. */
public sealed interface EgressResult {
    /** The receiver answered; {@code retryAfter} is its {@code Retry-After} header, if any. */
    record Answered(int status, Optional<String> retryAfter) implements EgressResult {
    }

    /** No usable answer. */
    record Failed(EgressFailure failure) implements EgressResult {
    }
}
