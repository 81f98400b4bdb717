package dev.herald.platform.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.server.HeraldConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQLite connection settings and the transaction helpers. */
class DatabaseTest {
    @TempDir
    Path dir;
    Database db;

    @BeforeEach
    void open() {
        db = Database.open(HeraldConfig.sqliteUrl(dir.resolve("nested/data")), 4, null);
        db.migrate();
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void sqliteRunsInWalWithForeignKeysAndABusyTimeout() {
        String journal = db.read(h -> h.createQuery("PRAGMA journal_mode").mapTo(String.class).one());
        assertThat(journal).isEqualToIgnoringCase("wal");
        assertThat(intQuery("PRAGMA foreign_keys")).isEqualTo(1);
        assertThat(intQuery("PRAGMA busy_timeout")).isGreaterThanOrEqualTo(5_000);
        assertThat(dir.resolve("nested/data/herald.db")).exists();
    }

    private int intQuery(String sql) {
        Integer value = db.read(h -> h.createQuery(sql).mapTo(Integer.class).one());
        return value;
    }

    @Test
    void foreignKeysAreEnforced() {
        assertThatThrownBy(() -> db.write(h -> h.execute(
                "INSERT INTO projects (id, workspace_id, name, created_at) VALUES ('p', 'no-such-workspace', 'n', 0)")))
                .hasMessageContaining("FOREIGN KEY");
    }

    @Test
    void aFailedWriteRollsBackEverythingIncludingNestedWrites() {
        assertThatThrownBy(() -> db.write(h -> {
            h.execute("INSERT INTO workspaces (id, name, created_at) VALUES ('w1', 'one', 0)");
            db.write(inner -> inner.execute("INSERT INTO workspaces (id, name, created_at) VALUES ('w2', 'two', 0)"));
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(intQuery("SELECT COUNT(*) FROM workspaces")).isZero();
    }

    @Test
    void optimisticWritesQueuedForTheWriterLock_holdNoConnection_soLockedWritesAmongThemFinish() throws Exception {
        // With 4 connections, optimistic writes that kept their read's connection while queued for
        // the lock would leave none for a write that holds the lock: both would wait for the pool.
        List<CompletableFuture<Integer>> writes = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 200; i++) {
                String id = "w" + i;
                boolean optimistic = i % 2 == 0;
                writes.add(CompletableFuture.supplyAsync(() -> optimistic
                        ? db.optimistic(h -> h.createQuery("SELECT COUNT(*) FROM workspaces").mapTo(Integer.class).one(),
                                (h, before) -> h.execute("INSERT INTO workspaces (id, name, created_at) VALUES (?, ?, 0)",
                                        id, id))
                        : db.write(h -> h.execute("INSERT INTO workspaces (id, name, created_at) VALUES (?, ?, 0)",
                                id, id)), pool));
            }
        }
        for (var w : writes) {
            assertThat(w.get()).isEqualTo(1);
        }
        assertThat(intQuery("SELECT COUNT(*) FROM workspaces")).isEqualTo(200);
    }

    @Test
    void concurrentWritersNeverSeeSqliteBusy() throws Exception {
        List<CompletableFuture<Integer>> writes = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 200; i++) {
                int n = i;
                writes.add(CompletableFuture.supplyAsync(() -> db.write(h -> {
                    int before = h.createQuery("SELECT COUNT(*) FROM workspaces").mapTo(Integer.class).one();
                    h.execute("INSERT INTO workspaces (id, name, created_at) VALUES (?, ?, 0)", "w" + n, "name" + n);
                    return before;
                }), pool));
            }
        }
        for (var w : writes) {
            w.get();
        }
        assertThat(intQuery("SELECT COUNT(*) FROM workspaces")).isEqualTo(200);
    }

    @Test
    void uniqueViolationsAreRecognized() {
        db.write(h -> h.execute("INSERT INTO workspaces (id, name, created_at) VALUES ('w', 'same', 0)"));
        assertThatThrownBy(() -> db.write(h -> h.execute("INSERT INTO workspaces (id, name, created_at) VALUES ('x', 'same', 0)")))
                .satisfies(e -> assertThat(Database.isUniqueViolation(e)).isTrue());
    }
}
