package dev.herald.evidence.tsa;

import java.util.List;
import java.util.Optional;

/** Every attempt made, in order, and the receipt of the first TSA that granted (if any). */
public record TimestampOutcome(Optional<TimestampReceipt> receipt, List<TimestampAttempt> attempts) {
    public static final String STATUS_GRANTED = "granted";
    public static final String STATUS_DEGRADED = "degraded_no_receipt";

    public TimestampOutcome {
        attempts = List.copyOf(attempts);
    }

    /** The artifact's {@code tsa_status}. */
    public String tsaStatus() {
        return receipt.isPresent() ? STATUS_GRANTED : STATUS_DEGRADED;
    }
}
