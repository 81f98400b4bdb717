package dev.herald.governance.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.governance.policy.Decision;
import dev.herald.platform.store.Database;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import dev.herald.server.Services;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;

/**
 * Plain turns are decided from the session row as this node last committed it, else from the row
 * read without a lock, and saved by a write guarded on the chain position decided from (on SQLite
 * the writer lock is held for that write alone). These pin the guard: a save from a stale read or a
 * stale kept row writes nothing, a rolled-back write leaves no kept row, and turns taking that path
 * keep the counters, the budget and the chain exact.
 */
abstract class UnlockedTurnContract extends RealtimeTestBase {
    /** The session the interleaving gate acts on (none until a test names it), and how often it checked it. */
    private final AtomicReference<Tenant> interleaved = new AtomicReference<>();
    private final AtomicReference<String> interleavedSession = new AtomicReference<>();
    private final AtomicInteger checks = new AtomicInteger();

    /**
     * A gate that, the first time it sees the named session's turn, has another transaction append
     * to the chain: exactly the interleaving the guard must catch. It never writes itself.
     */
    @Override
    protected Services.RealtimeExtensions realtimeExtensions() {
        TurnGate gate = new TurnGate() {
            @Override
            public boolean mayWrite(String id, ObjectNode body) {
                return false;
            }

            @Override
            public Followup check(Handle h, String sessionId, ObjectNode body, ToolCall call, Occasion occasion,
                                  Decision.Builder trace) {
                if (sessionId.equals(interleavedSession.get()) && checks.incrementAndGet() == 1) {
                    herald.services().db().write(other -> {
                        herald.services().liveSessions().append(other, interleaved.get().projectId(), sessionId,
                                "test.interleaved", null, MAPPER.createObjectNode());
                        return null;
                    });
                }
                return Followup.NONE;
            }
        };
        return new Services.RealtimeExtensions(List.of(), List.of(gate));
    }

    private double saved(String path) {
        return counter("herald_turns_saved_total\\{path=\"" + path + "\"[^}]*}");
    }

