package dev.herald.ratify;

import java.util.List;
import java.util.Objects;

/**
 * The deterministic outcome of a verification (SPEC 5.9). {@code reason} is null on success;
 * {@code errorReason} is null on success and otherwise starts with the reason code. {@code humanId}
 * and {@code agentId} are null on failures that cannot name them (only expired and revoked do).
 */
public record VerifyResult(
        boolean valid,
        String humanId,
        String agentId,
        List<String> grantedScope,
        IdentityStatus identityStatus,
        FailureReason reason,
        String errorReason,
        Anchor anchor) {

    public VerifyResult {
        grantedScope = grantedScope == null ? List.of() : List.copyOf(grantedScope);
        Objects.requireNonNull(identityStatus, "identityStatus");
        if (valid != identityStatus.isSuccess()) {
            throw new IllegalArgumentException("valid must agree with identityStatus");
        }
    }

    public static VerifyResult success(String humanId, String agentId, List<String> granted) {
        return new VerifyResult(true, humanId, agentId, granted, IdentityStatus.AUTHORIZED_AGENT,
                null, null, null);
    }

    /** A failure whose error_reason is {@code "<code>: <detail>"}. */
    public static VerifyResult failure(FailureReason reason, String detail) {
        return new VerifyResult(false, null, null, List.of(), reason.status(), reason,
                reason.code() + ": " + detail, null);
    }

    public VerifyResult withAnchor(Anchor a) {
        return new VerifyResult(valid, humanId, agentId, grantedScope, identityStatus, reason,
                errorReason, a);
    }

    /** The wire form of SPEC 5.9 (optional fields omitted when empty). */
    public String toJson() {
        return new String(RatifyJson.encode(this), java.nio.charset.StandardCharsets.UTF_8);
    }
}
