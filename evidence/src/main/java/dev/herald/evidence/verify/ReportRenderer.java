package dev.herald.evidence.verify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.evidence.json.Json;
import java.util.Locale;

/**
 * Renders a report for {@code herald verify}: one line per check for people, or JSON for
 * machines. The exit code rule is {@link VerificationReport#exitCode()}.
 */
public final class ReportRenderer {
    private ReportRenderer() {}

    /**
     * Lines like {@code PASS issuer_signature: signed by sha256:...}; SKIPPED and NOT_VALIDATED are
     * written as {@code SKIP} and {@code NOTE} (neither fails the file), then a verdict line, which
     * says {@code (issuer not authenticated)} when the file verified but no trusted key signed it.
     */
    public static String text(VerificationReport report) {
        StringBuilder out = new StringBuilder();
        for (CheckResult result : report.checks()) {
            String label = switch (result.status()) {
                case PASS -> "PASS";
                case FAIL -> "FAIL";
                case NOT_VALIDATED -> "NOTE";
                case SKIPPED -> "SKIP";
            };
            out.append(label).append(' ').append(result.check().wireName());
            if (result.status() != CheckStatus.PASS) {
                out.append(" [").append(result.reason().name().toLowerCase(Locale.ROOT)).append(']');
            }
            if (!result.detail().isEmpty()) {
                out.append(": ").append(result.detail());
            }
            out.append('\n');
        }
        out.append(report.verified() ? "VERIFIED " : "NOT VERIFIED ").append(report.subject().wireName());
        if (report.verified() && !report.issuerAuthenticated()) {
            out.append(" (issuer not authenticated)");
        }
        out.append('\n');
        return out.toString();
    }

    /**
     * {@code {"subject":..., "verified":..., "issuer_authenticated":..., "checks":[{"check","status",
     * "reason","detail"}]}}.
     */
    public static ObjectNode jsonTree(VerificationReport report) {
        ObjectNode root = Json.object();
        root.put("subject", report.subject().wireName());
        root.put("verified", report.verified());
        root.put("issuer_authenticated", report.issuerAuthenticated());
        ArrayNode checks = root.putArray("checks");
        for (CheckResult result : report.checks()) {
            ObjectNode c = checks.addObject();
            c.put("check", result.check().wireName());
            c.put("status", result.status().name().toLowerCase(Locale.ROOT));
            c.put("reason", result.reason().name().toLowerCase(Locale.ROOT));
            c.put("detail", result.detail());
        }
        return root;
    }

    public static String json(VerificationReport report) {
        return Json.pretty(jsonTree(report)) + "\n";
    }
}
