package dev.herald.voice.numbers;

/**
 * Where a call to an inbound number goes once the number is known to route to a live profile and
 * objective: the calls feature places it (direction inbound, no lead when the caller is unknown).
 * Implementations run inside the request's transaction when one is open, must be idempotent under
 * {@code idempotencyKey} (null: no key) and answer the call as its API shows it; they throw the
 * platform's domain failures (a refused call is an answer, not a failure). Thread-safe.
 */
@FunctionalInterface
public interface InboundCalls {

    /**
     * @param number the number called, with the profile and objective it routes to
     * @param from   the caller's number, canonical E.164
     * @return the call as the API answers it (serialized as JSON)
     */
    Object ring(String workspaceId, NumberRecord number, String from, String idempotencyKey);
}
