package dev.herald.governance.realtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.platform.idempotency.Answer;
import dev.herald.platform.idempotency.AnswerStore;
import dev.herald.platform.idempotency.Fingerprint;
import java.io.IOException;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The answers of interruptions by {@code interruption_id}, per session. Nothing is stored beside
 * the chain: the interruption's row in {@code session_atoms} (key {@code interruption:<id>}) is the
 * claim, and its chain entry holds the capture time and state the fingerprint covers, so the
 * answer to a repeat is derived from them, the same on every call and for interruptions recorded
 * before answers were kept anywhere.
 */
final class InterruptionAnswers implements AnswerStore<String> {
    private final ObjectMapper mapper;

    InterruptionAnswers(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The interruption's key among the session's atom keys. */
    static String atomKey(String interruptionId) {
        return "interruption:" + interruptionId;
    }

    @Override
    public String keyField() {
        return "interruption_id";
    }

    @Override
    public Optional<Kept> find(Handle h, String sessionId, String interruptionId) {
        record Row(long seq, String eventHash, String payload) {
        }
        return h.createQuery("SELECT a.seq, e.content_hash AS event_hash, e.payload FROM session_atoms a "
                        + "JOIN session_events e ON e.session_id = a.session_id AND e.seq = a.seq "
                        + "WHERE a.session_id = :s AND a.idempotency_key = :k")
                .bind("s", sessionId).bind("k", atomKey(interruptionId))
                .map((rs, c) -> new Row(rs.getLong("seq"), rs.getString("event_hash"), rs.getString("payload")))
                .findOne()
                .map(r -> {
                    JsonNode first = tree(r.payload(), sessionId, r.seq());
                    // An atom that took this key is not an interruption: no request matches it.
                    Fingerprint fingerprint = first.path("state").isObject()
                            ? InterruptionEvent.fingerprint(first.path("captured_at_ns").asText(), first.get("state"))
                            : Fingerprint.of(new byte[0]);
                    return new Kept(fingerprint, new Answer(200, json(InterruptionResult.duplicate(
                            sessionId, interruptionId, r.seq(), r.eventHash()))));
                });
    }

    /** Nothing to keep: the write's chain entry and key row are the record. */
    @Override
    public void keep(Handle h, String sessionId, String interruptionId, Fingerprint fingerprint, Answer answer) {
    }

    private JsonNode tree(String payload, String sessionId, long seq) {
        try {
            return mapper.readTree(payload);
        } catch (IOException e) {
            throw new IllegalStateException("chain entry " + seq + " of " + sessionId + " is not JSON", e);
        }
    }

    private String json(InterruptionResult result) {
        try {
            return mapper.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("interruption result not serializable", e);
        }
    }
}
