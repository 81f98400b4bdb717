package dev.herald.evidence.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.evidence.artifact.ArtifactFormat;
import dev.herald.evidence.chain.ChainFormat;
import dev.herald.evidence.json.CanonicalJson;
import dev.herald.evidence.json.CanonicalJsonException;
import dev.herald.evidence.tsa.TimestampOutcome;
import java.util.Set;

/**
 * {@code artifact_schema}: the document is a phase-A voice attestation artifact of a supported
 * version, every required member is present with the right JSON type, the whole document can be
 * canonicalized, and chain entries have the shape their version prescribes (v3: hash_only with no
 * embedded payload; v1: embedded payload).
 */
final class SchemaCheck {
    private static final Check CHECK = Check.ARTIFACT_SCHEMA;

    private SchemaCheck() {}

    static CheckResult run(JsonNode a) {
        if (!a.isObject()) {
            return CheckResult.fail(CHECK, Reason.WRONG_TYPE, "artifact is not a JSON object");
        }
        for (String member : ArtifactFormat.REQUIRED_MEMBERS) {
            if (!a.has(member)) {
                return CheckResult.fail(CHECK, Reason.MISSING_MEMBER, "missing top-level member " + member);
            }
        }
        if (!ArtifactFormat.SCHEMA.equals(Nodes.text(a, "schema"))) {
            return CheckResult.fail(CHECK, Reason.WRONG_VALUE, "schema is not " + ArtifactFormat.SCHEMA);
        }
        Long version = Nodes.integer(a, "schema_version");
        String expectedArtifactVersion = version == null ? null
                : ArtifactFormat.ARTIFACT_VERSION_BY_SCHEMA_VERSION.get(version.intValue());
        if (expectedArtifactVersion == null || version.intValue() != version) {
            return CheckResult.fail(CHECK, Reason.UNSUPPORTED_VERSION, "schema_version must be 1 or 3");
        }
        if (!expectedArtifactVersion.equals(Nodes.text(a, "artifact_version"))) {
            return CheckResult.fail(CHECK, Reason.UNSUPPORTED_VERSION,
                    "artifact_version must be " + expectedArtifactVersion + " for schema_version " + version);
        }
        if (!CanonicalJson.PROFILE.equals(Nodes.text(a, "canonicalization_profile"))) {
            return CheckResult.fail(CHECK, Reason.WRONG_VALUE, "canonicalization_profile is not " + CanonicalJson.PROFILE);
        }
        JsonNode compat = a.get("verifier_compatibility");
        if (!compat.isObject() || compat.size() != 2
                || !ArtifactFormat.VERIFIER_FORMAT_VERSION.equals(Nodes.text(compat, "format_version"))
                || !compat.path("atoms_layer").isBoolean() || compat.get("atoms_layer").booleanValue()) {
            return CheckResult.fail(CHECK, Reason.WRONG_VALUE,
                    "verifier_compatibility must be {\"atoms_layer\":false,\"format_version\":\"1.0\"}");
        }
        if (Nodes.instant(a, "issued_at") == null) {
            return CheckResult.fail(CHECK, Reason.WRONG_TYPE, "issued_at is not an ISO-8601 instant");
        }
        for (String member : new String[] {"session_metadata", "chain_head", "project_chain_head", "permits", "policy_snapshot"}) {
            if (!a.get(member).isObject()) {
                return CheckResult.fail(CHECK, Reason.WRONG_TYPE, member + " is not an object");
            }
        }
        for (String member : new String[] {"chain", "signatures", "timestamp_receipts", "rfc3161_timestamp_attempts"}) {
            if (!a.get(member).isArray()) {
                return CheckResult.fail(CHECK, Reason.WRONG_TYPE, member + " is not an array");
            }
        }
        if (Nodes.text(a.get("session_metadata"), "session_id") == null) {
            return CheckResult.fail(CHECK, Reason.MISSING_MEMBER, "session_metadata.session_id is missing");
        }
        JsonNode permits = a.get("permits");
        if (!permits.path("child_tool_call_permits").isArray() || !permits.has("parent_session_permit")
                || !(permits.get("parent_session_permit").isObject() || permits.get("parent_session_permit").isNull())) {
            return CheckResult.fail(CHECK, Reason.WRONG_TYPE,
                    "permits needs parent_session_permit (object or null) and child_tool_call_permits (array)");
        }
        JsonNode receipt = a.get("rfc3161_timestamp_receipt");
        if (!receipt.isObject() && !receipt.isNull()) {
            return CheckResult.fail(CHECK, Reason.WRONG_TYPE, "rfc3161_timestamp_receipt is neither an object nor null");
        }
        if (a.has("tsa_status")) {
            String status = Nodes.text(a, "tsa_status");
            if (!TimestampOutcome.STATUS_GRANTED.equals(status) && !TimestampOutcome.STATUS_DEGRADED.equals(status)) {
                return CheckResult.fail(CHECK, Reason.WRONG_VALUE, "tsa_status must be granted or degraded_no_receipt");
            }
        }
        for (JsonNode signature : a.get("signatures")) {
            if (!signature.isObject()) {
                return CheckResult.fail(CHECK, Reason.WRONG_TYPE, "signatures[] entries must be objects");
            }
        }
        CheckResult entries = entryShapes(a.get("chain"), version.intValue());
        if (entries != null) {
            return entries;
        }
        return CheckResult.pass(CHECK, "schema_version " + version + ", artifact_version " + expectedArtifactVersion);
    }

