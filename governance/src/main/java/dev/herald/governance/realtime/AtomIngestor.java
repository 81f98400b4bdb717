package dev.herald.governance.realtime;

import dev.herald.platform.domain.Conflict;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.governance.policy.PolicyRules;
import dev.herald.platform.store.Database;
import dev.herald.platform.store.Dialect;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;

/**
 * {@code POST /v1/voice/sessions/{id}/events}: a batch of at most 100 atoms. The batch shape is
 * validated first (any defect is a 4xx naming the field and nothing is written); the signatures of
 * all atoms are verified together and their chain entries serialized, before the transaction and
 * without any lock; then one transaction locks the session, appends every accepted atom to its
 * chain, and records the per-atom results and the batch key. A replayed batch key answers the
 * stored results; a reused one with another body is 409. Thread-safe.
 */
public final class AtomIngestor {
    private final Database db;
    private final Clock clock;
    private final ObjectMapper mapper;
    private final SessionStore store;
    private final SessionLedger ledger;
    private final SidecarKeyService keys;
    private final ProjectSettings settings;
    private final AtomVerifier verifier;

    public AtomIngestor(Database db, Clock clock, ObjectMapper mapper, SessionStore store, SessionLedger ledger,
                        SidecarKeyService keys, ProjectSettings settings, AtomVerifier verifier) {
        this.db = db;
        this.clock = clock;
        this.mapper = mapper;
        this.store = store;
        this.ledger = ledger;
        this.keys = keys;
        this.settings = settings;
        this.verifier = verifier;
    }

    /** The answer and whether it is a replay. */
    public record Ingested(ObjectNode body, boolean replayed) {
    }

    public Ingested ingest(String projectId, String sessionId, String batchKey, List<Atom> atoms, String fingerprint) {
        // Everything that needs no lock happens first: reading the keys and the session, checking
        // the signatures, and serializing the chain entries; the transaction then only places them.
        record Context(SigningRules signing, SessionRow row, PolicyRules rules) {
        }
        Context ctx = db.read(h -> {
            SessionRow row = store.read(h, projectId, sessionId).orElseThrow(() -> SessionStore.notFound(sessionId));
            return new Context(SigningRules.read(h, keys, settings, projectId), row, store.rules(h, row));
        });
        List<AtomVerifier.Signed> signed = new ArrayList<>(atoms.size());
        for (Atom atom : atoms) {
            signed.add(new AtomVerifier.Signed(atom.signingBytes(sessionId), atom.signatures()));
        }
        List<AtomSignatures.Result> verdicts = verifier.verifyAll(ctx.signing().keys(), sessionId, signed, clock.instant());
        AtomBatchPlan plan = AtomBatchPlan.of(ledger, ctx.row().cursor().subject(), ctx.rules(),
                AtomBatchPlan.State.of(ctx.row()), atoms, verdicts, ctx.signing().enforce(), Map.of());
        Function<Boolean, Ingested> attempt = checkEarlierBatches -> db.write(h -> ingestIn(h, projectId, sessionId,
                batchKey, atoms, verdicts, ctx.signing(), plan, fingerprint, checkEarlierBatches));
        try {
            // First assume no atom repeats one of an earlier batch (the common case): the atom keys'
            // primary key then checks that as the rows go in, and a violation sends the batch
            // round again with the explicit check.
            return attempt.apply(false);
        } catch (RuntimeException e) {
            if (!Database.isUniqueViolation(e)) {
                throw e;
            }
        }
        try {
            return attempt.apply(true);
        } catch (RuntimeException e) {
            if (!Database.isUniqueViolation(e)) {
                throw e;
            }
            // A concurrent request with the same batch key committed first: answer as it did.
            return db.read(h -> storedBatch(h, sessionId, batchKey, fingerprint)).orElseThrow(() -> e);
        }
    }

    private Optional<Ingested> storedBatch(Handle h, String sessionId, String batchKey, String fingerprint) {
        return h.createQuery("SELECT fingerprint, response FROM atom_batches WHERE session_id = :s AND batch_key = :k")
                .bind("s", sessionId).bind("k", batchKey)
                .map((rs, c) -> {
                    if (!rs.getString("fingerprint").equals(fingerprint)) {
                        throw new Conflict("batch_idempotency_key '" + batchKey
                                + "' was already used for a different batch in this session");
                    }
                    return new Ingested((ObjectNode) store.json(rs.getString("response")), true);
                }).findOne();
    }

