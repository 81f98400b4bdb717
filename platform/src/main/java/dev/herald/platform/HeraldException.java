package dev.herald.platform;

/**
 * The root of every failure Herald raises on purpose. Two kinds descend from it: domain failures
 * ({@link dev.herald.platform.domain.DomainException}: not found, conflict, invalid, denied,
 * unavailable), which services throw without knowing about HTTP, and HTTP-edge failures
 * ({@link dev.herald.platform.http.HttpProblem}: unreadable bytes, a missing key, a wrong media
 * type). The HTTP layer maps both to problem+json in one place. Messages are safe to show to the
 * caller: never put secrets or internals into them.
 */
public abstract class HeraldException extends RuntimeException {
    protected HeraldException(String message, Throwable cause) {
        super(message, cause);
    }
}
