package dev.herald.evidence.json;

import dev.herald.evidence.EvidenceException;

/** A JSON value cannot be written in the canonical profile (float, non-finite number, lone surrogate). */
public final class CanonicalJsonException extends EvidenceException {
    public CanonicalJsonException(String message) {
        super(message);
    }
}
