package dev.herald.platform.idempotency;

/**
 * What a keyed write answered, as kept for its replays: a status and the JSON document, exactly
 * as sent. Replays send these bytes, never a re-serialization of a re-read value.
 */
public record Answer(int status, String json) {
    public Answer {
        if (status < 200 || status > 299) {
            // Failures roll back and keep nothing; only a success is ever replayed.
            throw new IllegalArgumentException("only a 2xx answer is kept for replays, got " + status);
        }
        if (json == null) {
            throw new IllegalArgumentException("an answer has a body");
        }
    }
}
