package dev.herald.platform.domain;

import java.util.Map;

/**
 * The caller may not do this: the key's kind does not allow it, or a policy or an authorization
 * hook said no. {@link #reason()} is a stable slug (the problem type); {@link #details()} are extra
 * members a client can act on (a policy decision and its trace, say). Nothing was written.
 */
public non-sealed class Denied extends DomainException {
    /** The reason of a plain refusal by the key's kind or scope. */
    public static final String FORBIDDEN = "forbidden";
    private final String reason;

    public Denied(String detail) {
        this(FORBIDDEN, detail);
    }

    public Denied(String reason, String detail) {
        super(detail, null);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }

    /** A short human summary of the reason, the same for every refusal of this kind. */
    public String title() {
        return FORBIDDEN.equals(reason) ? "Forbidden" : "Denied";
    }

    public Map<String, Object> details() {
        return Map.of();
    }
}
