package dev.herald.voice.calls;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.platform.domain.Invalid;
import dev.herald.platform.events.Backlog;
import dev.herald.platform.events.StreamEvent;
import dev.herald.platform.store.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code voice_call_events} as server-sent events: a call's whole stream by sequence number,
 * and a workspace's lifecycle events by time. Each event's {@code data} is one JSON object
 * {@code {call_id, seq, type, created_at, data}} and its {@code event:} name is the type.
 */
public final class CallEventReader {
    /**
     * How far behind its last event a live workspace stream looks again: an event stamped before
     * another but committed after it (two calls written on two nodes) is still sent if it commits
     * within this long of its stamp. Applies to clock skew between nodes too.
     */
    static final Duration SETTLE = Duration.ofSeconds(2);
    static final List<String> LIFECYCLE = Arrays.stream(CallEventType.values()).filter(CallEventType::lifecycle)
            .map(CallEventType::wire).toList();
    private static final String IN_LIFECYCLE = "('" + String.join("', '", LIFECYCLE) + "')";

    private final Database db;
    private final ObjectMapper mapper;
    private final Clock clock;

    public CallEventReader(Database db, ObjectMapper mapper, Clock clock) {
        this.db = db;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** True when {@code event} ends a call's stream: the verdict, or the gate's refusal (never dialled). */
    public static boolean isLast(StreamEvent event) {
        return CallEventType.VERDICT.wire().equals(event.type()) || CallEventType.REFUSED.wire().equals(event.type());
    }

    /** The sequence number of the call's last event (verdict or refusal), if it has been written. */
    public Optional<Long> lastSeq(String callId) {
        return Optional.ofNullable(db.read(h -> h.createQuery(
                        "SELECT MIN(seq) FROM voice_call_events WHERE call_id = :c AND type IN (:v, :r)")
                .bind("c", callId).bind("v", CallEventType.VERDICT.wire()).bind("r", CallEventType.REFUSED.wire())
                .mapTo(Long.class).one()));
    }

    /** A call's events after a sequence number ({@code Last-Event-ID}; null = from the first). */
    public Backlog ofCall(String callId) {
        return (lastId, limit) -> {
            long after = lastId == null ? 0 : seq(lastId);
            return db.read(h -> h.createQuery("""
                            SELECT call_id, seq, type, data, created_at FROM voice_call_events
                            WHERE call_id = :c AND seq > :after ORDER BY seq LIMIT :n""")
                    .bind("c", callId).bind("after", after).bind("n", limit)
                    .map((rs, c) -> event(rs, Long.toString(rs.getLong("seq")))).list());
        };
    }

    /** Parses a call stream's {@code Last-Event-ID}: a sequence number. */
    public static long seq(String lastId) {
        try {
            long seq = Long.parseLong(lastId);
            if (seq >= 0) {
                return seq;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new Invalid("Last-Event-ID", "is not an event id of this call's stream (a sequence number)");
    }

    /**
     * A workspace's lifecycle events for one connection. Event ids are {@code <created_at>-<call_id>-<seq>}.
     * Without {@code Last-Event-ID} the stream starts with what happened in the last {@link #SETTLE}
     * (dashboards want what comes next, not the history: that is the call list). Each call of the
     * returned backlog re-reads from {@link #SETTLE} before its last event and skips what it sent.
     * One instance per connection; not thread-safe (the stream's own thread calls it).
     */
    public Backlog ofWorkspace(String workspaceId, String lastEventIdOrNull) {
        Position start = lastEventIdOrNull == null ? null : Position.parse(lastEventIdOrNull);
        long opened = clock.millis() - SETTLE.toMillis();
        Map<String, Long> sent = new HashMap<>();
        long[] newest = {start == null ? opened : start.createdAt()};
        return (lastId, limit) -> {
            long floor = Math.max(start == null ? opened : start.createdAt(), newest[0] - SETTLE.toMillis());
            sent.values().removeIf(at -> at < floor);
            List<StreamEvent> out = new ArrayList<>();
            int offset = 0;
            // Pages of rows at or after the floor; rows already sent (or before the resume point) are skipped.
            while (out.size() < limit) {
                int from = offset;
                List<Row> rows = db.read(h -> h.createQuery("SELECT call_id, seq, type, data, created_at "
                                + "FROM voice_call_events WHERE workspace_id = :ws AND created_at >= :floor AND type IN "
                                + IN_LIFECYCLE + " ORDER BY created_at, call_id, seq LIMIT :n OFFSET :o")
                        .bind("ws", workspaceId).bind("floor", floor).bind("n", limit).bind("o", from)
                        .map((rs, c) -> new Row(rs.getLong("created_at"), rs.getString("call_id"), rs.getLong("seq"),
                                event(rs, rs.getLong("created_at") + "-" + rs.getString("call_id") + "-"
                                        + rs.getLong("seq"))))
                        .list());
                for (Row r : rows) {
                    String key = r.callId() + "-" + r.seq();
                    if (sent.containsKey(key) || (start != null && !start.before(r))) {
                        continue;
                    }
                    sent.put(key, r.createdAt());
                    newest[0] = Math.max(newest[0], r.createdAt());
                    out.add(r.event());
                    if (out.size() == limit) {
                        break;
                    }
                }
                if (rows.size() < limit) {
                    break;
                }
                offset += rows.size();
            }
            return out;
        };
    }

    private record Row(long createdAt, String callId, long seq, StreamEvent event) {
    }

    /** A workspace stream's event id: {@code <created_at millis>-<call_id>-<seq>}. */
    record Position(long createdAt, String callId, long seq) {
        static Position parse(String id) {
            int first = id.indexOf('-');
            int last = id.lastIndexOf('-');
            try {
                if (first > 0 && last > first + 1 && last < id.length() - 1) {
                    return new Position(Long.parseLong(id.substring(0, first)), id.substring(first + 1, last),
                            Long.parseLong(id.substring(last + 1)));
                }
            } catch (NumberFormatException e) {
                // fall through
            }
            throw new Invalid("Last-Event-ID", "is not an event id of this workspace's stream");
        }

        /** True when this position sorts before the row (the row comes after a client's resume point). */
        boolean before(Row r) {
            if (createdAt != r.createdAt()) {
                return createdAt < r.createdAt();
            }
            int byCall = callId.compareTo(r.callId());
            return byCall != 0 ? byCall < 0 : seq < r.seq();
        }
    }

    private StreamEvent event(ResultSet rs, String id) throws SQLException {
        ObjectNode node = mapper.createObjectNode();
        node.put("call_id", rs.getString("call_id"));
        node.put("seq", rs.getLong("seq"));
        node.put("type", rs.getString("type"));
        node.put("created_at", Instant.ofEpochMilli(rs.getLong("created_at")).toString());
        try {
            node.set("data", mapper.readTree(rs.getString("data")));
            return new StreamEvent(id, rs.getString("type"), mapper.writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("call event " + id + " has data that is not JSON", e);
        }
    }
}
