package dev.herald.server.testing;

import dev.herald.server.HeraldConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh store per test class: a temporary directory for SQLite, or a new uniquely named
 * PostgreSQL database (PostgreSQL is started when needed; failure to reach it fails the class).
 * Register with {@code @RegisterExtension static final StoreExtension store = StoreExtension.postgres();}.
 */
public final class StoreExtension implements BeforeAllCallback, AfterAllCallback {
    public enum Kind { SQLITE, POSTGRESQL }

    private final Kind kind;
    private Path dataDir;
    private String databaseUrl;

    private StoreExtension(Kind kind) {
        this.kind = kind;
    }

    public static StoreExtension sqlite() {
        return new StoreExtension(Kind.SQLITE);
    }

    public static StoreExtension postgres() {
        return new StoreExtension(Kind.POSTGRESQL);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dataDir = Files.createTempDirectory("herald-test-");
        databaseUrl = kind == Kind.SQLITE
                ? HeraldConfig.sqliteUrl(dataDir)
                : TestPostgres.createDatabase(context.getRequiredTestClass().getSimpleName());
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (kind == Kind.POSTGRESQL && databaseUrl != null) {
            TestPostgres.dropDatabase(databaseUrl);
        }
        try (var files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    public Kind kind() {
        return kind;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String databaseUrl() {
        return databaseUrl;
    }

    /** Server configuration on a free port over this store. */
    public HeraldConfig config() {
        return new HeraldConfig(0, dataDir, databaseUrl, Duration.ofSeconds(5));
    }
}
