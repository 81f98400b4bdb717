package dev.herald.governance.realtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.herald.evidence.artifact.ArtifactFormat;
import dev.herald.evidence.chain.ChainEvent;
import dev.herald.evidence.chain.ChainFormat;
import dev.herald.evidence.json.CanonicalJson;
import dev.herald.evidence.json.CanonicalTemplate;
import dev.herald.evidence.json.Sha256;
import dev.herald.platform.store.Database;
import dev.herald.platform.store.Dialect;
import dev.herald.platform.store.Ids;
import java.time.Clock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.Update;

/**
 * The session hash chain in the database ({@code session_events}, and the chain columns of the
 * session's {@code realtime_sessions} row). One linear chain per session: the position of every
 * entry is decided inside the caller's transaction while the session row is locked
 * ({@link SessionStore#lock}; SQLite has one writer at a time), or by a write that only applies if
 * the position is still the one read ({@link #saveIfUnmoved}), and
 * {@code (session_id, seq)} is the primary key, so concurrent writers in one or several processes
 * can neither fork nor gap a chain. Entries are exactly what {@link dev.herald.evidence.chain.ChainBuilder}
 * produces for the same events (hash_only, {@code artifact_sequence} = seq), so the hash a client
 * is given at ingestion is the hash in the attestation artifact.
 *
 * <p>Usage inside a transaction holding the row: {@code Cursor c = row.cursor(); ledger.append(c, ...);
 * ledger.save(h, c);} ({@code save} inserts the appended entries in one batch and must run before
 * the commit). Other features append through {@link SessionService#append}. Thread-safe (holds no
 * state of its own).
 */
public final class SessionLedger {
    private final Database db;
    private final Ids ids;
    private final Clock clock;
    private final ObjectMapper mapper;
    private final CommittedRows committed = new CommittedRows();

    public SessionLedger(Database db, Ids ids, Clock clock, ObjectMapper mapper) {
        this.db = db;
        this.ids = ids;
        this.clock = clock;
        this.mapper = mapper;
    }

    /** The chain position of a session read from its row, advanced by each {@link #append}. Not thread-safe. */
    static final class Cursor {
        final Subject subject;
        /** Where the chain stood when the cursor was read: the guard of {@link #saveIfUnmoved}. */
        final long readAtSeq;
        long nextSeq;
        String headHash;
        long lastOccurredAt;
        // Entries appended but not yet inserted; save() writes them in one JDBC batch.
        final List<Placed> pending = new ArrayList<>();

        private Cursor(Subject subject, long nextSeq, String headHash, long lastOccurredAt) {
            this.subject = subject;
            this.readAtSeq = nextSeq;
            this.nextSeq = nextSeq;
            this.headHash = headHash;
            this.lastOccurredAt = lastOccurredAt;
        }

        /** The cursor of a row as read: saved under the row lock or guarded by the position it was read at. */
        static Cursor of(SessionRow row) {
            return new Cursor(new Subject(row.id(), row.projectId(), row.provider(), row.model(), row.operation()),
                    row.nextSeq(), row.headHash(), row.lastOccurredAt());
        }

        /** A cursor for a session row being inserted in this transaction (the first entry). */
        static Cursor fresh(Subject subject, long startedAt) {
            return new Cursor(subject, 1, ChainFormat.GENESIS.prefixed(), startedAt);
        }

        String sessionId() {
            return subject.sessionId();
        }

        Subject subject() {
            return subject;
        }

        String headHash() {
            return headHash;
        }

        /** Entries written so far. */
        long eventCount() {
            return nextSeq - 1;
        }

        long lastOccurredAt() {
            return lastOccurredAt;
        }
    }

    /** One appended entry. */
    record Entry(long sequence, String eventId, String eventType, String contentHash, long occurredAt) {
    }

    /** An entry placed in the chain, waiting in its cursor for {@link #save}: one {@code session_events} row. */
    private record Placed(long seq, String eventId, String eventType, String entry, String payload,
                          String contentHash, long occurredAt) {
    }

