package dev.herald.evidence.verify;

/**
 * Every check a Herald verifier can report. The first five carry the names keel-verify uses; the
 * rest are Herald's additions for artifacts, then those for compliance exports.
 */
public enum Check {
    ARTIFACT_SCHEMA("artifact_schema"),
    ISSUER_SIGNATURE("issuer_signature"),
    CHAIN_INTEGRITY("chain_integrity"),
    POLICY_SNAPSHOT_HASH("policy_snapshot_hash"),
    RFC3161_TIMESTAMP_RECEIPT("rfc3161_timestamp_receipt"),
    /** CMS signature on the time-stamp token and its certificate chain to a trust anchor. */
    TSA_CERTIFICATE_CHAIN("tsa_certificate_chain"),
    /** The token's genTime is not earlier than the session's first event. */
    TIMESTAMP_NOT_BEFORE_FIRST_EVENT("timestamp_not_before_first_event"),
    /** project_chain_head.content_hash, which the time-stamp covers, recomputes from chain_head. */
    PROJECT_CHAIN_HEAD_BINDING("project_chain_head_binding"),
    /**
     * Every issuer signature is by a key the caller trusts: pinned, or listed in the issuer's
     * published key document as valid at the time of issue. NOT_VALIDATED when nothing is pinned.
     */
    ISSUER_AUTHENTICATED("issuer_authenticated"),
    /** Each child permit is bound to an event of this chain and to this session's project anchor. */
    PERMIT_LINKAGE("permit_linkage"),

    EXPORT_SCHEMA("export_schema"),
    EXPORT_CONTENT_HASH("export_content_hash"),
    EXPORT_SIGNATURE("export_signature"),
    /** Every artifact embedded in the export verifies on its own. */
    EXPORT_SESSION_ARTIFACTS("export_session_artifacts"),
    /** Selected events are entries of their session's chain and match the export filter. */
    EXPORT_EVENT_SELECTION("export_event_selection");

    private final String wireName;

    Check(String wireName) {
        this.wireName = wireName;
    }

    /** The name printed by {@code herald verify} and used in JSON output. */
    public String wireName() {
        return wireName;
    }
}
