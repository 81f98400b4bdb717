package dev.herald.platform.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.server.HeraldConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.result.ResultIterator;
import org.jdbi.v3.core.result.ResultSetException;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConnection;

/** The SQLite prepared-statement cache, through {@link Database} on a real database file. */
class SqliteStatementCacheTest {
    private static final String COUNT = "SELECT COUNT(*) FROM workspaces";
    private static final String NAMES = "SELECT name FROM workspaces ORDER BY name";
    private static final String INSERT = "INSERT INTO workspaces (id, name, created_at) VALUES (:id, :name, 0)";

    @TempDir
    Path dir;
    Database db;

    private Database open(int poolSize) {
        db = Database.open(HeraldConfig.sqliteUrl(dir), poolSize, null);
        db.migrate();
        return db;
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    private void insert(String id) {
        db.write(h -> h.createUpdate(INSERT).bind("id", id).bind("name", "name-" + id).execute());
    }

    private int count() {
        return db.read(h -> h.createQuery(COUNT).mapTo(Integer.class).one());
    }

    /** Records every statement a customized Jdbi statement executes on. */
    private static final class Capture implements StatementCustomizer {
        final List<PreparedStatement> statements = new CopyOnWriteArrayList<>();

        @Override
        public void beforeExecution(PreparedStatement stmt, StatementContext ctx) {
            statements.add(stmt);
        }
    }

    @Test
    void identicalSequentialQueriesRunOnTheSamePreparedStatement() {
        open(1);
        SqliteStatementCache cache = db.statementCache();
        Capture capture = new Capture();
        long prepares = cache.prepares();
        long reuses = cache.reuses();

        for (int i = 0; i < 2; i++) {
            int n = db.read(h -> h.createQuery(COUNT).addCustomizer(capture).mapTo(Integer.class).one());
            assertThat(n).isZero();
        }

        assertThat(capture.statements).hasSize(2);
        assertThat(capture.statements.get(1)).isSameAs(capture.statements.get(0));
        assertThat(cache.prepares() - prepares).isEqualTo(1);
        assertThat(cache.reuses() - reuses).isEqualTo(1);
    }

    @Test
    void postgresqlKeepsJdbisDefaultStatementBuilder() {
        // Opening does not connect (the pool starts in the background), so no server is needed.
        try (Database pg = Database.open("jdbc:postgresql://127.0.0.1:9/none", 1, null)) {
            assertThat(pg.statementCache()).isNull();
        }
        assertThat(open(1).statementCache()).isNotNull();
    }

    @Test
    void theSameSqlOpenTwiceAtOnceGetsTwoStatements() {
        open(1);
        for (String id : List.of("a", "b", "c")) {
            insert(id);
        }
        Capture capture = new Capture();

        List<List<String>> inner = db.read(h -> {
            List<List<String>> rows = new ArrayList<>();
            try (ResultIterator<String> outer = h.createQuery(NAMES).addCustomizer(capture).mapTo(String.class).iterator()) {
                while (outer.hasNext()) {
                    outer.next();
                    rows.add(h.createQuery(NAMES).addCustomizer(capture).mapTo(String.class).list());
                }
            }
            return rows;
        });

        assertThat(inner).hasSize(3).allSatisfy(names -> assertThat(names).containsExactly("name-a", "name-b", "name-c"));
        PreparedStatement outer = capture.statements.get(0);
        PreparedStatement nested = capture.statements.get(1);
        assertThat(nested).isNotSameAs(outer);
        // Each nested query went back idle and served the next; the outer one, returned last,
        // found the slot for its SQL taken and was closed.
        assertThat(capture.statements.subList(1, 4)).allSatisfy(s -> assertThat(s).isSameAs(nested));
        assertThat(isClosed(outer)).isTrue();
        assertThat(db.<List<String>>read(h -> h.createQuery(NAMES).addCustomizer(capture).mapTo(String.class).list())).hasSize(3);
        assertThat(capture.statements.get(4)).isSameAs(nested);
    }

    @Test
    void anIdleCachedStatementPinsNoSnapshotAndBlocksNoCheckpoint() throws Exception {
        open(1);
        insert("a");
        insert("b");
        // Leave statements in the cache after each way of using one: a full read, a partial
        // read, and a row-returning statement run as an update (its rows never read).
        assertThat(count()).isEqualTo(2);
        assertThat(db.<String>read(h -> h.createQuery(NAMES).mapTo(String.class).first())).isEqualTo("name-a");
        db.read(h -> h.execute(NAMES));
        db.read(h -> h.execute("PRAGMA wal_checkpoint(PASSIVE)"));

        try (Connection other = DriverManager.getConnection(HeraldConfig.sqliteUrl(dir));
                Statement st = other.createStatement()) {
            st.execute("PRAGMA busy_timeout = 0");
            st.executeUpdate("INSERT INTO workspaces (id, name, created_at) VALUES ('c', 'name-c', 0)");
            // A pinned snapshot would keep the checkpoint busy for good; the pool's own background
            // checkpointer may hold it for a moment, so a few short retries tell the two apart.
            int busy = 1;
            for (int attempt = 0; attempt < 40 && busy != 0; attempt++) {
                if (attempt > 0) {
                    Thread.sleep(25);
                }
                try (ResultSet rs = st.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                    assertThat(rs.next()).isTrue();
                    busy = rs.getInt(1);
                }
            }
            assertThat(busy).as("checkpoint busy for a second").isZero();
        }

        assertThat(count()).isEqualTo(3);
        assertThat(db.<List<String>>read(h -> h.createQuery(NAMES).mapTo(String.class).list())).contains("name-c");
    }

    @Test
    void aStatementThatFailedDoesNotPoisonTheCache() {
        open(1);
        insert("a");
        Capture capture = new Capture();

        // A constraint violation leaves the statement un-reset in sqlite-jdbc.
        assertThatThrownBy(() -> db.write(h -> h.createUpdate(INSERT).addCustomizer(capture)
                .bind("id", "a").bind("name", "other").execute()))
                .satisfies(e -> assertThat(Database.isUniqueViolation(e)).isTrue());
        db.write(h -> h.createUpdate(INSERT).addCustomizer(capture).bind("id", "b").bind("name", "name-b").execute());
        assertThat(capture.statements).hasSize(2);
        assertThat(capture.statements.get(1)).isNotSameAs(capture.statements.get(0));
        assertThat(isClosed(capture.statements.get(0))).isTrue();

        // An error while stepping a query.
        String json = "SELECT json_extract(:doc, '$.a')";
        assertThatThrownBy(() -> db.read(h -> h.createQuery(json).addCustomizer(capture)
                .bind("doc", "{not json").mapTo(String.class).one())).hasMessageContaining("malformed JSON");
        assertThat(db.<String>read(h -> h.createQuery(json).addCustomizer(capture)
                .bind("doc", "{\"a\": \"x\"}").mapTo(String.class).one())).isEqualTo("x");
        assertThat(capture.statements.get(3)).isNotSameAs(capture.statements.get(2));

        // An error on a later row, after the execution succeeded: the statement comes back
        // reset and serves the next query correctly.
        String rows = "SELECT json_extract(doc, '$.a') FROM (SELECT :first AS doc UNION ALL SELECT :second)";
        assertThatThrownBy(() -> db.read(h -> h.createQuery(rows).bind("first", "{\"a\": \"x\"}")
                .bind("second", "{not json").mapTo(String.class).list()))
                .isInstanceOf(ResultSetException.class).hasStackTraceContaining("malformed JSON");
        assertThat(db.<List<String>>read(h -> h.createQuery(rows).bind("first", "{\"a\": \"x\"}")
                .bind("second", "{\"a\": \"y\"}").mapTo(String.class).list())).containsExactly("x", "y");

        assertThat(count()).isEqualTo(2);
        insert("c");
        assertThat(count()).isEqualTo(3);
    }

    @Test
    void settingsACustomizerChangedDoNotReachTheNextUser() {
        open(1);
        for (String id : List.of("a", "b", "c")) {
            insert(id);
        }
        List<Integer> seen = new CopyOnWriteArrayList<>();
        StatementCustomizer settings = new StatementCustomizer() {
            @Override
            public void beforeExecution(PreparedStatement stmt, StatementContext ctx) throws SQLException {
                seen.add(stmt.getQueryTimeout());
                seen.add(stmt.getMaxRows());
                seen.add(stmt.getFetchSize());
            }
        };

        List<String> limited = db.read(h -> h.createQuery(NAMES).setQueryTimeout(7).setMaxRows(2).setFetchSize(1)
                .mapTo(String.class).list());
        List<String> plain = db.read(h -> h.createQuery(NAMES).addCustomizer(settings).mapTo(String.class).list());

        assertThat(limited).containsExactly("name-a", "name-b");
        assertThat(plain).containsExactly("name-a", "name-b", "name-c");
        assertThat(seen).containsExactly(0, 0, 0);
    }

    @Test
    void bindingsDoNotCarryOverToTheNextUser() {
        open(1);
        insert("a");
        String byId = "SELECT name FROM workspaces WHERE id = ?";
        assertThat(db.<Optional<String>>read(h -> h.select(byId, "a").mapTo(String.class).findOne())).contains("name-a");
        // A missing binding is an error, not the previous user's value.
        assertThatThrownBy(() -> db.read(h -> h.createQuery(byId).mapTo(String.class).findOne()))
                .hasMessageContaining("Missing positional parameter");
        assertThat(db.<Optional<String>>read(h -> h.select(byId, "zzz").mapTo(String.class).findOne())).isEmpty();
    }

    @Test
    void statementsReturningGeneratedKeysBypassTheCache() {
        open(1);
        db.write(h -> h.execute("CREATE TABLE counters (n INTEGER PRIMARY KEY AUTOINCREMENT, v TEXT)"));
        long prepares = db.statementCache().prepares();

        List<Long> keys = new ArrayList<>();
        for (String v : List.of("x", "y")) {
            keys.add(db.write(h -> h.createUpdate("INSERT INTO counters (v) VALUES (:v)").bind("v", v)
                    .executeAndReturnGeneratedKeys("n").mapTo(Long.class).one()));
        }

        assertThat(keys).containsExactly(1L, 2L);
        assertThat(db.statementCache().prepares()).isEqualTo(prepares);
    }

    @Test
    void aConnectionThePoolRetiredDoesNotBreakTheNextQuery() throws Exception {
        open(1);
        insert("a");
        for (int i = 0; i < 4; i++) {
            SQLiteConnection physical = db.read(h -> {
                h.createQuery(COUNT).mapTo(Integer.class).one();
                return unwrap(h);
            });
            db.retireConnections();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!physical.isClosed() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(physical.isClosed()).as("retired connection closed").isTrue();

            assertThat(count()).isEqualTo(1);
            assertThat(db.read(SqliteStatementCacheTest::unwrap)).isNotSameAs(physical);
        }
        // The caches of closed connections were dropped, not kept.
        assertThat(db.statementCache().connections()).isEqualTo(1);
    }

    @Test
    void eightThreadsReadingAndWritingGetCorrectResults() throws Exception {
        open(4);
        int threads = 8;
        int rounds = 60;
        List<CompletableFuture<Void>> work = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                work.add(CompletableFuture.runAsync(() -> {
                    for (int r = 0; r < rounds; r++) {
                        String id = thread + "-" + r;
                        int before = count();
                        int inside = db.write(h -> {
                            h.createUpdate(INSERT).bind("id", id).bind("name", "name-" + id).execute();
                            // A nested read joins the write and sees its own insert.
                            return db.read(inner -> inner.createQuery("SELECT COUNT(*) FROM workspaces WHERE id = :id")
                                    .bind("id", id).mapTo(Integer.class).one());
                        });
                        assertThat(inside).isEqualTo(1);
                        assertThat(db.<String>read(h -> h.createQuery("SELECT name FROM workspaces WHERE id = :id")
                                .bind("id", id).mapTo(String.class).one())).isEqualTo("name-" + id);
                        assertThat(count()).isGreaterThan(before);
                    }
                }, pool));
            }
            CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        assertThat(count()).isEqualTo(threads * rounds);
        assertThat(db.statementCache().reuses()).isGreaterThan(10 * db.statementCache().prepares());
    }

    @Test
    void failedWritesStillRollBackEverything() {
        open(2);
        insert("a");
        assertThatThrownBy(() -> db.write(h -> {
            h.createUpdate(INSERT).bind("id", "b").bind("name", "name-b").execute();
            db.write(inner -> inner.createUpdate(INSERT).bind("id", "c").bind("name", "name-c").execute());
            return h.createUpdate(INSERT).bind("id", "a").bind("name", "again").execute();
        })).satisfies(e -> assertThat(Database.isUniqueViolation(e)).isTrue());
        assertThat(count()).isEqualTo(1);
        insert("b");
        assertThat(count()).isEqualTo(2);
    }

    private static SQLiteConnection unwrap(Handle h) {
        try {
            return h.getConnection().unwrap(SQLiteConnection.class);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isClosed(Statement statement) {
        try {
            return statement.isClosed();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
