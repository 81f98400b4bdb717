package dev.herald.evidence.chain;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.evidence.json.CanonicalJson;
import dev.herald.evidence.json.Json;
import dev.herald.evidence.json.Sha256;
import java.util.Set;

/**
 * Appends events to a v3 ("hash_only") session chain. Each entry gets {@code artifact_sequence}
 * 1, 2, 3..., the previous entry's hash (genesis for the first), its payload's canonical hash,
 * and {@code content_hash} = SHA-256 of the canonical entry without {@code content_hash}. Not
 * thread-safe: one builder per session.
 */
public final class ChainBuilder {
    private static final Set<String> CONTENT_HASH_ONLY = Set.of(ChainFormat.CONTENT_HASH);

    private final ArrayNode entries = Json.nodes().arrayNode();
    private Sha256 head = ChainFormat.GENESIS;
    private long lastSequence;
    private boolean finished;

    /** Appends an event and returns the new entry's content hash (the new chain head). */
    public Sha256 append(ChainEvent event) {
        if (finished) {
            throw new IllegalStateException("chain already finished");
        }
        ObjectNode entry = event.attributesView().deepCopy();
        long artifactSequence = entries.size() + 1L;
        entry.put(ChainFormat.ARTIFACT_SEQUENCE, artifactSequence);
        entry.put(ChainFormat.PREVIOUS_CONTENT_HASH, head.prefixed());
        entry.put(ChainFormat.PAYLOAD_MATERIALIZATION, ChainFormat.HASH_ONLY);
        entry.put(ChainFormat.CANONICALIZED_PAYLOAD_HASH, CanonicalJson.sha256(event.payloadView()).prefixed());
        Sha256 contentHash = CanonicalJson.sha256Excluding(entry, CONTENT_HASH_ONLY);
        entry.put(ChainFormat.CONTENT_HASH, contentHash.prefixed());
        entries.add(entry);
        head = contentHash;
        lastSequence = entry.path("sequence").canConvertToLong() && entry.path("sequence").isIntegralNumber()
                ? entry.get("sequence").asLong()
                : artifactSequence;
        return contentHash;
    }

    public ChainHead head() {
        return new ChainHead(head, entries.size(), lastSequence);
    }

    public int size() {
        return entries.size();
    }

    /** A copy of the entries written so far. */
    public ArrayNode entries() {
        return entries.deepCopy();
    }

    /**
     * Hands over the entries without copying them (a 10,000-entry chain is megabytes of nodes);
     * the builder refuses further appends afterwards.
     */
    public ArrayNode finish() {
        finished = true;
        return entries;
    }
}
