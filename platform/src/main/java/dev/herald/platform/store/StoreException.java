package dev.herald.platform.store;

import dev.herald.platform.HeraldException;

/** The database could not be reached or used. Mapped to 503 so clients retry later. */
public final class StoreException extends HeraldException {
    public StoreException(String detail, Throwable cause) {
        super(503, "store-unavailable", "Database unavailable", detail, cause);
    }
}
