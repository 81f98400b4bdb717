package dev.herald.governance.realtime;

import dev.herald.platform.idempotency.IdempotentWrites;
import org.jdbi.v3.core.Handle;

/**
 * What realtime needs to take signed input from a sidecar (atom batches, interruption states):
 * the session rows and their chain, the project's sidecar keys and signing rule, the signature
 * verifier, and the idempotency mechanism that answers retries. Built once by the composition root.
 */
public record SidecarIntake(SessionStore sessions, SessionLedger ledger, SidecarKeyService keys,
                            ProjectSettings settings, AtomVerifier verifier, IdempotentWrites writes) {

    /** The project's registered sidecar keys and whether input that does not verify is refused. */
    SigningRules signingRules(Handle h, String projectId) {
        return SigningRules.read(h, keys, settings, projectId);
    }
}
