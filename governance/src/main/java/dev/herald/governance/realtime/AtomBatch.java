package dev.herald.governance.realtime;

import dev.herald.platform.domain.Invalid;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.herald.platform.http.JsonFields;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of {@code POST /v1/voice/sessions/{id}/events}, validated: the batch key and 1 to
 * {@link Atom#MAX_BATCH} atoms. Any defect is a 422 naming the field; nothing here throws anything
 * else for any JSON object.
 */
record AtomBatch(String batchKey, List<Atom> atoms) {
    AtomBatch {
        atoms = List.copyOf(atoms);
    }

    static AtomBatch parse(JsonFields body) {
        String batchKey = Atom.idempotencyKey(body, "batch_idempotency_key");
        ArrayNode events = body.array("events");
        if (events.isEmpty()) {
            throw new Invalid("events", "must hold at least one atom");
        }
        if (events.size() > Atom.MAX_BATCH) {
            throw new Invalid("events", "at most " + Atom.MAX_BATCH + " atoms per batch, got " + events.size());
        }
        List<Atom> atoms = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            atoms.add(Atom.parse(events.get(i), i));
        }
        return new AtomBatch(batchKey, atoms);
    }
}
