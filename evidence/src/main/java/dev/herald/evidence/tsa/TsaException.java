package dev.herald.evidence.tsa;

import dev.herald.evidence.EvidenceException;

/** Time-stamp authority key material could not be created, written or read. */
public final class TsaException extends EvidenceException {
    public TsaException(String message, Throwable cause) {
        super(message, cause);
    }

    public TsaException(String message) {
        super(message);
    }
}
