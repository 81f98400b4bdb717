package dev.herald.governance.realtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.governance.policy.PolicyRules;
import dev.herald.platform.domain.Conflict;
import dev.herald.platform.idempotency.Answer;
import dev.herald.platform.idempotency.Fingerprint;
import dev.herald.platform.idempotency.IdempotentWrites;
import dev.herald.platform.store.Database;
import dev.herald.platform.store.Dialect;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * {@code POST /v1/voice/sessions/{id}/events}: a batch of at most 100 atoms. The batch shape is
 * validated first ({@link AtomBatch#read}: any defect is a 4xx naming the field and nothing is
 * written); the signatures of all atoms are verified together and their chain entries serialized,
 * before the transaction and without any lock; then one transaction locks the session, appends
 * every accepted atom to its chain, and keeps the answer under the batch key. The batch key goes
 * through the one idempotency mechanism ({@link IdempotentWrites}, answers in {@code atom_batches}):
 * a replay answers the kept results byte for byte; a reused key with another body is 409.
 * Thread-safe.
 */
public final class AtomIngestor {
    private final Database db;
    private final Clock clock;
    private final ObjectMapper mapper;
    private final SidecarIntake intake;
    private final AtomBatches batches;

    public AtomIngestor(Database db, Clock clock, ObjectMapper mapper, SidecarIntake intake) {
        this.db = db;
        this.clock = clock;
        this.mapper = mapper;
        this.intake = intake;
        this.batches = new AtomBatches(clock);
    }

    /**
     * One row of {@code session_atoms}: where an accepted atom's key went in the chain (its hash is
     * the chain entry's, read from there). Public only so that Jdbi can bind its accessors by name.
     */
    public record AtomKeyRow(String sessionId, String idempotencyKey, long seq) {
    }

    /**
     * Ingests {@code batch} into the session, or replays the answer of the batch with its key.
     *
     * @param fingerprint the request body's fingerprint, to tell a retry from a conflicting reuse of the key
     */
    public IdempotentWrites.Answered ingest(String projectId, String sessionId, AtomBatch batch,
                                            Fingerprint fingerprint) {
        // Everything that needs no lock happens first: reading the keys and the session, checking
        // the signatures, and serializing the chain entries; the transaction then only places them.
        record Context(SigningRules signing, SessionRow row, PolicyRules rules) {
        }
        Context ctx = db.read(h -> {
            // The row as this node last committed it will do: the plan made from it is only used
            // if the row locked below is still in the same state.
            SessionRow kept = intake.ledger().committed(projectId, sessionId);
            SessionRow row = kept != null ? kept : intake.sessions().read(h, projectId, sessionId)
                    .orElseThrow(() -> SessionStore.notFound(sessionId));
            return new Context(intake.signingRules(h, projectId), row, intake.sessions().rules(h, row));
        });
        List<Atom> atoms = batch.atoms();
        List<AtomVerifier.Signed> signed = new ArrayList<>(atoms.size());
        for (Atom atom : atoms) {
            signed.add(new AtomVerifier.Signed(atom.signingBytes(sessionId), atom.signatures()));
        }
        List<AtomSignatures.Result> verdicts = intake.verifier().verifyAll(ctx.signing().keys(), sessionId, signed,
                clock.instant());
        AtomBatchPlan plan = AtomBatchPlan.of(intake.ledger(), ctx.row().cursor().subject(), ctx.rules(),
                AtomBatchPlan.State.of(ctx.row()), atoms, verdicts, ctx.signing().enforce(), Map.of());
        try {
            // First assume no atom repeats one of an earlier batch (the common case): the atom keys'
            // primary key then checks that as the rows go in, and a violation sends the batch
            // round again with the explicit check.
            return intake.writes().once(batches, sessionId, batch.batchKey(), fingerprint,
                    h -> ingestIn(h, projectId, sessionId, batch, verdicts, ctx.signing(), plan, false));
        } catch (RuntimeException e) {
            if (!Database.isUniqueViolation(e)) {
                throw e;
            }
        }
        return intake.writes().once(batches, sessionId, batch.batchKey(), fingerprint,
                h -> ingestIn(h, projectId, sessionId, batch, verdicts, ctx.signing(), plan, true));
    }

    private IdempotentWrites.Written ingestIn(Handle h, String projectId, String sessionId, AtomBatch batch,
                                              List<AtomSignatures.Result> verdicts, SigningRules signing,
                                              AtomBatchPlan unlocked, boolean checkEarlierBatches) {
        SessionRow row = intake.sessions().lock(h, projectId, sessionId);
        if (!row.active()) {
            throw new Conflict("session " + sessionId + " is " + row.status() + "; it accepts nothing more");
        }
        List<Atom> atoms = batch.atoms();
        Map<String, AtomBatchPlan.StoredAtom> earlier = checkEarlierBatches ? previous(h, sessionId, atoms) : Map.of();
        AtomBatchPlan plan = earlier.isEmpty() && unlocked.start.equals(AtomBatchPlan.State.of(row)) ? unlocked
                : AtomBatchPlan.of(intake.ledger(), row.cursor().subject(), intake.sessions().rules(h, row),
                        AtomBatchPlan.State.of(row),
                        atoms, verdicts, signing.enforce(), earlier);
        SessionLedger.Cursor cursor = row.cursor();
        List<AtomKeyRow> atomRows = new ArrayList<>();
        List<AtomBatchResult.AtomResult> results = new ArrayList<>(atoms.size());
        int duplicates = 0;
        int rejected = 0;
        for (int i = 0; i < atoms.size(); i++) {
            Atom atom = atoms.get(i);
            switch (plan.outcomes.get(i)) {
                case AtomBatchPlan.DuplicateInBatch d -> {
                    AtomBatchResult.Accepted first = (AtomBatchResult.Accepted) results.get(d.first());
                    results.add(AtomBatchResult.Duplicate.of(atom, first.sequence(), first.eventHash()));
                    duplicates++;
                }
                case AtomBatchPlan.DuplicateStored d -> {
                    results.add(AtomBatchResult.Duplicate.of(atom, d.stored().sequence(), d.stored().eventHash()));
                    duplicates++;
                }
                case AtomBatchPlan.Rejected x -> {
                    results.add(AtomBatchResult.Rejected.of(atom, x.reason()));
                    rejected++;
                }
                case AtomBatchPlan.Accepted a -> {
                    SessionLedger.Entry entry = intake.ledger().append(cursor, a.entry());
                    atomRows.add(new AtomKeyRow(sessionId, atom.idempotencyKey(), entry.sequence()));
                    String flag = a.attributes().has("policy_flag") ? a.attributes().get("policy_flag").asText() : null;
                    results.add(AtomBatchResult.Accepted.of(atom, entry, a.verdict(), flag));
                }
            }
        }
        if (!atomRows.isEmpty()) {
            // One prepared batch: with reWriteBatchedInserts PostgreSQL receives it as multi-row inserts.
            var insert = h.prepareBatch("INSERT INTO session_atoms (session_id, idempotency_key, seq) "
                    + "VALUES (:sessionId, :idempotencyKey, :seq)");
            for (AtomKeyRow r : atomRows) {
                insert.bindMethods(r).add();
            }
            insert.execute();
        }
        AtomBatchPlan.State end = plan.end;
        intake.ledger().save(h, cursor, new SessionLedger.RowChanges(
                "atom_count = atom_count + :n, disclosure_seen = :d, consent_seen = :c, pending_violation = :v",
                u -> u.bind("n", plan.accepted()).bind("d", end.disclosureSeen() ? 1 : 0)
                        .bind("c", end.consentSeen() ? 1 : 0).bind("v", end.pendingViolation())));
        AtomBatchResult result = new AtomBatchResult(sessionId, batch.batchKey(), signing.mode(), plan.accepted(),
                duplicates, rejected, results, new AtomBatchResult.ChainHead(cursor.headHash(), cursor.eventCount()));
        return IdempotentWrites.Written.of(new Answer(200, json(result)));
    }

    private String json(AtomBatchResult result) {
        try {
            return mapper.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("batch result not serializable", e);
        }
    }

    /** Atoms of earlier batches with any of these keys, by key (one query per batch). */
    private Map<String, AtomBatchPlan.StoredAtom> previous(Handle h, String sessionId, List<Atom> atoms) {
        record Found(String key, AtomBatchPlan.StoredAtom atom) {
        }
        List<String> keys = atoms.stream().map(Atom::idempotencyKey).distinct().toList();
        var query = db.dialect() == Dialect.POSTGRESQL
                // One primary-key probe per key, whatever the statistics say: with "session_id = ?
                // AND key IN (...)" PostgreSQL may scan every atom of the session and filter, which
                // made each batch cost more the longer the call went on.
                ? h.createQuery("SELECT k.key AS idempotency_key, a.seq, e.content_hash AS event_hash "
                        + "FROM unnest(:keys) AS k(key) "
                        + "CROSS JOIN LATERAL (SELECT seq FROM session_atoms "
                        + "WHERE session_id = :s AND idempotency_key = k.key) a "
                        + "JOIN session_events e ON e.session_id = :s AND e.seq = a.seq")
                        .bindArray("keys", String.class, keys)
                : h.createQuery("SELECT a.idempotency_key, a.seq, e.content_hash AS event_hash FROM session_atoms a "
                        + "JOIN session_events e ON e.session_id = a.session_id AND e.seq = a.seq "
                        + "WHERE a.session_id = :s AND a.idempotency_key IN (<keys>)").bindList("keys", keys);
        Map<String, AtomBatchPlan.StoredAtom> out = new HashMap<>();
        query.bind("s", sessionId)
                .map((rs, c) -> new Found(rs.getString("idempotency_key"),
                        new AtomBatchPlan.StoredAtom(rs.getLong("seq"), rs.getString("event_hash"))))
                .forEach(f -> out.put(f.key(), f.atom()));
        return out;
    }
}
