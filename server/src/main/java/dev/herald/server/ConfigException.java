package dev.herald.server;

/** Invalid configuration, found while validating {@link HeraldConfig} at start-up. */
public final class ConfigException extends HeraldException {
    public ConfigException(String detail) {
        super(500, "configuration", "Invalid configuration", detail);
    }
}
