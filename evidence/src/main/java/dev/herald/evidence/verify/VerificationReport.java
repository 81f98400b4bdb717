package dev.herald.evidence.verify;

import java.util.List;
import java.util.Optional;

/** All check results for one file, in a fixed order. */
public record VerificationReport(Subject subject, List<CheckResult> checks) {
    /** What was verified. */
    public enum Subject {
        ARTIFACT("attestation_artifact"),
        EXPORT("compliance_export"),
        UNKNOWN("unknown");

        private final String wireName;

        Subject(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    public VerificationReport {
        checks = List.copyOf(checks);
    }

    /** True when no check failed. */
    public boolean verified() {
        return !checks.isEmpty() && checks.stream().noneMatch(c -> c.status() == CheckStatus.FAIL);
    }

    /**
     * True when {@code issuer_authenticated} passed: the signing key is pinned or published by the
     * issuer. A verified file whose issuer is not authenticated is intact, not necessarily genuine.
     */
    public boolean issuerAuthenticated() {
        return status(Check.ISSUER_AUTHENTICATED) == CheckStatus.PASS;
    }

    /** {@code herald verify} exit code: 0 verified, 1 not verified. */
    public int exitCode() {
        return verified() ? 0 : 1;
    }

    public Optional<CheckResult> result(Check check) {
        return checks.stream().filter(c -> c.check() == check).findFirst();
    }

    public CheckStatus status(Check check) {
        return result(check).map(CheckResult::status).orElse(CheckStatus.SKIPPED);
    }
}
