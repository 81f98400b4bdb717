package dev.herald.platform.domain;

/** Not able to answer now (the database is down, the server is shutting down); the caller may retry. */
public non-sealed class Unavailable extends DomainException {
    /** The reason of a generic outage. */
    public static final String UNAVAILABLE = "unavailable";
    private final String reason;

    public Unavailable(String detail) {
        this(UNAVAILABLE, detail, null);
    }

    public Unavailable(String reason, String detail, Throwable cause) {
        super(detail, cause);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }

    /** A short human summary of the reason. */
    public String title() {
        return "Service unavailable";
    }
}
