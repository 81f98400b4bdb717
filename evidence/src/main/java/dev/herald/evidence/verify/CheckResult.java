package dev.herald.evidence.verify;

/** Outcome of one check. {@code detail} is a short human explanation (which entry, which anchor). */
public record CheckResult(Check check, CheckStatus status, Reason reason, String detail) {
    public CheckResult {
        if (check == null || status == null || reason == null) {
            throw new IllegalArgumentException("check, status and reason are required");
        }
        detail = detail == null ? "" : detail;
    }

    static CheckResult pass(Check check, String detail) {
        return new CheckResult(check, CheckStatus.PASS, Reason.OK, detail);
    }

    static CheckResult fail(Check check, Reason reason, String detail) {
        return new CheckResult(check, CheckStatus.FAIL, reason, detail);
    }

    static CheckResult notValidated(Check check, Reason reason, String detail) {
        return new CheckResult(check, CheckStatus.NOT_VALIDATED, reason, detail);
    }

    static CheckResult skipped(Check check, Reason reason, String detail) {
        return new CheckResult(check, CheckStatus.SKIPPED, reason, detail);
    }
}