    private Ingested ingestIn(Handle h, String projectId, String sessionId, String batchKey, List<Atom> atoms,
                              List<AtomSignatures.Result> verdicts, SigningRules signing, AtomBatchPlan unlocked,
                              String fingerprint, boolean checkEarlierBatches) {
        SessionRow row = store.lock(h, projectId, sessionId);
        Optional<Ingested> replay = storedBatch(h, sessionId, batchKey, fingerprint);
        if (replay.isPresent()) {
            return replay.get();
        }
        if (!row.active()) {
            throw new Conflict("session " + sessionId + " is " + row.status() + "; it accepts nothing more");
        }
        Map<String, ObjectNode> earlier = checkEarlierBatches ? previous(h, sessionId, atoms) : Map.of();
        AtomBatchPlan plan = earlier.isEmpty() && unlocked.start.equals(AtomBatchPlan.State.of(row)) ? unlocked
                : AtomBatchPlan.of(ledger, row.cursor().subject(), store.rules(h, row), AtomBatchPlan.State.of(row),
                        atoms, verdicts, signing.enforce(), earlier);
        SessionLedger.Cursor cursor = row.cursor();
        List<Object[]> atomRows = new ArrayList<>();
        ArrayNode results = mapper.createArrayNode();
        int duplicates = 0;
        int rejected = 0;
        for (int i = 0; i < atoms.size(); i++) {
            Atom atom = atoms.get(i);
            ObjectNode r = results.addObject();
            r.put("index", atom.index());
            r.put("idempotency_key", atom.idempotencyKey());
            switch (plan.outcomes.get(i)) {
                case AtomBatchPlan.DuplicateInBatch d -> {
                    ObjectNode first = (ObjectNode) results.get(d.first());
                    r.put("status", "duplicate");
                    r.set("sequence", first.get("sequence"));
                    r.set("event_hash", first.get("event_hash"));
                    duplicates++;
                }
                case AtomBatchPlan.DuplicateStored d -> {
                    r.put("status", "duplicate");
                    r.set("sequence", d.stored().get("sequence"));
                    r.set("event_hash", d.stored().get("event_hash"));
                    duplicates++;
                }
                case AtomBatchPlan.Rejected x -> {
                    r.put("status", "rejected");
                    r.put("reason", x.reason());
                    rejected++;
                }
                case AtomBatchPlan.Accepted a -> {
                    SessionLedger.Entry entry = ledger.append(cursor, a.entry());
                    atomRows.add(new Object[] {atom.idempotencyKey(), entry.sequence(), entry.contentHash()});
                    r.put("status", "accepted");
                    r.put("sequence", entry.sequence());
                    r.put("event_hash", entry.contentHash());
                    r.put("event_type", entry.eventType());
                    r.put("signature_status", a.verdict().verified() ? "verified" : "unverified");
                    if (!a.verdict().verified()) {
                        r.put("reason", a.verdict().reason());
                    }
                    if (a.attributes().has("policy_flag")) {
                        r.put("policy_flag", a.attributes().get("policy_flag").asText());
                    }
                }
            }
        }
        if (!atomRows.isEmpty()) {
            var batch = h.prepareBatch("INSERT INTO session_atoms (session_id, idempotency_key, seq, event_hash) "
                    + "VALUES (:s, :k, :q, :e)");
            for (Object[] a : atomRows) {
                batch.bind("s", sessionId).bind("k", a[0]).bind("q", a[1]).bind("e", a[2]).add();
            }
            batch.execute();
        }
        AtomBatchPlan.State end = plan.end;
        ledger.save(h, cursor, new SessionLedger.RowChanges("atom_count = atom_count + :n, disclosure_seen = :d, "
                + "consent_seen = :c, pending_violation = :v",
                u -> u.bind("n", plan.accepted()).bind("d", end.disclosureSeen() ? 1 : 0)
                        .bind("c", end.consentSeen() ? 1 : 0).bind("v", end.pendingViolation())));
        ObjectNode body = mapper.createObjectNode();
        body.put("session_id", sessionId);
        body.put("batch_idempotency_key", batchKey);
        body.put("atom_signatures", signing.mode());
        body.put("accepted_count", plan.accepted());
        body.put("duplicate_count", duplicates);
        body.put("rejected_count", rejected);
        body.set("results", results);
        ObjectNode head = body.putObject("chain_head");
        head.put("content_hash", cursor.headHash());
        head.put("event_count", cursor.eventCount());
        h.createUpdate("INSERT INTO atom_batches (session_id, batch_key, fingerprint, response, created_at) "
                        + "VALUES (:s, :k, :f, :r, :t)")
                .bind("s", sessionId).bind("k", batchKey).bind("f", fingerprint).bind("r", store.text(body))
                .bind("t", clock.millis()).execute();
        return new Ingested(body, false);
    }

    /** Atoms of earlier batches with any of these keys, by key (one query per batch). */
    private Map<String, ObjectNode> previous(Handle h, String sessionId, List<Atom> atoms) {
        Map<String, ObjectNode> out = new HashMap<>();
        List<String> keys = atoms.stream().map(Atom::idempotencyKey).distinct().toList();
        var query = db.dialect() == Dialect.POSTGRESQL
                // One primary-key probe per key, whatever the statistics say: with "session_id = ?
                // AND key IN (...)" PostgreSQL may scan every atom of the session and filter, which
                // made each batch cost more the longer the call went on.
                ? h.createQuery("SELECT k.key AS idempotency_key, a.seq, a.event_hash FROM unnest(:keys) AS k(key) "
                        + "CROSS JOIN LATERAL (SELECT seq, event_hash FROM session_atoms "
                        + "WHERE session_id = :s AND idempotency_key = k.key) a").bindArray("keys", String.class, keys)
                : h.createQuery("SELECT idempotency_key, seq, event_hash FROM session_atoms WHERE session_id = :s "
                        + "AND idempotency_key IN (<keys>)").bindList("keys", keys);
        query.bind("s", sessionId)
                .map((rs, c) -> {
                    ObjectNode o = mapper.createObjectNode();
                    o.put("sequence", rs.getLong("seq"));
                    o.put("event_hash", rs.getString("event_hash"));
                    out.put(rs.getString("idempotency_key"), o);
                    return o;
                }).list();
        return out;
    }
}
