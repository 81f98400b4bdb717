package dev.herald.server.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options of {@code up} and {@code serve}. */
public final class ServerOptions {
    @Option(names = "--port", paramLabel = "PORT", defaultValue = "${env:HERALD_PORT:-8080}",
            description = "TCP port to listen on (env HERALD_PORT, default: ${DEFAULT-VALUE}).")
    int port;

    @Mixin
    StoreOptions store;
}