    /**
     * The last part of this check, run by the verifier because its output is reused: the signed
     * bytes (everything but {@code signatures}) and the signatures member must canonicalize.
     * Returns the signed bytes, or null when the document holds a float or a lone surrogate.
     */
    static byte[] signedBytes(JsonNode a) {
        try {
            CanonicalJson.bytes(a.get("signatures"));
            return CanonicalJson.bytesExcluding(a, SignatureCheck.EXCLUDED);
        } catch (CanonicalJsonException e) {
            return null;
        }
    }

    static CheckResult notCanonical() {
        return CheckResult.fail(CHECK, Reason.NOT_CANONICALIZABLE,
                "the artifact holds a float, a non-finite number or an unpaired surrogate");
    }

    private static CheckResult entryShapes(JsonNode chain, int version) {
        int index = 0;
        for (JsonNode entry : chain) {
            String where = "chain[" + index++ + "]";
            if (!entry.isObject()) {
                return CheckResult.fail(CHECK, Reason.WRONG_TYPE, where + " is not an object");
            }
            for (String member : Set.of(ChainFormat.ARTIFACT_SEQUENCE, ChainFormat.PREVIOUS_CONTENT_HASH,
                    ChainFormat.CONTENT_HASH, ChainFormat.CANONICALIZED_PAYLOAD_HASH)) {
                if (!entry.has(member)) {
                    return CheckResult.fail(CHECK, Reason.MISSING_MEMBER, where + " lacks " + member);
                }
            }
            if (version == 3) {
                if (!ChainFormat.HASH_ONLY.equals(Nodes.text(entry, ChainFormat.PAYLOAD_MATERIALIZATION))) {
                    return CheckResult.fail(CHECK, Reason.WRONG_VALUE, where + ".payload_materialization must be hash_only in v3");
                }
                if (entry.has(ChainFormat.CANONICALIZED_PAYLOAD)) {
                    return CheckResult.fail(CHECK, Reason.WRONG_VALUE, where + " embeds a payload, which v3 forbids");
                }
            } else if (!entry.has(ChainFormat.CANONICALIZED_PAYLOAD)) {
                return CheckResult.fail(CHECK, Reason.MISSING_MEMBER, where + " lacks canonicalized_payload, which v1 requires");
            }
        }
        return null;
    }
}
