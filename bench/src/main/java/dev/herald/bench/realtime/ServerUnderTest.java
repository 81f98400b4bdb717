package dev.herald.bench.realtime;

import dev.herald.server.cli.Cli;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Herald in its own JVM ({@code herald serve} from this class path), on a loopback port,
 * over SQLite in a temporary directory or over a PostgreSQL database (a fresh one on the local
 * server unless a URL is given). Provisions a project key with {@code herald keys create} first.
 * {@link #close()} stops the process and drops a database it created.
 */
public final class ServerUnderTest implements AutoCloseable {
    private static final Pattern RUNNING = Pattern.compile("running at (http://localhost:\\d+)");
    private static final String PG_ADMIN = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

    private final Process process;
    private final URI baseUrl;
    private final String apiKey;
    private final String adminKey;
    private final String createdDatabase;
    private final Path dataDir;
    private final String database;
    /** The server's JDBC URL on PostgreSQL, or null on SQLite. */
    private final String postgresUrl;

    private ServerUnderTest(Process process, URI baseUrl, String apiKey, String adminKey, String createdDatabase,
                            Path dataDir, String database, String postgresUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        this.adminKey = adminKey;
        this.createdDatabase = createdDatabase;
        this.dataDir = dataDir;
        this.database = database;
        this.postgresUrl = postgresUrl;
    }

    static ServerUnderTest start(String store, String databaseUrl, List<String> jvmOptions) throws Exception {
        return start(store, databaseUrl, jvmOptions, List.of());
    }

    /** As above, with extra {@code herald serve} options (the voice load generator's {@code --voice-speed}). */
    public static ServerUnderTest start(String store, String databaseUrl, List<String> jvmOptions,
                                        List<String> serveOptions) throws Exception {
        Path dataDir = Files.createTempDirectory("herald-bench-");
        String created = null;
        String url = databaseUrl;
        if (store.equals("sqlite")) {
            url = "jdbc:sqlite:" + dataDir.resolve("herald.db");
        } else if (url == null) {
            created = "herald_bench_" + UUID.randomUUID().toString().substring(0, 8);
            admin("CREATE DATABASE " + created);
            url = "jdbc:postgresql://127.0.0.1:5432/" + created + "?user=postgres";
        }
        String key = createKey(url, "--project", "voice");
        String adminKey = createKey(url);
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Cli.class.getName(), "serve",
                "--port", "0", "--data-dir", dataDir.toString(), "--database-url", url));
        command.addAll(serveOptions);
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(dataDir.resolve("server.log").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("HERALD_"));
        Process p = pb.start();
        boolean sqlite = store.equals("sqlite");
        ServerUnderTest sut = new ServerUnderTest(p, awaitUrl(p, dataDir), key, adminKey, created, dataDir,
                sqlite ? null : databaseOf(url), sqlite ? null : url);
        Runtime.getRuntime().addShutdownHook(new Thread(sut::close));
        return sut;
    }

    /** A key of workspace {@code bench}: an admin key, or with {@code --project voice} a project key. */
    private static String createKey(String url, String... project) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Cli.execute(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                java.util.stream.Stream.concat(java.util.stream.Stream.of("keys", "create", "--workspace", "bench",
                        "--database-url", url), java.util.stream.Stream.of(project)).toArray(String[]::new));
        if (exit != 0) {
            throw new IllegalStateException("herald keys create failed: " + err.toString(StandardCharsets.UTF_8));
        }
        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
        return lines[lines.length - 1].strip();
    }

    private static URI awaitUrl(Process p, Path dataDir) throws IOException, InterruptedException {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            Matcher m = RUNNING.matcher(line);
            if (m.find()) {
                Thread.ofVirtual().start(() -> {
                    try {
                        while (out.readLine() != null) {
                            // keep the pipe drained
                        }
                    } catch (IOException e) {
                        // process gone
                    }
                });
                return URI.create(m.group(1));
            }
        }
        p.waitFor(10, TimeUnit.SECONDS);
        throw new IllegalStateException("the server did not start; see " + dataDir.resolve("server.log"));
    }

    private static void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(PG_ADMIN); var s = c.createStatement()) {
            s.execute(sql);
        }
    }

    public URI baseUrl() {
        return baseUrl;
    }

    public String apiKey() {
        return apiKey;
    }

    /** The bench workspace's admin key (workspace settings). */
    public String adminKey() {
        return adminKey;
    }

    /** The server JVM's options, as its command line shows them. */
    public String jvmArguments() {
        return process.info().arguments().map(a -> {
            List<String> opts = new ArrayList<>();
            for (String arg : a) {
                if (arg.equals("-cp")) {
                    break;
                }
                opts.add(arg);
            }
            return String.join(" ", opts);
        }).orElse("unknown");
    }

    /** The PostgreSQL database the server uses, or null on SQLite. */
    public String database() {
        return database;
    }

    /** The database of a {@code jdbc:postgresql://host:port/database?...} URL. */
    static String databaseOf(String jdbcUrl) {
        String rest = jdbcUrl.substring(jdbcUrl.indexOf("//") + 2);
        int slash = rest.indexOf('/');
        if (slash < 0) {
            return null;
        }
        String db = rest.substring(slash + 1);
        int query = db.indexOf('?');
        return query >= 0 ? db.substring(0, query) : db;
    }

    /**
     * The PostgreSQL cluster's {@code pg_wal} directory when this process can read it (a cluster on
     * this host), else null.
     */
    public Path walDirectory() {
        if (postgresUrl == null) {
            return null;
        }
        try (Connection c = DriverManager.getConnection(postgresUrl); var s = c.createStatement();
             var rs = s.executeQuery("SHOW data_directory")) {
            Path wal = rs.next() ? Path.of(rs.getString(1)).resolve("pg_wal") : null;
            return wal != null && Files.isReadable(wal) ? wal : null;
        } catch (SQLException e) {
            return null; // not allowed to see it: no WAL diagnostics
        }
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public synchronized void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        if (createdDatabase != null) {
            try {
                admin("DROP DATABASE IF EXISTS " + createdDatabase + " WITH (FORCE)");
            } catch (SQLException e) {
                System.err.println("could not drop " + createdDatabase + ": " + e.getMessage());
            }
        }
    }

    public Path dataDir() {
        return dataDir;
    }
}
