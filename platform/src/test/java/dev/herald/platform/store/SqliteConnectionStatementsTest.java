package dev.herald.platform.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.result.ResultIterator;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One connection's statement cache, with a small capacity, through Jdbi on a real SQLite connection. */
class SqliteConnectionStatementsTest {
    @TempDir
    Path dir;
    Connection connection;
    SqliteStatementCache cache = new SqliteStatementCache(2);
    Handle handle;
    final List<PreparedStatement> executed = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() throws Exception {
        connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("t.db"));
        Jdbi jdbi = Jdbi.create(connection);
        jdbi.setStatementBuilderFactory(cache);
        handle = jdbi.open();
    }

    @AfterEach
    void close() throws Exception {
        handle.close();
        connection.close();
    }

    private Query query(String sql) {
        return handle.createQuery(sql).addCustomizer(new StatementCustomizer() {
            @Override
            public void beforeExecution(PreparedStatement stmt, StatementContext ctx) {
                executed.add(stmt);
            }
        });
    }

    private PreparedStatement run(String sql) {
        query(sql).mapTo(Integer.class).list();
        return executed.getLast();
    }

    @Test
    void theLeastRecentlyReturnedSqlIsEvictedAndClosedBeyondCapacity() throws Exception {
        PreparedStatement one = run("SELECT 1");
        PreparedStatement two = run("SELECT 2");
        PreparedStatement three = run("SELECT 3");

        assertThat(one.isClosed()).isTrue();
        assertThat(two.isClosed()).isFalse();
        assertThat(three.isClosed()).isFalse();
        assertThat(run("SELECT 2")).isSameAs(two);
        assertThat(run("SELECT 1")).isNotSameAs(one);
        assertThat(three.isClosed()).as("least recently returned now").isTrue();
        assertThat(cache.prepares()).isEqualTo(4);
        assertThat(cache.reuses()).isEqualTo(1);
    }

    @Test
    void aSecondStatementForTheSameSqlIsClosedWhenOneIsAlreadyIdle() throws Exception {
        String sql = "SELECT 1 UNION ALL SELECT 2";
        try (ResultIterator<Integer> first = query(sql).mapTo(Integer.class).iterator()) {
            first.next();
            try (ResultIterator<Integer> second = query(sql).mapTo(Integer.class).iterator()) {
                second.next();
            }
        }
        PreparedStatement first = executed.get(0);
        PreparedStatement second = executed.get(1);

        assertThat(second).isNotSameAs(first);
        assertThat(second.isClosed()).as("returned first, kept idle").isFalse();
        assertThat(first.isClosed()).as("returned to a full slot").isTrue();
        assertThat(run(sql)).isSameAs(second);
    }

    @Test
    void aStatementStillOpenWhenItsHandleClosesIsClosedWithIt() throws Exception {
        // Jdbi does not return an abandoned statement to the builder; the pool used to close it.
        ResultIterator<Integer> abandoned = query("SELECT 1 UNION ALL SELECT 2").mapTo(Integer.class).iterator();
        abandoned.next();
        PreparedStatement statement = executed.getLast();
        assertThat(cache.lent()).isEqualTo(1);

        handle.close();

        assertThat(cache.lent()).isZero();
        assertThat(statement.isClosed()).isTrue();
    }
}
