package dev.herald.voice.core.lead;

import java.util.Objects;

/** The import as a whole was refused; no row is kept. The HTTP edge maps it to a 4xx problem. */
public final class LeadImportException extends RuntimeException {
    private final FileErrorReason reason;

    public LeadImportException(FileErrorReason reason, String detail) {
        super(reason.wire() + ": " + detail);
        this.reason = Objects.requireNonNull(reason);
    }

    public FileErrorReason reason() {
        return reason;
    }
}
