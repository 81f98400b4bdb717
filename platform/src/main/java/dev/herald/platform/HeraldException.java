package dev.herald.platform;

import java.util.Map;

/**
 * The one unchecked exception root of the server. Every subclass knows the HTTP status and the
 * RFC 9457 problem type it maps to, so the mapping to problem+json lives in exactly one place
 * ({@link dev.herald.platform.http.ProblemHandlers}). Messages are safe to show to the caller:
 * never put secrets or internals into them.
 */
public class HeraldException extends RuntimeException {
    private final int status;
    private final String type;
    private final String title;

    public HeraldException(int status, String type, String title, String detail) {
        this(status, type, title, detail, null);
    }

    public HeraldException(int status, String type, String title, String detail, Throwable cause) {
        super(detail, cause);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("problem status must be 4xx or 5xx, got " + status);
        }
        this.status = status;
        this.type = type;
        this.title = title;
    }

    /** HTTP status code of the problem. */
    public int status() {
        return status;
    }

    /** Short problem slug, rendered as the problem {@code type} URI ({@code urn:herald:problem:<slug>}). */
    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    /** Extra members added to the problem document (for example field errors). */
    public Map<String, Object> extensions() {
        return Map.of();
    }
}
