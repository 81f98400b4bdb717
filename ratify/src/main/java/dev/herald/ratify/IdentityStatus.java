package dev.herald.ratify;

/** The closed {@code identity_status} set of SPEC 5.9. Never extended without a spec bump. */
public enum IdentityStatus {
    AUTHORIZED_AGENT("authorized_agent"),
    VERIFIED_HUMAN("verified_human"),
    EXPIRED("expired"),
    REVOKED("revoked"),
    SCOPE_DENIED("scope_denied"),
    CONSTRAINT_DENIED("constraint_denied"),
    CONSTRAINT_UNVERIFIABLE("constraint_unverifiable"),
    CONSTRAINT_UNKNOWN("constraint_unknown"),
    INVALID_SCOPE("invalid_scope"),
    DELEGATION_NOT_AUTHORIZED("delegation_not_authorized"),
    INVALID("invalid"),
    /** Reserved by the spec; never emitted. */
    UNAUTHORIZED("unauthorized");

    private final String wire;

    IdentityStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public boolean isSuccess() {
        return this == AUTHORIZED_AGENT || this == VERIFIED_HUMAN;
    }

    public static IdentityStatus fromWire(String s) {
        for (IdentityStatus v : values()) {
            if (v.wire.equals(s)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown identity_status: " + s);
    }
}
