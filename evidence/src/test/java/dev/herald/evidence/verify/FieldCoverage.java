package dev.herald.evidence.verify;

import static dev.herald.evidence.verify.Check.ARTIFACT_SCHEMA;
import static dev.herald.evidence.verify.Check.CHAIN_INTEGRITY;
import static dev.herald.evidence.verify.Check.ISSUER_SIGNATURE;
import static dev.herald.evidence.verify.Check.PROJECT_CHAIN_HEAD_BINDING;
import static dev.herald.evidence.verify.Check.PERMIT_LINKAGE;
import static dev.herald.evidence.verify.Check.POLICY_SNAPSHOT_HASH;
import static dev.herald.evidence.verify.Check.RFC3161_TIMESTAMP_RECEIPT;
import static dev.herald.evidence.verify.Check.TIMESTAMP_NOT_BEFORE_FIRST_EVENT;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The documented field-to-check mapping: which checks must fail when one field of an artifact
 * changes (CHANGE) or disappears (REMOVE), when the artifact is re-signed afterwards so that
 * {@code issuer_signature} is out of the picture. Without re-signing, every change outside
 * {@code signatures} additionally fails {@code issuer_signature}, except when
 * {@code artifact_schema} fails, which stops all other checks.
 *
 * <p>Paths use {@code [i]} for any array index. Rules are tried in order; a field no rule maps
 * makes the test fail, so every field is accounted for. The rules that map to no check list the
 * fields only the issuer signature protects.
 */
final class FieldCoverage {
    enum Sample { HERALD, KEEL_V3, KEEL_V1 }

    private record Rule(FieldWalker.Kind kind, Pattern path, Set<Check> checks) {
        boolean matches(FieldWalker.Kind k, String p) {
            return (kind == null || kind == k) && path.matcher(p).matches();
        }
    }

    private static final FieldWalker.Kind CHANGE = FieldWalker.Kind.CHANGE;
    private static final FieldWalker.Kind REMOVE = FieldWalker.Kind.REMOVE;

    private static final String TOP_REQUIRED = "schema|schema_version|artifact_version|canonicalization_profile"
            + "|verifier_compatibility|issued_at|session_metadata|chain|chain_head|project_chain_head|permits"
            + "|policy_snapshot|signatures|rfc3161_timestamp_receipt|timestamp_receipts|rfc3161_timestamp_attempts";
    private static final String PERMIT = "permits\\.child_tool_call_permits\\[i\\]";
    private static final String BINDING = "permit_id|session_id|binding_session_id|binding_project_anchor_hash|binding_session_event_hash";

    private static final List<Rule> RULES = List.of(
            // artifact_schema: identity, versions, required members and their JSON types
            rule(null, "verifier_compatibility(\\..*)?", ARTIFACT_SCHEMA),
            rule(REMOVE, "(" + TOP_REQUIRED + ")", ARTIFACT_SCHEMA),
            rule(CHANGE, "schema|schema_version|artifact_version|canonicalization_profile|issued_at|tsa_status", ARTIFACT_SCHEMA),
            rule(REMOVE, "chain\\[i\\]\\.(artifact_sequence|previous_content_hash|content_hash|canonicalized_payload_hash|payload_materialization|canonicalized_payload)", ARTIFACT_SCHEMA),
            rule(CHANGE, "chain\\[i\\]\\.payload_materialization", ARTIFACT_SCHEMA),
            rule(REMOVE, "session_metadata\\.session_id", ARTIFACT_SCHEMA),
            rule(null, "permits\\.(parent_session_permit|child_tool_call_permits)", ARTIFACT_SCHEMA),
            rule(CHANGE, "rfc3161_timestamp_receipt|timestamp_receipts|rfc3161_timestamp_attempts", ARTIFACT_SCHEMA),
            // chain_integrity (see resigned() for the entries other checks also read)
            rule(null, "chain\\[i\\](\\..*)?", CHAIN_INTEGRITY),
            rule(null, "chain_head\\..*", CHAIN_INTEGRITY),
            rule(CHANGE, "session_metadata\\.session_id", CHAIN_INTEGRITY, PERMIT_LINKAGE),
            rule(CHANGE, "session_metadata\\.(started_at|ended_at)", CHAIN_INTEGRITY),
            rule(null, "project_chain_head\\.chain_scope", CHAIN_INTEGRITY),
            // policy_snapshot_hash
            rule(null, "session_metadata\\.policy_snapshot_(hash|id)", POLICY_SNAPSHOT_HASH),
            rule(null, "policy_snapshot\\..*", POLICY_SNAPSHOT_HASH),
            rule(null, PERMIT + "\\.policy_snapshot_hash", POLICY_SNAPSHOT_HASH),
            // rfc3161_timestamp_receipt (+ permit_linkage, which also binds to the project head)
            rule(null, "project_chain_head\\.content_hash", RFC3161_TIMESTAMP_RECEIPT, PERMIT_LINKAGE),
            rule(null, "project_chain_head\\.sequence", RFC3161_TIMESTAMP_RECEIPT),
            rule(null, "rfc3161_timestamp_receipt\\..*", RFC3161_TIMESTAMP_RECEIPT),
            rule(null, "timestamp_receipts\\[i\\](\\..*)?", RFC3161_TIMESTAMP_RECEIPT),
            rule(null, "rfc3161_timestamp_attempts\\[i\\]\\.(provider|url|status)", RFC3161_TIMESTAMP_RECEIPT),
            // permit_linkage
            rule(null, PERMIT + "\\.(" + BINDING + ")", PERMIT_LINKAGE),
            // issuer_signature: the signature entry itself (meaningful only without re-signing)
            rule(null, "signatures\\[i\\]\\.(algorithm|content_hash|key_id|public_key|signature)", ISSUER_SIGNATURE),
            // Covered by the issuer signature alone: descriptive members no other check can recompute.
            rule(null, "signatures\\[i\\]\\.(key_purpose|signed_at)"),
            rule(null, "session_metadata\\.(modality|model|project_id|provider|status|operation|region_code)"),
            rule(REMOVE, "session_metadata\\.(started_at|ended_at)"),
            rule(null, "region_anchor"),
            rule(REMOVE, "tsa_status"),
            rule(null, PERMIT + "(\\..*)?"),
            rule(null, "permits\\.parent_session_permit\\..*"),
            rule(null, "project_chain_head\\.(event_id|event_type|previous_content_hash)"),
            rule(null, "rfc3161_timestamp_attempts\\[i\\]\\.(attempted_at|witness_type|detail)"));

