package dev.herald.evidence.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.evidence.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Offline verifier for attestation artifacts (schema versions 3 and 1). Needs nothing from
 * Herald: only the artifact, optional pinned issuer keys and TSA trust anchors. Bad evidence is
 * reported as failed checks, never thrown. When {@code artifact_schema} fails nothing else can be
 * interpreted, so the remaining checks are SKIPPED. Thread-safe.
 */
public final class ArtifactVerifier {
    /** Order of checks in every artifact report. */
    public static final List<Check> CHECKS = List.of(Check.ARTIFACT_SCHEMA, Check.ISSUER_SIGNATURE,
            Check.CHAIN_INTEGRITY, Check.POLICY_SNAPSHOT_HASH, Check.RFC3161_TIMESTAMP_RECEIPT,
            Check.PROJECT_CHAIN_HEAD_BINDING, Check.TSA_CERTIFICATE_CHAIN, Check.TIMESTAMP_NOT_BEFORE_FIRST_EVENT,
            Check.ISSUER_AUTHENTICATED, Check.PERMIT_LINKAGE);

    private final VerifyOptions options;

    public ArtifactVerifier(VerifyOptions options) {
        this.options = options;
    }

    public VerificationReport verify(byte[] artifactJson) {
        JsonNode artifact;
        try {
            artifact = Json.parse(artifactJson);
        } catch (IOException e) {
            return notJson(e.getMessage());
        }
        return verify(artifact);
    }

    public VerificationReport verify(JsonNode artifact) {
        List<CheckResult> results = new ArrayList<>();
        CheckResult schema = SchemaCheck.run(artifact);
        byte[] signed = schema.status() == CheckStatus.PASS ? SchemaCheck.signedBytes(artifact) : null;
        if (schema.status() == CheckStatus.PASS && signed == null) {
            schema = SchemaCheck.notCanonical();
        }
        results.add(schema);
        if (schema.status() != CheckStatus.PASS) {
            for (Check check : CHECKS.subList(1, CHECKS.size())) {
                results.add(CheckResult.skipped(check, Reason.PREREQUISITE_FAILED, "artifact_schema failed"));
            }
            return new VerificationReport(VerificationReport.Subject.ARTIFACT, results);
        }
        results.add(SignatureCheck.run(artifact, signed));
        results.add(ChainCheck.run(artifact));
        results.add(PolicyCheck.run(artifact));
        ReceiptCheck.Outcome receipt = ReceiptCheck.run(artifact);
        results.add(receipt.result());
        results.add(ProjectChainHeadCheck.run(artifact));
        Optional<ParsedToken> token = receipt.token();
        CheckResult tsa = TsaChainCheck.run(token, options.tsaTrustAnchors());
        results.add(tsa);
        results.add(TimeOrderCheck.run(artifact, token, tsa));
        results.add(IssuerAuthenticationCheck.run(IssuerAuthenticationCheck.keysOf(artifact.get("signatures")), options,
                issueTime(artifact, token, tsa)));
        results.add(PermitLinkageCheck.run(artifact));
        return new VerificationReport(VerificationReport.Subject.ARTIFACT, applyTrustDemand(results, options));
    }

    /**
     * The time a signing key must have been valid at: the TSA's genTime when its token is from a
     * trusted TSA (the signer cannot choose it), else the artifact's own {@code issued_at}.
     */
    private static IssuerAuthenticationCheck.IssueTime issueTime(JsonNode artifact, Optional<ParsedToken> token,
            CheckResult tsa) {
        if (token.isPresent() && tsa.status() == CheckStatus.PASS) {
            return new IssuerAuthenticationCheck.IssueTime(token.get().genTime(), "the trusted time-stamp's genTime");
        }
        return new IssuerAuthenticationCheck.IssueTime(Nodes.instant(artifact, "issued_at"), "issued_at");
    }

    static List<CheckResult> applyTrustDemand(List<CheckResult> results, VerifyOptions options) {
        if (!options.requireTrust()) {
            return results;
        }
        return results.stream()
                .map(r -> r.status() == CheckStatus.NOT_VALIDATED
                        ? new CheckResult(r.check(), CheckStatus.FAIL, r.reason(), r.detail() + " (trust required)")
                        : r)
                .toList();
    }

    static VerificationReport notJson(String message) {
        List<CheckResult> results = new ArrayList<>();
        results.add(CheckResult.fail(Check.ARTIFACT_SCHEMA, Reason.NOT_JSON, "not a JSON document: " + firstLine(message)));
        for (Check check : CHECKS.subList(1, CHECKS.size())) {
            results.add(CheckResult.skipped(check, Reason.PREREQUISITE_FAILED, "artifact_schema failed"));
        }
        return new VerificationReport(VerificationReport.Subject.UNKNOWN, results);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