    /** The chain scope shared by a project's session chains and its project ledger. */
    static String scope(String projectId) {
        return SealedSession.chainScope(projectId);
    }

    /** What every entry of one session's chain says about the session (constant for its life). */
    record Subject(String sessionId, String projectId, String provider, String model, String operation) {
    }

    /**
     * An entry serialized but for its position in the chain (sequence, time, previous hash), from
     * {@link #prepare}; {@link #append(Cursor, PreparedEntry)} places it.
     */
    static final class PreparedEntry {
        private final String sessionId;
        private final String eventId;
        private final String eventType;
        private final CanonicalTemplate entry;
        private final String storedAttributes;
        private final String payloadText;

        private PreparedEntry(String sessionId, String eventId, String eventType, CanonicalTemplate entry,
                              String storedAttributes, String payloadText) {
            this.sessionId = sessionId;
            this.eventId = eventId;
            this.eventType = eventType;
            this.entry = entry;
            this.storedAttributes = storedAttributes;
            this.payloadText = payloadText;
        }
    }

    /** Members of an entry that depend on where it lands in the chain, filled in under the lock. */
    private static final Set<String> POSITION = Set.of("sequence", "occurred_at", "created_at",
            ChainFormat.ARTIFACT_SEQUENCE, ChainFormat.PREVIOUS_CONTENT_HASH);
    /** Members of the chain entry that the assembler's events leave out (it recomputes them). */
    private static final List<String> CHAIN_ONLY = List.of(ChainFormat.ARTIFACT_SEQUENCE,
            ChainFormat.PREVIOUS_CONTENT_HASH, ChainFormat.PAYLOAD_MATERIALIZATION,
            ChainFormat.CANONICALIZED_PAYLOAD_HASH);

    /**
     * Serializes an entry ahead of the chain lock: {@code attributes} adds descriptive members
     * (decision, outcome, permit_id, atom facts...) to the standard ones; {@code payload} is
     * hashed, stored, and never embedded in the artifact. No I/O; thread-safe.
     */
    PreparedEntry prepare(Subject s, String eventType, ObjectNode attributes, JsonNode payload) {
        String eventId = ids.next("evt");
        ObjectNode entry = standardMembers(s, eventId, eventType);
        if (attributes != null) {
            entry.setAll(attributes);
        }
        // The payload is stored in its canonical form: the same bytes its hash covers.
        byte[] canonicalPayload = CanonicalJson.bytes(payload);
        entry.put(ChainFormat.PAYLOAD_MATERIALIZATION, ChainFormat.HASH_ONLY);
        entry.put(ChainFormat.CANONICALIZED_PAYLOAD_HASH, Sha256.of(canonicalPayload).prefixed());
        // Only the caller's own members are stored: the rest of the entry follows from the row's
        // columns and its session (see entries()). Storing the whole entry was about 60% of each
        // row's bytes, written twice on PostgreSQL (table and WAL).
        String stored = attributes == null || attributes.isEmpty() ? "{}"
                : new String(CanonicalJson.bytes(attributes), StandardCharsets.UTF_8);
        return new PreparedEntry(s.sessionId(), eventId, eventType, CanonicalTemplate.of(entry, POSITION), stored,
                new String(canonicalPayload, StandardCharsets.UTF_8));
    }

    /**
     * The members every entry of the session starts from, before the caller's attributes. Part of
     * the stored format: rows keep only the caller's attributes and {@link #entries} rebuilds the
     * entry from these, so a change here must still rebuild the rows already written.
     */
    private ObjectNode standardMembers(Subject s, String eventId, String eventType) {
        ObjectNode entry = mapper.createObjectNode();
        entry.put("event_id", eventId);
        entry.put("event_type", eventType);
        entry.put("session_id", s.sessionId());
        entry.put("chain_scope", scope(s.projectId()));
        entry.put("request_id", s.sessionId());
        entry.put("resource_type", "voice_session");
        entry.put("resource_id", s.sessionId());
        entry.put("provider", s.provider());
        entry.put("model", s.model());
        entry.put("operation", s.operation());
        entry.put("surface", "voice");
        entry.put("severity", "info");
        entry.putNull("permit_id");
        return entry;
    }