    /** What Herald's project chain head hash is recomputed from (the session-derived rule here). */
    private static final Pattern ANCHOR_INPUTS = Pattern.compile("chain_head\\.(content_hash|sequence)|project_chain_head\\..*");

    private FieldCoverage() {}

    private static Rule rule(FieldWalker.Kind kind, String regex, Check... checks) {
        Set<Check> set = EnumSet.noneOf(Check.class);
        set.addAll(List.of(checks));
        return new Rule(kind, Pattern.compile(regex), set);
    }

    static String normalize(String path) {
        return path.replaceAll("\\[\\d+]", "[i]");
    }

    /**
     * Checks expected to fail after re-signing, or null when no rule maps the field.
     *
     * <p>Besides the path rules, four contextual additions:
     * <ul>
     *   <li>in Herald's artifact, project_chain_head_binding recomputes the project chain head hash
     *       from chain_head and project_chain_head (the session-derived rule, which does not read
     *       session_metadata); Keel's samples follow no rule it can recompute (NOT_VALIDATED);
     *   <li>the first event's {@code occurred_at} is also read by timestamp_not_before_first_event;
     *   <li>a chain entry that a permit is bound to: changing its {@code content_hash} or its
     *       non-null {@code permit_id} also breaks permit_linkage (in the published v3 sample,
     *       where the binding goes through the permit id only, removing that id does too);
     *   <li>in the published v3 sample the permit's event binding already cannot be reproduced
     *       from a hash_only chain (see PermitLinkageCheck), so changing that hash leaves
     *       permit_linkage at NOT_VALIDATED; only the issuer signature notices.
     * </ul>
     */
    static Set<Check> resigned(Sample sample, FieldWalker.Mutation mutation, JsonNode original) {
        String raw = mutation.path();
        String path = normalize(raw);
        if (sample == Sample.KEEL_V3 && mutation.kind() == CHANGE
                && path.equals("permits.child_tool_call_permits[i].binding_session_event_hash")) {
            return EnumSet.noneOf(Check.class);
        }
        for (Rule rule : RULES) {
            if (rule.matches(mutation.kind(), path)) {
                Set<Check> checks = EnumSet.noneOf(Check.class);
                checks.addAll(rule.checks());
                if (sample == Sample.HERALD && !checks.contains(ARTIFACT_SCHEMA) && ANCHOR_INPUTS.matcher(path).matches()) {
                    checks.add(PROJECT_CHAIN_HEAD_BINDING);
                }
                if (raw.equals("chain[0].occurred_at")) {
                    checks.add(TIMESTAMP_NOT_BEFORE_FIRST_EVENT);
                }
                JsonNode entry = path.startsWith("chain[i].") ? original.get("chain").get(index(raw)) : null;
                if (entry != null && path.equals("chain[i].permit_id") && entry.get("permit_id").isTextual()
                        && (mutation.kind() == CHANGE || sample == Sample.KEEL_V3)) {
                    checks.add(PERMIT_LINKAGE);
                }
                if (entry != null && path.equals("chain[i].content_hash") && mutation.kind() == CHANGE
                        && boundHashes(original).contains(entry.get("content_hash").asText())) {
                    checks.add(PERMIT_LINKAGE);
                }
                return checks;
            }
        }
        return null;
    }

    private static int index(String rawPath) {
        return Integer.parseInt(rawPath.substring(rawPath.indexOf('[') + 1, rawPath.indexOf(']')));
    }

    private static Set<String> boundHashes(JsonNode artifact) {
        Set<String> hashes = new java.util.HashSet<>();
        for (JsonNode permit : artifact.get("permits").get("child_tool_call_permits")) {
            hashes.add(permit.path("binding_session_event_hash").asText());
        }
        return hashes;
    }

    /** Checks expected to fail without re-signing. */
    static Set<Check> unsigned(Set<Check> resigned, FieldWalker.Mutation mutation) {
        Set<Check> checks = EnumSet.noneOf(Check.class);
        checks.addAll(resigned);
        if (checks.contains(ARTIFACT_SCHEMA)) {
            return EnumSet.of(ARTIFACT_SCHEMA);
        }
        if (!mutation.path().startsWith("signatures")) {
            checks.add(ISSUER_SIGNATURE);
        }
        return checks;
    }
}
