package dev.herald.evidence.artifact;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/** Names and fixed values of the {@code keel.voice.attestation.phase_a} artifact. */
public final class ArtifactFormat {
    public static final String SCHEMA = "keel.voice.attestation.phase_a";
    public static final int SCHEMA_VERSION = 3;
    public static final String ARTIFACT_VERSION = "1.2.0";
    /** Accepted schema versions and the artifact version each implies. */
    public static final Map<Integer, String> ARTIFACT_VERSION_BY_SCHEMA_VERSION = Map.of(1, "1.0.0", 3, "1.2.0");
    public static final String VERIFIER_FORMAT_VERSION = "1.0";
    public static final String KEY_PURPOSE = "export_signing";
    public static final String WITNESS_TYPE = "external timestamp witness";

    /** Top-level members every artifact must have. */
    public static final List<String> REQUIRED_MEMBERS = List.of(
            "schema", "schema_version", "artifact_version", "canonicalization_profile", "verifier_compatibility",
            "issued_at", "session_metadata", "chain", "chain_head", "project_chain_head", "permits",
            "policy_snapshot", "signatures", "rfc3161_timestamp_receipt", "timestamp_receipts",
            "rfc3161_timestamp_attempts");

    private ArtifactFormat() {}

    /** Instants are written as ISO-8601 UTC with whole seconds, e.g. {@code 2026-05-21T14:35:00Z}. */
    public static String instant(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
