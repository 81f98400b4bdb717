package dev.herald.bench.realtime;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The load generators' options for the Herald they measure: one they start themselves (its store,
 * database and JVM options) or one already running on loopback (its URL and key). A picocli mixin.
 */
public final class ServerTarget {
    @Option(names = "--store", defaultValue = "sqlite", description = "sqlite or postgres (default ${DEFAULT-VALUE}).")
    public String store;

    @Option(names = "--database-url", description = "PostgreSQL JDBC URL; default: a fresh database on 127.0.0.1:5432, dropped afterwards.")
    public String databaseUrl;

    @Option(names = "--url", description = "Target an already running Herald (loopback) instead of starting one; needs --key.")
    public URI url;

    @Option(names = "--key", description = "Project API key for --url.")
    public String key;

    @Option(names = "--server-jvm", split = " ", description = "Extra JVM options for the server process.")
    public List<String> serverJvm = new ArrayList<>();
}