    private double counter(String name) {
        Matcher m = Pattern.compile("(?m)^" + name + " (\\S+)$").matcher(http.get("/metrics", null).body());
        assertThat(m.find()).as(name).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void aWriterMovingTheChainUnderTheKeptRow_hasTheTurnDecidedAgainFromARead() {
        Tenant t = tenant();
        String sessionId = start(t, 1_000_000L);
        assertThat(turn(t, sessionId, 1, 1, 1).status()).isEqualTo(200);
        interleaved.set(t);
        interleavedSession.set(sessionId);
        double moved = counter("herald_turns_chain_moved_total");
        double unlocked = saved("unlocked");

        JsonNode r = turn(t, sessionId, 1, 1, 1).json();

        assertThat(checks.get()).isEqualTo(2);
        assertThat(counter("herald_turns_chain_moved_total") - moved).isEqualTo(1);
        assertThat(saved("unlocked") - unlocked).isEqualTo(1);
        assertThat(r.path("turn_index").asInt()).isEqualTo(2);
        assertThat(r.path("sequence").asInt()).isEqualTo(4);
        JsonNode artifact = end(t, sessionId).path("attestation_artifact");
        assertThat(artifact.path("chain")).hasSize(5);
        assertThat(artifact.path("chain").get(2).path("event_type").asText()).isEqualTo("test.interleaved");
        assertAllPass(verify(artifact));
    }

    @Test
    void guardedSave_writesNothingWhenTheChainMovedSinceTheRead() {
        Started s = started();
        Tenant t = s.t();
        String sessionId = s.sessionId();
        Database db = s.db();
        SessionLedger ledger = s.ledger();
        SessionLedger.Cursor stale = s.cursor();
        assertThat(turn(t, sessionId, 10, 10, 1).status()).isEqualTo(200);

        boolean saved = db.autocommit(h -> {
            ledger.append(stale, "test.stale", null, MAPPER.createObjectNode());
            return ledger.saveIfUnmoved(h, stale, null, List.of());
        });

        assertThat(saved).isFalse();
        List<String> chain = db.read(h -> hashes(ledger, h, sessionId));
        assertThat(chain).hasSize(2);
        SessionLedger.Cursor fresh = s.cursor();
        boolean savedFresh = db.autocommit(h -> {
            ledger.append(fresh, "test.fresh", null, MAPPER.createObjectNode());
            return ledger.saveIfUnmoved(h, fresh, null, List.of());
        });
        assertThat(savedFresh).isTrue();
        List<String> after = db.read(h -> hashes(ledger, h, sessionId));
        assertThat(after).hasSize(3).last().isEqualTo(fresh.headHash());
    }

    @Test
    void guardedSave_writesNothingWhenAGateConditionIsFalse_andSavesOnceItIsTrue() {
        Started s = started();
        SessionLedger.Cursor cursor = s.cursor();
        s.ledger().append(cursor, "test.conditioned", null, MAPPER.createObjectNode());
        SessionLedger.Cursor again = s.cursor();
        s.ledger().append(again, "test.conditioned", null, MAPPER.createObjectNode());

        boolean refused = s.db().autocommit(h -> s.ledger().saveIfUnmoved(h, cursor, null,
                List.of(new SaveCondition("1 = 1", st -> { }), new SaveCondition(":test_open = 1",
                        st -> st.bind("test_open", 0)))));

        assertThat(refused).isFalse();
        List<String> chain = s.db().read(h -> hashes(s.ledger(), h, s.sessionId()));
        assertThat(chain).hasSize(1);
        boolean saved = s.db().autocommit(h -> s.ledger().saveIfUnmoved(h, again, null,
                List.of(new SaveCondition(":test_open = 1", st -> st.bind("test_open", 1)))));
        assertThat(saved).isTrue();
        List<String> after = s.db().read(h -> hashes(s.ledger(), h, s.sessionId()));
        assertThat(after).hasSize(2).last().isEqualTo(again.headHash());
    }

    @Test
    void unlockedTurns_keepCountersBudgetAndChainExact_andDenyOnceTheBudgetIsSpent() {
        Tenant t = tenant();
        String sessionId = start(t, 5L);
        double knownBefore = saved("known");
        for (int i = 1; i <= 5; i++) {
            JsonNode r = turn(t, sessionId, 100, 50, 1).json();
            assertThat(r.path("decision").asText()).isEqualTo("allow");
            assertThat(r.path("turn_index").asInt()).isEqualTo(i);
            assertThat(r.path("sequence").asInt()).isEqualTo(i + 1);
        }
        JsonNode denied = turn(t, sessionId, 100, 50, 1).json();
        assertThat(denied.path("decision").asText()).isEqualTo("deny");
        assertThat(denied.path("turn_index").asInt()).isEqualTo(6);
        // No turn carries a streamed-turn proof, so no gate writes: every turn, the denial too, goes
        // unlocked, and each is decided from the row the previous one committed here, without a read.
        assertThat(saved("known") - knownBefore).isEqualTo(6);

        JsonNode ended = end(t, sessionId);
        assertThat(ended.path("turn_count").asInt()).isEqualTo(6);
        assertThat(ended.path("cumulative_usage").path("risk_budget_used_micros").asInt()).isEqualTo(5);
        assertThat(ended.path("cumulative_usage").path("input_tokens").asInt()).isEqualTo(500);
        JsonNode artifact = ended.path("attestation_artifact");
        assertThat(artifact.path("chain")).hasSize(8);
        assertAllPass(verify(artifact));
    }

    /** A started session, with what the tests of the guarded save and the kept row work with. */
    private record Started(Tenant t, String sessionId, Database db, SessionLedger ledger, SessionStore rows) {
        /** The session's chain position as read now. */
        SessionLedger.Cursor cursor() {
            return db.read(h -> rows.read(h, t.projectId(), sessionId).orElseThrow().cursor());
        }
    }

    private Started started() {
        Tenant t = tenant();
        String sessionId = start(t, 1_000_000L);
        return new Started(t, sessionId, herald.services().db(), herald.services().sessions().ledger(),
                herald.services().sessions().store());
    }

    private Started sessionAfterOneTurn() {
        Started s = started();
        assertThat(turn(s.t(), s.sessionId(), 1, 1, 1).status()).isEqualTo(200);
        return s;
    }

    @Test
    void aRolledBackSave_leavesTheKeptRowAsLastCommitted() {
        Started o = sessionAfterOneTurn();
        SessionRow before = o.ledger().committed(o.t().projectId(), o.sessionId());
        assertThat(before.nextSeq()).isEqualTo(3);

        try {
            o.db().write(h -> {
                SessionLedger.Cursor c = o.rows().lockActive(h, o.t().projectId(), o.sessionId()).cursor();
                o.ledger().append(c, "test.rolled_back", null, MAPPER.createObjectNode());
                o.ledger().save(h, c);
                throw new IllegalStateException("roll back");
            });
        } catch (IllegalStateException expected) {
            // the write rolled back
        }

        assertThat(o.ledger().committed(o.t().projectId(), o.sessionId())).isEqualTo(before);
        assertThat(o.ledger().committed("another-project", o.sessionId())).isNull();
        assertThat(turn(o.t(), o.sessionId(), 1, 1, 1).json().path("sequence").asInt()).isEqualTo(3);
    }

    @Test
    void anEndedSession_keepsNoRow_andNothingIsAppendedAfterItsEnd() {
        Started o = sessionAfterOneTurn();

        end(o.t(), o.sessionId());

        assertThat(o.ledger().committed(o.t().projectId(), o.sessionId())).isNull();
        assertThat(turn(o.t(), o.sessionId(), 1, 1, 1).status()).isEqualTo(409);
        // A cursor at the ended chain's very position still fails the guard, on the status: nothing
        // is appended after the terminal entry.
        SessionLedger.Cursor atEnd = o.db().read(h -> o.rows().read(h, o.t().projectId(), o.sessionId())
                .orElseThrow().cursor());
        List<String> chain = o.db().read(h -> hashes(o.ledger(), h, o.sessionId()));
        boolean saved = o.db().autocommit(h -> {
            o.ledger().append(atEnd, "test.after_end", null, MAPPER.createObjectNode());
            return o.ledger().saveIfUnmoved(h, atEnd, null, List.of());
        });
        assertThat(saved).isFalse();
        List<String> after = o.db().read(h -> hashes(o.ledger(), h, o.sessionId()));
        assertThat(after).isEqualTo(chain);
    }

    private static List<String> hashes(SessionLedger ledger, Handle h, String sessionId) {
        return ledger.entries(h, sessionId).stream().map(SealedSession.Entry::contentHash).toList();
    }
}
