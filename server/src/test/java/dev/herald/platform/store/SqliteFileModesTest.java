package dev.herald.platform.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.Herald;
import dev.herald.server.HeraldConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data directory and the SQLite files are owner-only, like the keys beside them. */
class SqliteFileModesTest {
    @TempDir
    Path dir;

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void aNewInstallCreatesItsDataDirectoryAndDatabaseFilesOwnerOnly() throws Exception {
        Path data = dir.resolve("herald-data");
        try (Herald herald = Herald.start(new HeraldConfig(0, data, null, Duration.ofSeconds(1)))) {
            herald.services().bootstrap().ensureDefaults();
            assertThat(mode(data)).isEqualTo("rwx------");
            assertThat(data.resolve("herald.db-wal")).exists();
            assertThat(data.resolve("herald.db-shm")).exists();
            for (String f : new String[] {"herald.db", "herald.db-wal", "herald.db-shm"}) {
                assertThat(mode(data.resolve(f))).as(f).isEqualTo("rw-------");
            }
        }
    }

    @Test
    void anExistingInstallsDatabaseFilesAreNarrowedOnStart() throws Exception {
        Path data = Files.createDirectories(dir.resolve("old-install"));
        String url = HeraldConfig.sqliteUrl(data);
        try (Database db = Database.open(url, 1, null)) {
            db.migrate();
        }
        Path file = data.resolve("herald.db");
        Path wal = data.resolve("herald.db-wal");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        Files.deleteIfExists(wal);
        Files.createFile(wal, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
        try (Database db = Database.open(url, 1, null)) {
            long workspaces = db.read(h -> h.createQuery("SELECT COUNT(*) FROM workspaces").mapTo(Long.class).one());
            assertThat(workspaces).isZero();
            assertThat(mode(file)).isEqualTo("rw-------");
            assertThat(mode(wal)).isEqualTo("rw-------");
            assertThat(mode(data.resolve("herald.db-shm"))).isEqualTo("rw-------");
        }
    }
}
