package dev.herald.server;

import dev.herald.platform.HeraldException;

/** Invalid configuration, found while validating {@link HeraldConfig} at start-up. */
public final class ConfigException extends HeraldException {
    public ConfigException(String detail) {
        super(detail, null);
    }
}