    /** Prepares and places an entry at the cursor in one step. */
    Entry append(Cursor c, String eventType, ObjectNode attributes, JsonNode payload) {
        return append(c, prepare(c.subject(), eventType, attributes, payload));
    }

    /**
     * Places a prepared entry at the cursor: only its position is serialized and hashed here, which
     * is what keeps the time a batch holds the chain lock short. The stored attributes are the
     * caller's members only ({@link #entries} rebuilds the rest).
     */
    Entry append(Cursor c, PreparedEntry p) {
        if (!p.sessionId.equals(c.sessionId())) {
            throw new IllegalArgumentException("entry prepared for session " + p.sessionId + ", not " + c.sessionId());
        }
        long seq = c.nextSeq;
        long occurred = Math.max(clock.millis(), c.lastOccurredAt);
        TextNode at = TextNode.valueOf(ArtifactFormat.instant(Instant.ofEpochMilli(occurred)));
        LongNode sequence = LongNode.valueOf(seq);
        byte[] entry = p.entry.fill(Map.of("sequence", sequence, ChainFormat.ARTIFACT_SEQUENCE, sequence,
                "occurred_at", at, "created_at", at, ChainFormat.PREVIOUS_CONTENT_HASH, TextNode.valueOf(c.headHash)));
        String contentHash = Sha256.of(entry).prefixed();
        c.pending.add(new Placed(seq, p.eventId, p.eventType, p.storedAttributes, p.payloadText, contentHash,
                occurred));
        c.nextSeq = seq + 1;
        c.headHash = contentHash;
        c.lastOccurredAt = occurred;
        return new Entry(seq, p.eventId, p.eventType, contentHash, occurred);
    }

    /**
     * Inserts the entries appended since the last save and writes the cursor's position back to the
     * locked session row. Must be called before the transaction commits.
     */
    void save(Handle h, Cursor c) {
        save(h, c, null);
    }

    /**
     * As {@link #save(Handle, Cursor)}, with the caller's own changes to the session row folded into
     * the same {@code UPDATE} (one statement per request instead of two, which matters on a busy
     * PostgreSQL where each statement is a round trip under the row lock).
     */
    void save(Handle h, Cursor c, RowChanges changes) {
        String updateSql = "UPDATE realtime_sessions SET " + rowAssignments(changes) + " WHERE id = :ledger_id"
                + RETURNING_ROW;
        boolean oneEntry = c.pending.size() == 1;
        Query update;
        if (oneEntry && db.dialect() == Dialect.POSTGRESQL) {
            // A turn's single entry and the row update go in one statement: one round trip less
            // under the row lock.
            update = h.createQuery("WITH entry AS (" + INSERT_ENTRY + ") " + updateSql);
            bindEntry(update, c.sessionId(), c.pending.get(0));
        } else {
            if (oneEntry) {
                Update insert = h.createUpdate(INSERT_ENTRY);
                bindEntry(insert, c.sessionId(), c.pending.get(0));
                insert.execute();
            } else if (!c.pending.isEmpty()) {
                var batch = h.prepareBatch(INSERT_ENTRY);
                for (Placed p : c.pending) {
                    bindEntry(batch, c.sessionId(), p);
                    batch.add();
                }
                batch.execute();
            }
            update = h.createQuery(updateSql);
        }
        c.pending.clear();
        bindRow(update, c, changes);
        committed.keep(h, update.map((rs, ctx) -> SessionRow.mapControl(rs)).one());
    }

