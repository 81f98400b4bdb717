package dev.herald.server.cli;

import dev.herald.server.HeraldConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data-dir} and {@code --database-url}, shared by every command that opens the store. */
public final class StoreOptions {
    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:HERALD_DATA_DIR:-herald-data}",
            description = "Directory for embedded data; SQLite lives in DIR/herald.db "
                    + "(env HERALD_DATA_DIR, default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--database-url", paramLabel = "JDBC_URL", defaultValue = "${env:HERALD_DATABASE_URL}",
            description = "JDBC URL, jdbc:sqlite:FILE or jdbc:postgresql://HOST:PORT/DB?user=U "
                    + "(env HERALD_DATABASE_URL; default: SQLite under the data dir).")
    String databaseUrl;

    HeraldConfig config(int port) {
        return HeraldConfig.of(port, dataDir, databaseUrl);
    }
}
