package dev.herald.platform.store;

import dev.herald.platform.domain.Unavailable;

/** The database could not be reached or used; callers may retry later. */
public final class StoreException extends Unavailable {
    public static final String REASON = "store-unavailable";

    public StoreException(String detail, Throwable cause) {
        super(REASON, detail, cause);
    }

    @Override
    public String title() {
        return "Database unavailable";
    }
}
