package dev.herald.server.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The local PostgreSQL used by tests: 127.0.0.1:5432, user postgres, trust auth. Starts the cluster
 * when it is not running; if it cannot be reached the calling test fails (never skips).
 */
public final class TestPostgres {
    private static final String HOST_URL = "jdbc:postgresql://127.0.0.1:5432/";
    private static volatile boolean checked;

    private TestPostgres() {
    }

    public static synchronized void ensureRunning() {
        if (checked) {
            return;
        }
        if (!ready()) {
            start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!ready()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("PostgreSQL is not reachable on 127.0.0.1:5432 and could not be "
                            + "started; the PostgreSQL tests must run (start it with: pg_ctlcluster "
                            + "--skip-systemctl-redirect <version> main start)");
                }
                sleep(250);
            }
        }
        checked = true;
    }

    /** Creates a fresh, uniquely named database and returns its JDBC URL. */
    public static String createDatabase(String label) {
        ensureRunning();
        String name = ("herald_" + label + "_" + UUID.randomUUID().toString().substring(0, 8))
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        admin("CREATE DATABASE " + name);
        return HOST_URL + name + "?user=postgres";
    }

    public static void dropDatabase(String jdbcUrl) {
        String name = jdbcUrl.substring(HOST_URL.length(), jdbcUrl.indexOf('?'));
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void admin(String sql) {
        try (Connection c = DriverManager.getConnection(HOST_URL + "postgres?user=postgres");
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL admin statement failed: " + sql + ": " + e.getMessage(), e);
        }
    }

    private static boolean ready() {
        try (Connection c = DriverManager.getConnection(HOST_URL + "postgres?user=postgres&connectTimeout=2")) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private static void start() {
        try (var versions = Files.list(Path.of("/etc/postgresql"))) {
            for (Path version : versions.toList()) {
                Process p = new ProcessBuilder("pg_ctlcluster", "--skip-systemctl-redirect",
                        version.getFileName().toString(), "main", "start").inheritIO().start();
                p.waitFor(60, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot start PostgreSQL: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting PostgreSQL", e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
