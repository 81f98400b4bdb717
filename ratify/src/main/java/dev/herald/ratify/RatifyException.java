package dev.herald.ratify;

/** The root of every exception this module throws. Unchecked. */
public class RatifyException extends RuntimeException {
    public RatifyException(String message) {
        super(message);
    }

    public RatifyException(String message, Throwable cause) {
        super(message, cause);
    }
}
