package dev.herald.ratify;

/**
 * The closed set of verifier failure reasons. Each maps to exactly one {@link IdentityStatus};
 * {@link #code()} is the machine-readable prefix of {@code error_reason} (SPEC 5.9, 10, 17).
 */
public enum FailureReason {
    NO_DELEGATIONS("no_delegations", IdentityStatus.INVALID),
    CHAIN_TOO_DEEP("chain_too_deep", IdentityStatus.INVALID),
    NO_CHALLENGE("no_challenge", IdentityStatus.INVALID),
    /** An input bound of SPEC 5.1 or a wire-format defect; the error_reason prefix is "invalid". */
    MALFORMED("invalid", IdentityStatus.INVALID),
    INVALID_SESSION_CONTEXT("invalid_session_context", IdentityStatus.INVALID),
    MISSING_SESSION_CONTEXT("missing_session_context", IdentityStatus.INVALID),
    SESSION_CONTEXT_MISMATCH("session_context_mismatch", IdentityStatus.INVALID),
    SESSION_CONTEXT_UNVERIFIABLE("session_context_unverifiable", IdentityStatus.INVALID),
    UNKNOWN_CHALLENGE("unknown_challenge", IdentityStatus.INVALID),
    INVALID_STREAM_ID("invalid_stream_id", IdentityStatus.INVALID),
    INVALID_STREAM_SEQ("invalid_stream_seq", IdentityStatus.INVALID),
    MISSING_STREAM_CONTEXT("missing_stream_context", IdentityStatus.INVALID),
    STREAM_ID_MISMATCH("stream_id_mismatch", IdentityStatus.INVALID),
    STREAM_SEQ_REPLAY("stream_seq_replay", IdentityStatus.INVALID),
    STREAM_SEQ_SKIP("stream_seq_skip", IdentityStatus.INVALID),
    STREAM_CONTEXT_UNVERIFIABLE("stream_context_unverifiable", IdentityStatus.INVALID),
    INVALID_AGENT_KEY("invalid_agent_key", IdentityStatus.INVALID),
    KEY_MISMATCH("key_mismatch", IdentityStatus.INVALID),
    ID_MISMATCH("id_mismatch", IdentityStatus.INVALID),
    FORCE_REVOCATION_NO_CALLBACK("force_revocation_no_callback", IdentityStatus.INVALID),
    VERSION_MISMATCH("version_mismatch", IdentityStatus.INVALID),
    INVALID_SCOPE("invalid_scope", IdentityStatus.INVALID_SCOPE),
    EXPIRED("expired", IdentityStatus.EXPIRED),
    NOT_YET_VALID("not_yet_valid", IdentityStatus.INVALID),
    REVOCATION_ERROR("revocation_error", IdentityStatus.INVALID),
    REVOKED("revoked", IdentityStatus.REVOKED),
    BAD_SIGNATURE("bad_signature", IdentityStatus.INVALID),
    CONSTRAINT_DENIED("constraint_denied", IdentityStatus.CONSTRAINT_DENIED),
    CONSTRAINT_UNVERIFIABLE("constraint_unverifiable", IdentityStatus.CONSTRAINT_UNVERIFIABLE),
    CONSTRAINT_UNKNOWN("constraint_unknown", IdentityStatus.CONSTRAINT_UNKNOWN),
    BROKEN_CHAIN("broken_chain", IdentityStatus.INVALID),
    BROKEN_CHAIN_KEYS("broken_chain_keys", IdentityStatus.INVALID),
    DELEGATION_NOT_AUTHORIZED("delegation_not_authorized", IdentityStatus.DELEGATION_NOT_AUTHORIZED),
    STALE_CHALLENGE("stale_challenge", IdentityStatus.INVALID),
    BAD_CHALLENGE_SIG("bad_challenge_sig", IdentityStatus.INVALID),
    SCOPE_DENIED("scope_denied", IdentityStatus.SCOPE_DENIED),
    /** The policy provider denied; status scope_denied (SPEC 17.2). */
    POLICY_DENIED("scope_denied", IdentityStatus.SCOPE_DENIED),
    POLICY_ERROR("policy_error", IdentityStatus.INVALID),
    /** A valid cached policy verdict denied; status scope_denied (SPEC 17.6). */
    POLICY_VERDICT_DENIED("scope_denied", IdentityStatus.SCOPE_DENIED),
    SESSION_TOKEN_INVALID("session_token_invalid", IdentityStatus.INVALID);

    private final String code;
    private final IdentityStatus status;

    FailureReason(String code, IdentityStatus status) {
        this.code = code;
        this.status = status;
    }

    /** The prefix of {@code error_reason}, e.g. {@code stale_challenge}. */
    public String code() {
        return code;
    }

    public IdentityStatus status() {
        return status;
    }
}