    /**
     * Saves one appended entry and the caller's row changes, but only if the session's chain is
     * still where the cursor was read and the session still active. For a cursor read without the
     * row lock (see {@link Database#optimistic}) or taken from {@link #committed}: returns false,
     * having written nothing, when another writer moved the chain in between, and the caller then
     * redoes its work from a fresh read or under the lock. Sound because every change to a session
     * row that a decision depends on (counters, budget, pending violation) appends to its chain in
     * the same transaction, and ending it also changes the status. On PostgreSQL it is one
     * statement (DML in a CTE puts the guard and both writes together, so no transaction is
     * needed); on SQLite the guarded {@code UPDATE} and the insert share a transaction of their own
     * (or the caller's). Each of {@code conditions} must hold too, in the same statement.
     */
    boolean saveIfUnmoved(Handle h, Cursor c, RowChanges changes, List<SaveCondition> conditions) {
        if (c.pending.size() != 1) {
            throw new IllegalStateException("a guarded save is one entry");
        }
        Placed entry = c.pending.get(0);
        c.pending.clear();
        if (db.dialect() == Dialect.POSTGRESQL) {
            // A concurrent writer holding the row makes the UPDATE wait, then re-check next_seq on
            // the row it committed: the guard fails instead of forking the chain.
            Query guarded = h.createQuery("WITH moved AS (" + guardedUpdate(changes, conditions) + RETURNING_ROW + "), "
                    + "entry AS (INSERT INTO session_events (" + ENTRY_COLUMNS + ") SELECT " + ENTRY_VALUES
                    + " FROM moved) SELECT " + SessionRow.CONTROL_COLUMNS + " FROM moved");
            bindEntry(guarded, c.sessionId(), entry);
            bindRow(guarded, c, changes);
            conditions.forEach(condition -> condition.bindings().accept(guarded));
            return kept(h, guarded.bind("ledger_from", c.readAtSeq));
        }
        return h.inTransaction(tx -> {
            Query row = tx.createQuery(guardedUpdate(changes, conditions) + RETURNING_ROW);
            bindRow(row, c, changes);
            conditions.forEach(condition -> condition.bindings().accept(row));
            if (!kept(tx, row.bind("ledger_from", c.readAtSeq))) {
                return false;
            }
            Update insert = tx.createUpdate(INSERT_ENTRY);
            bindEntry(insert, c.sessionId(), entry);
            insert.execute();
            return true;
        });
    }

    /** Runs a guarded save's statement; true, the row it answered kept, when the guard held. */
    private boolean kept(Handle h, Query guarded) {
        Optional<SessionRow> row = guarded.map((rs, ctx) -> SessionRow.mapControl(rs)).findOne();
        row.ifPresent(r -> committed.keep(h, r));
        return row.isPresent();
    }

    /**
     * The session's control row as this node last committed it (after a start, turn, atom batch or
     * any other save here), or null: a hint to decide from without reading, valid only for a write
     * guarded by {@link #saveIfUnmoved}.
     */
    SessionRow committed(String projectId, String sessionId) {
        return committed.get(projectId, sessionId);
    }

    private static String guardedUpdate(RowChanges changes, List<SaveCondition> conditions) {
        StringBuilder sql = new StringBuilder("UPDATE realtime_sessions SET ").append(rowAssignments(changes))
                .append(" WHERE id = :ledger_id AND next_seq = :ledger_from AND status = 'active'");
        conditions.forEach(condition -> sql.append(" AND (").append(condition.sql()).append(')'));
        return sql.toString();
    }

    /** Every save answers the row as it wrote it, for {@link #committed}. */
    private static final String RETURNING_ROW = " RETURNING " + SessionRow.CONTROL_COLUMNS;
    private static final String ENTRY_COLUMNS = "session_id, seq, event_id, event_type, attributes, payload, "
            + "content_hash, occurred_at";
    private static final String ENTRY_VALUES = ":ledger_session, :ledger_seq, :ledger_event, :ledger_type, "
            + ":ledger_attributes, :ledger_payload, :ledger_hash, :ledger_occurred";
    private static final String INSERT_ENTRY = "INSERT INTO session_events (" + ENTRY_COLUMNS + ") VALUES ("
            + ENTRY_VALUES + ")";

