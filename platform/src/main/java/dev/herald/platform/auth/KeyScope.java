package dev.herald.platform.auth;

import java.util.Arrays;
import java.util.Optional;

/**
 * API key scopes. {@code admin}: everything in the key's workspace. {@code project}: the data of
 * the one project the key is bound to. {@code platform}: a voice platform's own key, bound to the
 * platform's project; it runs calls there but may not configure the project (see {@link Access}).
 */
public enum KeyScope {
    ADMIN("admin"),
    PROJECT("project"),
    PLATFORM("platform");

    private final String wire;

    KeyScope(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<KeyScope> fromWire(String s) {
        return Arrays.stream(values()).filter(v -> v.wire.equals(s)).findFirst();
    }
}
