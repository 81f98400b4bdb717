package dev.herald.platform.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.HeraldConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints of SQLite's write-ahead log run beside the commits, not inside them. */
class SqliteCheckpointerTest {
    @TempDir
    Path dir;

    @Test
    void commitsNeverCheckpointThemselves() {
        try (Database db = open()) {
            int auto = db.read(h -> h.createQuery("PRAGMA wal_autocheckpoint").mapTo(Integer.class).one());
            assertThat(auto).isZero();
        }
    }

    @Test
    void theLogStaysSmallWhileMuchMoreIsWritten() throws Exception {
        try (Database db = open()) {
            db.write(h -> h.execute("CREATE TABLE blobs (id INTEGER PRIMARY KEY, body TEXT NOT NULL)"));
            String body = "x".repeat(16 * 1024);
            long maxWal = 0;
            for (int round = 0; round < 40; round++) {
                for (int i = 0; i < 32; i++) {
                    db.write(h -> h.createUpdate("INSERT INTO blobs (body) VALUES (:b)").bind("b", body).execute());
                }
                maxWal = Math.max(maxWal, walSize());
                // More than two checkpoint intervals: at least one checkpoint runs while nothing is
                // written, so it can finish and the next commit starts the log over. A pause of one
                // interval could fall in step with the checkpoints and leave each one mid-burst (it
                // failed once that way in a clean-clone run, the log reaching 18 MB).
                Thread.sleep(SqliteCheckpointer.INTERVAL.toMillis() * 5 / 2);
            }
            // 40 x 32 x 16 KiB = 20 MiB went through the log; without checkpoints it would hold all of it.
            assertThat(maxWal).isLessThan(10L * 1024 * 1024);
            int rows = db.read(h -> h.createQuery("SELECT COUNT(*) FROM blobs").mapTo(Integer.class).one());
            assertThat(rows).isEqualTo(40 * 32);
        }
    }

    @Test
    void closingLeavesNoLogBehind() throws Exception {
        try (Database db = open()) {
            db.write(h -> h.execute("CREATE TABLE t (v INTEGER)"));
            db.write(h -> h.execute("INSERT INTO t VALUES (1)"));
        }
        assertThat(walSize()).isZero();
        try (Database db = open()) {
            int v = db.read(h -> h.createQuery("SELECT v FROM t").mapTo(Integer.class).one());
            assertThat(v).isEqualTo(1);
        }
    }

    private Database open() {
        return Database.open(HeraldConfig.sqliteUrl(dir), 4, null);
    }

    private long walSize() throws Exception {
        Path wal = dir.resolve("herald.db-wal");
        return Files.exists(wal) ? Files.size(wal) : 0;
    }
}
