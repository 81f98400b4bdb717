package dev.herald.governance.realtime;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.governance.policy.PolicyRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a batch of atoms does to a session, decided from a given session state: per atom, a
 * duplicate, a rejection, or an acceptance with its chain entry already serialized (everything
 * but its position). {@link AtomIngestor} plans a batch before taking the session lock, from the
 * state it read, and under the lock only checks that the state still holds; if it does not (a
 * concurrent batch changed it, or an atom turned out to be a duplicate of an earlier batch), it
 * plans again from the locked state. Either way the outcome is that of deciding every atom in
 * order under the lock. Immutable.
 */
final class AtomBatchPlan {
    /** The session state atoms change: the disclosure and consent markers seen, a pending violation. */
    record State(boolean disclosureSeen, boolean consentSeen, String pendingViolation) {
        static State of(SessionRow row) {
            return new State(row.disclosureSeen(), row.consentSeen(), row.pendingViolation());
        }
    }

    /** One atom's fate. */
    sealed interface Outcome permits Accepted, Rejected, DuplicateInBatch, DuplicateStored {
    }

    /** Appended with this entry; {@code attributes} are its atom facts (policy flags included). */
    record Accepted(SessionLedger.PreparedEntry entry, ObjectNode attributes, AtomSignatures.Result verdict)
            implements Outcome {
    }

    /** Not appended: its signatures do not verify and the project enforces them. */
    record Rejected(AtomRejection.Reason reason) implements Outcome {
    }

    /** The same idempotency key as the accepted atom at {@code first} of this batch. */
    record DuplicateInBatch(int first) implements Outcome {
    }

    /** The same idempotency key as an atom of an earlier batch, stored as {@code stored}. */
    record DuplicateStored(StoredAtom stored) implements Outcome {
    }

    /** Where an atom of an earlier batch went: its chain position and entry hash. */
    record StoredAtom(long sequence, String eventHash) {
    }

    final State start;
    final State end;
    final List<Outcome> outcomes;

    private AtomBatchPlan(State start, State end, List<Outcome> outcomes) {
        this.start = start;
        this.end = end;
        this.outcomes = List.copyOf(outcomes);
    }

    /** How many atoms this plan appends. */
    int accepted() {
        return (int) outcomes.stream().filter(o -> o instanceof Accepted).count();
    }

    /**
     * Decides every atom in order from {@code start}.
     *
     * @param earlier atoms of earlier batches with a key of this batch, by key
     */
    static AtomBatchPlan of(SessionLedger ledger, SessionLedger.Subject subject, PolicyRules rules, State start,
                            List<Atom> atoms, List<AtomSignatures.Result> verdicts, boolean enforce,
                            Map<String, StoredAtom> earlier) {
        AtomEffects effects = new AtomEffects(rules, start.disclosureSeen(), start.consentSeen(), start.pendingViolation());
        Map<String, Integer> acceptedInBatch = new HashMap<>();
        List<Outcome> outcomes = new ArrayList<>(atoms.size());
        for (int i = 0; i < atoms.size(); i++) {
            Atom atom = atoms.get(i);
            AtomSignatures.Result verdict = verdicts.get(i);
            Integer first = acceptedInBatch.get(atom.idempotencyKey());
            if (first != null) {
                outcomes.add(new DuplicateInBatch(first));
                continue;
            }
            StoredAtom stored = earlier.get(atom.idempotencyKey());
            if (stored != null) {
                outcomes.add(new DuplicateStored(stored));
                continue;
            }
            if (!verdict.verified() && enforce) {
                outcomes.add(new Rejected(verdict.rejection()));
                continue;
            }
            ObjectNode attrs = attributes(atom, verdict);
            ObjectNode payload = effects.apply(atom, attrs);
            ObjectNode chainPayload = JsonNodeFactory.instance.objectNode();
            chainPayload.put("atom_type", atom.atomType());
            chainPayload.put("idempotency_key", atom.idempotencyKey());
            chainPayload.put("captured_at_ns", atom.capturedAtNs());
            if (atom.direction() != null) {
                chainPayload.put("direction", atom.direction());
            }
            chainPayload.set("payload", payload);
            chainPayload.set("signatures", atom.signatures());
            outcomes.add(new Accepted(ledger.prepare(subject, atom.eventType(), attrs, chainPayload), attrs, verdict));
            acceptedInBatch.put(atom.idempotencyKey(), i);
        }
        State end = new State(effects.disclosureSeen, effects.consentSeen, effects.pendingViolation);
        return new AtomBatchPlan(start, end, outcomes);
    }

    private static ObjectNode attributes(Atom atom, AtomSignatures.Result verdict) {
        ObjectNode attrs = JsonNodeFactory.instance.objectNode();
        attrs.put("category", "voice_evidence");
        attrs.put("decision", "recorded");
        attrs.put("outcome", "atom_accepted");
        attrs.put("atom_type", atom.atomType());
        attrs.put("atom_idempotency_key", atom.idempotencyKey());
        attrs.put("captured_at_ns", atom.capturedAtNs());
        if (atom.direction() != null) {
            attrs.put("direction", atom.direction());
        }
        attrs.put("signature_status", verdict.verified() ? "verified" : "unverified");
        var signers = attrs.putArray("signature_key_ids");
        verdict.keyIds().forEach(signers::add);
        if (!verdict.verified()) {
            attrs.put("unverified_reason", verdict.reason());
        }
        return attrs;
    }
}
