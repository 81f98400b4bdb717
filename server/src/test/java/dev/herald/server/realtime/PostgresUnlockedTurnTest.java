package dev.herald.server.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.server.attest.SessionLedger;
import dev.herald.server.store.Database;
import dev.herald.server.testing.StoreExtension;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Plain turns on PostgreSQL are saved without a transaction, by one statement guarded on the chain
 * position the session row was read at. These pin the guard: a save from a stale read writes
 * nothing, and turns taking that path keep the counters, the budget and the chain exact.
 */
class PostgresUnlockedTurnTest extends RealtimeTestBase {
    @RegisterExtension
    static final StoreExtension STORE = StoreExtension.postgres();

    @Override
    protected StoreExtension store() {
        return STORE;
    }

    private double savedUnlocked() {
        Matcher m = Pattern.compile("(?m)^herald_turns_saved_total\\{path=\"unlocked\"[^}]*} (\\S+)$")
                .matcher(http.get("/metrics", null).body());
        assertThat(m.find()).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void guardedSave_writesNothingWhenTheChainMovedSinceTheRead() {
        Tenant t = tenant();
        String sessionId = start(t, 1_000_000L);
        Database db = herald.services().db();
        SessionLedger ledger = herald.services().ledger();
        SessionLedger.Cursor stale = db.read(h -> ledger.lock(h, sessionId));
        assertThat(turn(t, sessionId, 10, 10, 1).status()).isEqualTo(200);

        boolean saved = db.autocommit(h -> {
            ledger.append(stale, "test.stale", null, MAPPER.createObjectNode());
            return ledger.saveIfUnmoved(h, stale, null);
        });

        assertThat(saved).isFalse();
        List<String> chain = db.read(h -> ledger.hashes(h, sessionId));
        assertThat(chain).hasSize(2);
        SessionLedger.Cursor fresh = db.read(h -> ledger.lock(h, sessionId));
        boolean savedFresh = db.autocommit(h -> {
            ledger.append(fresh, "test.fresh", null, MAPPER.createObjectNode());
            return ledger.saveIfUnmoved(h, fresh, null);
        });
        assertThat(savedFresh).isTrue();
        List<String> after = db.read(h -> ledger.hashes(h, sessionId));
        assertThat(after).hasSize(3).last().isEqualTo(fresh.headHash());
    }

    @Test
    void unlockedTurns_keepCountersBudgetAndChainExact_andDenyOnceTheBudgetIsSpent() {
        Tenant t = tenant();
        String sessionId = start(t, 5L);
        double unlockedBefore = savedUnlocked();
        for (int i = 1; i <= 5; i++) {
            JsonNode r = turn(t, sessionId, 100, 50, 1).json();
            assertThat(r.path("decision").asText()).isEqualTo("allow");
            assertThat(r.path("turn_index").asInt()).isEqualTo(i);
            assertThat(r.path("sequence").asInt()).isEqualTo(i + 1);
        }
        JsonNode denied = turn(t, sessionId, 100, 50, 1).json();
        assertThat(denied.path("decision").asText()).isEqualTo("deny");
        assertThat(denied.path("turn_index").asInt()).isEqualTo(6);
        // The first turn learns the session has no Ratify agent (a gate that may write); the rest go unlocked.
        assertThat(savedUnlocked() - unlockedBefore).isEqualTo(5);

        JsonNode ended = end(t, sessionId);
        assertThat(ended.path("turn_count").asInt()).isEqualTo(6);
        assertThat(ended.path("cumulative_usage").path("risk_budget_used_micros").asInt()).isEqualTo(5);
        assertThat(ended.path("cumulative_usage").path("input_tokens").asInt()).isEqualTo(500);
        JsonNode artifact = ended.path("attestation_artifact");
        assertThat(artifact.path("chain")).hasSize(8);
        assertAllPass(verify(artifact));
    }
}
