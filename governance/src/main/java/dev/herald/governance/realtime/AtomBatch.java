package dev.herald.governance.realtime;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of {@code POST /v1/voice/sessions/{id}/events}, validated: the batch key and 1 to
 * {@link Atom#MAX_BATCH} atoms. {@link #read} is where a batch is checked; every defect is a 422
 * naming its field with an {@link AtomRejection} code, and nothing else is thrown for any JSON
 * object.
 */
public record AtomBatch(String batchKey, List<Atom> atoms) {
    public AtomBatch {
        atoms = List.copyOf(atoms);
    }

    public static AtomBatch read(ObjectNode body) {
        AtomCheck check = new AtomCheck();
        String batchKey = check.key(body, "", "batch_idempotency_key");
        ArrayNode events = check.array(body, "", "events", true);
        List<Atom> atoms = new ArrayList<>();
        if (events != null && events.isEmpty()) {
            check.fail("events", AtomRejection.EMPTY_BATCH, "must hold at least one atom");
        } else if (events != null && events.size() > Atom.MAX_BATCH) {
            // Refused before reading any atom: its size alone decides.
            check.fail("events", AtomRejection.BATCH_TOO_LARGE,
                    "at most " + Atom.MAX_BATCH + " atoms per batch, got " + events.size());
        } else if (events != null) {
            for (int i = 0; i < events.size(); i++) {
                atoms.add(Atom.read(events.get(i), i, check));
            }
        }
        check.throwIfAny();
        return new AtomBatch(batchKey, atoms);
    }
}
