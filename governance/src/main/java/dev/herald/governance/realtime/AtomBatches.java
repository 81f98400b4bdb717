package dev.herald.governance.realtime;

import dev.herald.platform.idempotency.Answer;
import dev.herald.platform.idempotency.AnswerStore;
import dev.herald.platform.idempotency.Fingerprint;
import java.time.Clock;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The answers of atom batches by {@code batch_idempotency_key}, per session ({@code atom_batches}).
 * Kept by the batch's own transaction, beside its atoms; the primary key (session, batch key)
 * makes a concurrent second batch with the key fail when it keeps its answer.
 */
final class AtomBatches implements AnswerStore<String> {
    private final Clock clock;

    AtomBatches(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String keyField() {
        return "batch_idempotency_key";
    }

    @Override
    public Optional<Kept> find(Handle h, String sessionId, String batchKey) {
        return h.createQuery("SELECT fingerprint, response FROM atom_batches WHERE session_id = :s AND batch_key = :k")
                .bind("s", sessionId).bind("k", batchKey)
                .map((rs, c) -> new Kept(new Fingerprint(rs.getString("fingerprint")),
                        new Answer(200, rs.getString("response"))))
                .findOne();
    }

    @Override
    public void keep(Handle h, String sessionId, String batchKey, Fingerprint fingerprint, Answer answer) {
        h.createUpdate("INSERT INTO atom_batches (session_id, batch_key, fingerprint, response, created_at) "
                        + "VALUES (:s, :k, :f, :r, :t)")
                .bind("s", sessionId).bind("k", batchKey).bind("f", fingerprint.hex()).bind("r", answer.json())
                .bind("t", clock.millis()).execute();
    }
}