    /** The row's chain position, then the caller's own assignments. */
    private static String rowAssignments(RowChanges changes) {
        return "next_seq = :ledger_next, head_hash = :ledger_head, last_occurred_at = :ledger_at"
                + (changes == null ? "" : ", " + changes.assignments());
    }

    private static void bindEntry(SqlStatement<?> st, String sessionId, Placed p) {
        st.bind("ledger_session", sessionId).bind("ledger_seq", p.seq()).bind("ledger_event", p.eventId())
                .bind("ledger_type", p.eventType()).bind("ledger_attributes", p.entry())
                .bind("ledger_payload", p.payload()).bind("ledger_hash", p.contentHash())
                .bind("ledger_occurred", p.occurredAt());
    }

    private static void bindRow(SqlStatement<?> update, Cursor c, RowChanges changes) {
        update.bind("ledger_next", c.nextSeq).bind("ledger_head", c.headHash).bind("ledger_at", c.lastOccurredAt)
                .bind("ledger_id", c.sessionId());
        if (changes != null) {
            changes.bindings().accept(update);
        }
    }

    /**
     * Further {@code SET} assignments on the session row for {@link #save(Handle, Cursor, RowChanges)},
     * e.g. {@code "atom_count = atom_count + :n"}, and the bindings of their parameters (whose names
     * must not start with {@code ledger_}). Only this package writes the row, so only it builds these.
     */
    record RowChanges(String assignments, Consumer<SqlStatement<?>> bindings) {
        RowChanges {
            if (assignments.contains(":ledger_")) {
                throw new IllegalArgumentException("parameter names starting with ledger_ are the ledger's own");
            }
        }
    }

    /**
     * The session's events in chain order, as the assembler takes them, each with its stored hash.
     * An entry's attributes are rebuilt as {@link #prepare} and {@link #append} made them: the
     * standard members from the session, the stored attributes over them, then the position from
     * the row. Rows written when the whole entry was stored carry every member, and theirs then
     * simply win over the same rebuilt values.
     */
    List<SealedSession.Entry> entries(Handle h, String sessionId) {
        Subject s = h.createQuery("SELECT project_id, provider, model, operation FROM realtime_sessions WHERE id = :s")
                .bind("s", sessionId)
                .map((rs, ctx) -> new Subject(sessionId, rs.getString("project_id"), rs.getString("provider"),
                        rs.getString("model"), rs.getString("operation")))
                .findOne().orElseThrow(() -> SessionStore.notFound(sessionId));
        return h.createQuery("SELECT seq, event_id, event_type, attributes, payload, content_hash, occurred_at "
                        + "FROM session_events WHERE session_id = :s ORDER BY seq")
                .bind("s", sessionId)
                .map((rs, ctx) -> new SealedSession.Entry(new ChainEvent(attributes(s, rs.getLong("seq"),
                        rs.getString("event_id"), rs.getString("event_type"), rs.getString("attributes"),
                        rs.getLong("occurred_at")), read(rs.getString("payload"))), rs.getString("content_hash")))
                .list();
    }

    private ObjectNode attributes(Subject s, long seq, String eventId, String eventType, String stored,
                                  long occurredAt) {
        ObjectNode attrs = standardMembers(s, eventId, eventType);
        attrs.setAll((ObjectNode) read(stored));
        TextNode at = TextNode.valueOf(ArtifactFormat.instant(Instant.ofEpochMilli(occurredAt)));
        attrs.put("sequence", seq);
        attrs.set("occurred_at", at);
        attrs.set("created_at", at);
        attrs.remove(CHAIN_ONLY);
        return attrs;
    }

    private JsonNode read(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored chain entry is not JSON", e);
        }
    }
}
