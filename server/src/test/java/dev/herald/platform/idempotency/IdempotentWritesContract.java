package dev.herald.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.platform.domain.Conflict;
import dev.herald.platform.store.Database;
import dev.herald.server.testing.StoreExtension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The one idempotency mechanism over a real store: replay, conflict, claim-and-run in one
 * transaction, and the lost race re-read, through a store that keeps its answers in a table of its
 * own (as a feature does).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class IdempotentWritesContract {
    private Database db;
    private IdempotentWrites writes;
    private static final KeptAnswers STORE = new KeptAnswers();

    protected abstract StoreExtension store();

    @BeforeAll
    void open() {
        db = Database.open(store().databaseUrl(), 8, null);
        db.write(h -> {
            h.execute("CREATE TABLE kept_answers (scope VARCHAR(40) NOT NULL, answer_key VARCHAR(255) NOT NULL, "
                    + "fingerprint VARCHAR(64) NOT NULL, status INTEGER NOT NULL, body TEXT NOT NULL, "
                    + "PRIMARY KEY (scope, answer_key))");
            h.execute("CREATE TABLE effects (scope VARCHAR(40) NOT NULL, effect VARCHAR(255) NOT NULL, "
                    + "PRIMARY KEY (scope, effect))");
            return null;
        });
        writes = new IdempotentWrites(db);
    }

    @AfterAll
    void close() {
        db.close();
    }

    /** A feature's own table of answers, claimed by the write's insert (no separate claim). */
    static final class KeptAnswers implements AnswerStore<String> {
        @Override
        public String keyField() {
            return "effect_key";
        }

        @Override
        public Optional<Kept> find(Handle h, String scope, String key) {
            return h.createQuery("SELECT fingerprint, status, body FROM kept_answers WHERE scope = :s AND answer_key = :k")
                    .bind("s", scope).bind("k", key)
                    .map((rs, c) -> new Kept(new Fingerprint(rs.getString("fingerprint")),
                            new Answer(rs.getInt("status"), rs.getString("body"))))
                    .findOne();
        }

        @Override
        public void keep(Handle h, String scope, String key, Fingerprint fingerprint, Answer answer) {
            h.createUpdate("INSERT INTO kept_answers (scope, answer_key, fingerprint, status, body) VALUES (:s, :k, :f, :st, :b)")
                    .bind("s", scope).bind("k", key).bind("f", fingerprint.hex()).bind("st", answer.status())
                    .bind("b", answer.json()).execute();
        }
    }

    private static Fingerprint fingerprint(String body) {
        return Fingerprint.of(body.getBytes(StandardCharsets.UTF_8));
    }

    /** A write with an effect (a row), answering which effect it had. */
    private static IdempotentWrites.Write effect(String scope, String effect, AtomicInteger runs) {
        return h -> {
            runs.incrementAndGet();
            h.createUpdate("INSERT INTO effects (scope, effect) VALUES (:s, :e)").bind("s", scope).bind("e", effect).execute();
            return IdempotentWrites.Written.of(new Answer(201, "{\"effect\":\"" + effect + "\"}"));
        };
    }

    private int effects(String scope) {
        return db.read(h -> h.createQuery("SELECT COUNT(*) FROM effects WHERE scope = :s").bind("s", scope)
                .mapTo(Integer.class).one());
    }

    @Test
    void aRetryWithTheSameFingerprint_replaysTheFirstAnswer_withoutRunningTheWriteAgain() {
        AtomicInteger runs = new AtomicInteger();
        IdempotentWrites.Answered first = writes.once(STORE, "retry", "k", fingerprint("a"), effect("retry", "one", runs));
        IdempotentWrites.Answered again = writes.once(STORE, "retry", "k", fingerprint("a"), effect("retry", "two", runs));
        assertThat(first.replayed()).isFalse();
        assertThat(again.replayed()).isTrue();
        assertThat(again.answer()).isEqualTo(first.answer()).isEqualTo(new Answer(201, "{\"effect\":\"one\"}"));
        assertThat(runs).hasValue(1);
        assertThat(effects("retry")).isEqualTo(1);
    }

    @Test
    void anotherRequestUnderAUsedKey_isAConflictNamingTheKey_andRunsNothing() {
        AtomicInteger runs = new AtomicInteger();
        writes.once(STORE, "reuse", "k-1", fingerprint("a"), effect("reuse", "one", runs));
        assertThatThrownBy(() -> writes.once(STORE, "reuse", "k-1", fingerprint("b"), effect("reuse", "two", runs)))
                .isInstanceOf(Conflict.class)
                .hasMessage("effect_key 'k-1' was already used for a different request");
        assertThat(runs).hasValue(1);
    }

    @Test
    void theSameKeyInAnotherScope_isAnotherWrite() {
        AtomicInteger runs = new AtomicInteger();
        writes.once(STORE, "scope-a", "k", fingerprint("a"), effect("scope-a", "one", runs));
        IdempotentWrites.Answered other = writes.once(STORE, "scope-b", "k", fingerprint("b"), effect("scope-b", "one", runs));
        assertThat(other.replayed()).isFalse();
        assertThat(runs).hasValue(2);
    }

    @Test
    void theKeptAnswerIsWhatReplaysGet_evenWhenTheFirstAnswerSentAnother() {
        IdempotentWrites.Answered first = writes.once(STORE, "redacted", "k", fingerprint("a"),
                h -> new IdempotentWrites.Written(new Answer(201, "{\"secret\":\"s3cr3t\"}"),
                        new Answer(201, "{\"secret\":null}")));
        IdempotentWrites.Answered again = writes.once(STORE, "redacted", "k", fingerprint("a"),
                h -> IdempotentWrites.Written.of(new Answer(201, "{}")));
        assertThat(first.answer().json()).isEqualTo("{\"secret\":\"s3cr3t\"}");
        assertThat(again.answer().json()).isEqualTo("{\"secret\":null}");
    }

    @Test
    void aWriteThatFails_keepsNothing_soTheRetryRunsIt() {
        AtomicInteger runs = new AtomicInteger();
        assertThatThrownBy(() -> writes.once(STORE, "failing", "k", fingerprint("a"), h -> {
            effect("failing", "one", runs).run(h);
            throw new IllegalStateException("the provider said no");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(effects("failing")).isZero();
        IdempotentWrites.Answered retry = writes.once(STORE, "failing", "k", fingerprint("a"), effect("failing", "one", runs));
        assertThat(retry.replayed()).isFalse();
        assertThat(effects("failing")).isEqualTo(1);
    }

    @Test
    void aUniqueViolationOfTheWriteItself_isRethrown_notTakenForALostRace() {
        AtomicInteger runs = new AtomicInteger();
        writes.once(STORE, "own", "k-1", fingerprint("a"), effect("own", "same", runs));
        // Another key whose write inserts the same effect row: nothing is kept under k-2 to replay.
        assertThatThrownBy(() -> writes.once(STORE, "own", "k-2", fingerprint("a"), effect("own", "same", runs)))
                .matches(Database::isUniqueViolation);
        assertThat(effects("own")).isEqualTo(1);
    }

    @Test
    void concurrentRequestsWithOneKey_runTheWriteOnce_andEveryOtherReplaysItsAnswer() throws Exception {
        int clients = 8;
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<IdempotentWrites.Answered>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    go.await();
                    // Each attempt writes an effect of its own; only the one that keeps its answer first commits.
                    return writes.once(STORE, "race", "k", fingerprint("a"), effect("race", "client-" + n, runs));
                }));
            }
            go.countDown();
            List<IdempotentWrites.Answered> answers = new ArrayList<>();
            for (Future<IdempotentWrites.Answered> f : futures) {
                answers.add(f.get());
            }
            assertThat(answers).filteredOn(a -> !a.replayed()).hasSize(1);
            assertThat(answers).extracting(IdempotentWrites.Answered::answer).containsOnly(answers.getFirst().answer());
        } finally {
            pool.shutdown();
        }
        assertThat(effects("race")).isEqualTo(1);
    }
}
