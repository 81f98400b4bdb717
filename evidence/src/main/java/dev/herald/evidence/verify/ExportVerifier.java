package dev.herald.evidence.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.evidence.export.ExportFilter;
import dev.herald.evidence.export.ExportFormat;
import dev.herald.evidence.json.CanonicalJson;
import dev.herald.evidence.keys.IssuerPublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies a signed compliance export: its shape, that the manifest's content hash and counts
 * describe the export, the manifest signature (and pinned key), that every embedded artifact
 * verifies on its own, and that every listed event is an entry of its session's chain and matches
 * the recorded filter. Thread-safe.
 */
public final class ExportVerifier {
    public static final List<Check> CHECKS = List.of(Check.EXPORT_SCHEMA, Check.EXPORT_CONTENT_HASH,
            Check.EXPORT_SIGNATURE, Check.ISSUER_AUTHENTICATED, Check.EXPORT_SESSION_ARTIFACTS, Check.EXPORT_EVENT_SELECTION);
    private static final Set<String> SIGNATURE_MEMBER = Set.of("signature");

    private final VerifyOptions options;
    private final ArtifactVerifier artifacts;

    public ExportVerifier(VerifyOptions options) {
        this.options = options;
        this.artifacts = new ArtifactVerifier(options);
    }

    public VerificationReport verify(JsonNode document) {
        List<CheckResult> results = new ArrayList<>();
        CheckResult schema = schema(document);
        results.add(schema);
        if (schema.status() != CheckStatus.PASS) {
            for (Check check : CHECKS.subList(1, CHECKS.size())) {
                results.add(CheckResult.skipped(check, Reason.PREREQUISITE_FAILED, "export_schema failed"));
            }
            return new VerificationReport(VerificationReport.Subject.EXPORT, results);
        }
        JsonNode manifest = document.get("manifest");
        JsonNode export = document.get("export");
        results.add(contentHash(manifest, export));
        results.add(signature(manifest));
        results.add(issuerAuthenticated(manifest));
        results.add(sessionArtifacts(export));
        results.add(selection(export));
        return new VerificationReport(VerificationReport.Subject.EXPORT, ArtifactVerifier.applyTrustDemand(results, options));
    }

    private static CheckResult schema(JsonNode document) {
        Check check = Check.EXPORT_SCHEMA;
        if (!document.isObject() || !document.path("manifest").isObject() || !document.path("export").isObject()) {
            return CheckResult.fail(check, Reason.MISSING_MEMBER, "document needs manifest and export objects");
        }
        JsonNode manifest = document.get("manifest");
        JsonNode export = document.get("export");
        if (!ExportFormat.EXPORT_TYPE.equals(Nodes.text(export, "export_type"))
                || !ExportFormat.EXPORT_TYPE.equals(Nodes.text(manifest, "export_type"))) {
            return CheckResult.fail(check, Reason.WRONG_VALUE, "export_type must be full_audit");
        }
        Long exportVersion = Nodes.integer(export, "export_version");
        Long manifestVersion = Nodes.integer(manifest, "manifest_version");
        if (exportVersion == null || exportVersion != ExportFormat.EXPORT_VERSION
                || manifestVersion == null || manifestVersion != ExportFormat.MANIFEST_VERSION) {
            return CheckResult.fail(check, Reason.UNSUPPORTED_VERSION, "export_version and manifest_version must be 1");
        }
        if (Nodes.instant(export, "created_at") == null || Nodes.instant(manifest, "created_at") == null
                || !Nodes.text(export, "created_at").equals(Nodes.text(manifest, "created_at"))) {
            return CheckResult.fail(check, Reason.WRONG_VALUE, "created_at must be the same instant in manifest and export");
        }
        if (ExportFilter.fromJson(export.path("filter")).isEmpty()) {
            return CheckResult.fail(check, Reason.WRONG_VALUE, "export.filter is malformed");
        }
        if (!export.path("sessions").isArray()) {
            return CheckResult.fail(check, Reason.WRONG_TYPE, "export.sessions is not an array");
        }
        for (JsonNode session : export.get("sessions")) {
            if (Nodes.text(session, "session_id") == null || !session.path("artifact").isObject() || !session.path("events").isArray()) {
                return CheckResult.fail(check, Reason.WRONG_TYPE, "each session needs session_id, artifact and events");
            }
        }
        return CheckResult.pass(check, export.get("sessions").size() + " session(s)");
    }

    private static CheckResult contentHash(JsonNode manifest, JsonNode export) {
        Check check = Check.EXPORT_CONTENT_HASH;
        String computed;
        try {
            computed = CanonicalJson.sha256(export).prefixed();
        } catch (RuntimeException e) {
            return CheckResult.fail(check, Reason.NOT_CANONICALIZABLE, e.getMessage());
        }
        if (!computed.equals(Nodes.text(manifest, "export_content_hash"))) {
            return CheckResult.fail(check, Reason.EXPORT_HASH_MISMATCH, "export hashes to " + computed + ", not the manifest's export_content_hash");
        }
        int events = 0;
        for (JsonNode session : export.get("sessions")) {
            events += session.get("events").size();
        }
        Long sessionCount = Nodes.integer(manifest, "session_count");
        Long eventCount = Nodes.integer(manifest, "event_count");
        if (sessionCount == null || sessionCount != export.get("sessions").size() || eventCount == null || eventCount != events) {
            return CheckResult.fail(check, Reason.WRONG_VALUE, "manifest session_count/event_count do not describe the export");
        }
        return CheckResult.pass(check, computed);
    }

