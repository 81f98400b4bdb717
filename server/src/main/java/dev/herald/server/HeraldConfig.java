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
 * @param tsaUrls        RFC 3161 TSAs that stamp artifacts, tried in order; empty means Herald's own
 *                       TSA in process ({@code HERALD_TSA_URLS}, {@code --tsa-url})
 * @param allowPrivateTargets development only: webhook and callback URLs may use plain http and
 *                       reach loopback, private and other internal addresses; off by default
 *                       ({@code HERALD_ALLOW_PRIVATE_TARGETS}, {@code --allow-private-targets})
 */
public record HeraldConfig(int port, Path dataDir, String databaseUrl, Duration shutdownGrace,
                           java.util.List<java.net.URI> tsaUrls, boolean allowPrivateTargets,
                           dev.herald.voice.VoiceSettings voice) {

    public static final int DEFAULT_PORT = 8080;
    public static final Path DEFAULT_DATA_DIR = Path.of("herald-data");
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(10);
    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)(password=)[^&;]*");
    private static final Pattern USER_INFO = Pattern.compile("(//[^/:@]+:)[^@/]*@");

    /** A configuration whose simulated calls run at real pace. */
    public HeraldConfig(int port, Path dataDir, String databaseUrl, Duration shutdownGrace,
                        java.util.List<java.net.URI> tsaUrls, boolean allowPrivateTargets) {
        this(port, dataDir, databaseUrl, shutdownGrace, tsaUrls, allowPrivateTargets,
                dev.herald.voice.VoiceSettings.DEFAULT);
    }

    public HeraldConfig {
        java.util.Objects.requireNonNull(voice, "voice");
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
        tsaUrls = tsaUrls == null ? java.util.List.of() : java.util.List.copyOf(tsaUrls);
        for (java.net.URI uri : tsaUrls) {
            if (!uri.isAbsolute() || uri.getHost() == null
                    || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new ConfigException("a TSA URL must be an absolute http(s) URL, got " + uri);
            }
        }
    }

    /** Configuration without external TSAs (Herald's own TSA stamps artifacts) and with public targets only. */
    public HeraldConfig(int port, Path dataDir, String databaseUrl, Duration shutdownGrace) {
        this(port, dataDir, databaseUrl, shutdownGrace, java.util.List.of(), false);
    }

    /** Configuration with these TSAs and public targets only. */
    public HeraldConfig(int port, Path dataDir, String databaseUrl, Duration shutdownGrace,
                        java.util.List<java.net.URI> tsaUrls) {
        this(port, dataDir, databaseUrl, shutdownGrace, tsaUrls, false);
    }

    public HeraldConfig withTsaUrls(java.util.List<java.net.URI> urls) {
        return new HeraldConfig(port, dataDir, databaseUrl, shutdownGrace, urls, allowPrivateTargets, voice);
    }

    /** With private webhook and callback targets allowed (or not): a development setting. */
    public HeraldConfig withPrivateTargets(boolean allowed) {
        return new HeraldConfig(port, dataDir, databaseUrl, shutdownGrace, tsaUrls, allowed, voice);
    }

    /** With simulated calls run at the given pace. */
    public HeraldConfig withVoice(dev.herald.voice.VoiceSettings settings) {
        return new HeraldConfig(port, dataDir, databaseUrl, shutdownGrace, tsaUrls, allowPrivateTargets, settings);
    }

    /** Configuration with the given values; {@code null} means "use the default". */
    public static HeraldConfig of(Integer port, Path dataDir, String databaseUrl) {
        return new HeraldConfig(port == null ? DEFAULT_PORT : port,
                dataDir == null ? DEFAULT_DATA_DIR : dataDir, databaseUrl, DEFAULT_SHUTDOWN_GRACE);
    }

    public HeraldConfig withPort(int newPort) {
        return new HeraldConfig(newPort, dataDir, databaseUrl, shutdownGrace, tsaUrls, allowPrivateTargets, voice);
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
                + redactedDatabaseUrl() + ", shutdownGrace=" + shutdownGrace + ", tsaUrls=" + tsaUrls
                + ", allowPrivateTargets=" + allowPrivateTargets + "]";
    }
}
