package dev.herald.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Validated, immutable server configuration. Build it with {@link #of}; it is checked once there
 * and never changes afterwards. {@link #toString()} redacts credentials in the database URL.
 *
 * @param port           TCP port to listen on; 0 picks a free port (used by tests)
 * @param dataDir        directory for embedded data (the SQLite file lives here by default)
 * @param databaseUrl    JDBC URL, {@code jdbc:sqlite:...} or {@code jdbc:postgresql://...}
 * @param shutdownGrace  how long a stop waits for in-flight requests before cutting them
 */
public record HeraldConfig(int port, Path dataDir, String databaseUrl, Duration shutdownGrace) {

    public static final int DEFAULT_PORT = 8080;
    public static final Path DEFAULT_DATA_DIR = Path.of("herald-data");
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(10);
    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)(password=)[^&;]*");
    private static final Pattern USER_INFO = Pattern.compile("(//[^/:@]+:)[^@/]*@");

    public HeraldConfig {
        if (port < 0 || port > 65_535) {
            throw new ConfigException("port must be between 0 and 65535, got " + port);
        }
        Objects.requireNonNull(dataDir, "dataDir");
        dataDir = dataDir.toAbsolutePath().normalize();
        if (databaseUrl == null || databaseUrl.isBlank()) {
            databaseUrl = sqliteUrl(dataDir);
        }
        if (!databaseUrl.startsWith("jdbc:sqlite:") && !databaseUrl.startsWith("jdbc:postgresql:")) {
            throw new ConfigException("database URL must start with jdbc:sqlite: or jdbc:postgresql:, got "
                    + redact(databaseUrl));
        }
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        if (shutdownGrace.isNegative()) {
            throw new ConfigException("shutdown grace must not be negative");
        }
    }

    /** Configuration with the given values; {@code null} means "use the default". */
    public static HeraldConfig of(Integer port, Path dataDir, String databaseUrl) {
        return new HeraldConfig(port == null ? DEFAULT_PORT : port,
                dataDir == null ? DEFAULT_DATA_DIR : dataDir, databaseUrl, DEFAULT_SHUTDOWN_GRACE);
    }

    public HeraldConfig withPort(int newPort) {
        return new HeraldConfig(newPort, dataDir, databaseUrl, shutdownGrace);
    }

    public static String sqliteUrl(Path dataDir) {
        return "jdbc:sqlite:" + dataDir.toAbsolutePath().normalize().resolve("herald.db");
    }

    public boolean isSqlite() {
        return databaseUrl.startsWith("jdbc:sqlite:");
    }

    /** The database URL with any password replaced by {@code ***}, safe for logs and messages. */
    public String redactedDatabaseUrl() {
        return redact(databaseUrl);
    }

    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        String out = PASSWORD_PARAM.matcher(url).replaceAll("$1***");
        return USER_INFO.matcher(out).replaceAll("$1***@");
    }

    @Override
    public String toString() {
        return "HeraldConfig[port=" + port + ", dataDir=" + dataDir + ", databaseUrl="
                + redactedDatabaseUrl() + ", shutdownGrace=" + shutdownGrace + "]";
    }
}