    private static CheckResult signature(JsonNode manifest) {
        Check check = Check.EXPORT_SIGNATURE;
        if (!"ed25519".equals(Nodes.text(manifest, "algorithm"))) {
            return CheckResult.fail(check, Reason.WRONG_VALUE, "manifest algorithm is not ed25519");
        }
        IssuerPublicKey key = IssuerPublicKey.parse(Nodes.text(manifest, "public_key"));
        if (key == null) {
            return CheckResult.fail(check, Reason.BAD_PUBLIC_KEY, "manifest public_key is not an Ed25519 key");
        }
        if (!key.matchesKeyId(Nodes.text(manifest, "key_id"))) {
            return CheckResult.fail(check, Reason.KEY_ID_MISMATCH, "manifest key_id does not derive from public_key");
        }
        byte[] signature = SignatureCheck.decodeSignature(Nodes.text(manifest, "signature"));
        byte[] signed = CanonicalJson.bytesExcluding(manifest, SIGNATURE_MEMBER);
        if (signature == null || !key.verify(signed, signature)) {
            return CheckResult.fail(check, Reason.BAD_SIGNATURE, "manifest signature does not verify under " + key.keyId());
        }
        return CheckResult.pass(check, "signed by " + key.keyId());
    }

    private CheckResult issuerAuthenticated(JsonNode manifest) {
        return IssuerAuthenticationCheck.run(java.util.Collections.singletonList(
                        IssuerPublicKey.parse(Nodes.text(manifest, "public_key"))), options,
                new IssuerAuthenticationCheck.IssueTime(Nodes.instant(manifest, "created_at"), "manifest created_at"));
    }

    private CheckResult sessionArtifacts(JsonNode export) {
        Check check = Check.EXPORT_SESSION_ARTIFACTS;
        List<String> problems = new ArrayList<>();
        int notes = 0;
        for (JsonNode session : export.get("sessions")) {
            VerificationReport report = artifacts.verify(session.get("artifact"));
            String sessionId = Nodes.text(session, "session_id");
            if (!report.verified()) {
                report.checks().stream().filter(c -> c.status() == CheckStatus.FAIL)
                        .forEach(c -> problems.add(sessionId + ": " + c.check().wireName()));
            }
            notes += (int) report.checks().stream().filter(c -> c.status() == CheckStatus.NOT_VALIDATED).count();
        }
        if (!problems.isEmpty()) {
            return CheckResult.fail(check, Reason.ARTIFACT_NOT_VERIFIED, "failed: " + String.join(", ", problems));
        }
        return CheckResult.pass(check, export.get("sessions").size() + " artifact(s) verified"
                + (notes > 0 ? " (" + notes + " check(s) not validated against a trust anchor)" : ""));
    }

    private static CheckResult selection(JsonNode export) {
        Check check = Check.EXPORT_EVENT_SELECTION;
        ExportFilter filter = ExportFilter.fromJson(export.get("filter")).orElseThrow();
        int index = 0;
        for (JsonNode session : export.get("sessions")) {
            String where = "sessions[" + index++ + "]";
            JsonNode artifact = session.get("artifact");
            String sessionId = Nodes.text(session, "session_id");
            if (!sessionId.equals(Nodes.text(artifact.path("session_metadata"), "session_id"))) {
                return CheckResult.fail(check, Reason.SESSION_MISMATCH, where + ".session_id is not its artifact's session");
            }
            if (!filter.matchesSession(sessionId)) {
                return CheckResult.fail(check, Reason.EVENT_OUTSIDE_FILTER, where + " is not selected by the filter");
            }
            Map<Long, JsonNode> bySequence = new HashMap<>();
            for (JsonNode entry : artifact.path("chain")) {
                Long sequence = Nodes.integer(entry, "artifact_sequence");
                if (sequence != null) {
                    bySequence.putIfAbsent(sequence, entry);
                }
            }
            for (JsonNode event : session.get("events")) {
                JsonNode entry = Optional.ofNullable(Nodes.integer(event, "artifact_sequence")).map(bySequence::get).orElse(null);
                if (entry == null || !entry.equals(event)) {
                    return CheckResult.fail(check, Reason.EVENT_NOT_IN_CHAIN, where + " lists an event that is not an entry of its chain");
                }
                if (!filter.matchesEvent(event)) {
                    return CheckResult.fail(check, Reason.EVENT_OUTSIDE_FILTER, where + " lists an event outside the filter");
                }
            }
            if (filter.hasEventCriteria() && session.get("events").isEmpty()) {
                return CheckResult.fail(check, Reason.EVENT_OUTSIDE_FILTER, where + " has no selected event");
            }
        }
        return CheckResult.pass(check, "every listed event is in its chain and inside the filter");
    }
}
