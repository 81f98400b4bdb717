package dev.herald.evidence;

/**
 * Root of every unchecked exception thrown by the evidence module. Thrown for programming or
 * configuration errors (bad input to an assembler, unusable key material); bad evidence handed
 * to a verifier is never an exception but a failed check in a report.
 */
public class EvidenceException extends RuntimeException {
    public EvidenceException(String message) {
        super(message);
    }

    public EvidenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
