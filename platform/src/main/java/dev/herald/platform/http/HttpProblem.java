package dev.herald.platform.http;

import dev.herald.platform.HeraldException;
import java.util.Map;

/**
 * A failure that only the HTTP edge can have: bytes that are not a request Herald can read, a
 * missing or wrong key, a body of the wrong media type or size. It knows its status and problem
 * type; domain failures ({@link dev.herald.platform.domain.DomainException}) do not, and are
 * mapped by {@link ProblemHandlers}.
 */
public abstract class HttpProblem extends HeraldException {
    private final int status;
    private final String type;
    private final String title;

    protected HttpProblem(int status, String type, String title, String detail) {
        super(detail, null);
        if (status < 400 || status > 499) {
            throw new IllegalArgumentException("an HTTP-edge problem is a 4xx, got " + status);
        }
        this.status = status;
        this.type = type;
        this.title = title;
    }

    public int status() {
        return status;
    }

    /** Problem slug, rendered as {@code urn:herald:problem:<slug>}. */
    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    /** Extra members of the problem document. */
    public Map<String, Object> extensions() {
        return Map.of();
    }
}
