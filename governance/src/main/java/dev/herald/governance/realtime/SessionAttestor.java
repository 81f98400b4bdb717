package dev.herald.governance.realtime;

/**
 * Makes the attestation artifact of a closed session: the feature that signs and time-stamps
 * evidence plugs in here, so realtime can answer an end and {@code GET .../attestation} without
 * knowing how artifacts are made. Stamping calls the timestamp authorities over the network, so
 * realtime calls this only outside any transaction. Thread-safe implementations.
 */
@FunctionalInterface
public interface SessionAttestor {
    /**
     * The exact signed bytes of the session's artifact: the stored one, or one assembled, stored and
     * returned (a second call answers the same bytes).
     */
    byte[] attest(String sessionId);
}
