package dev.herald.evidence.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * One session event to append to a chain: descriptive members (event id and type, timestamps,
 * session and request ids, permit id, provider, model...) plus the event payload. The payload is
 * never embedded in a v3 artifact; only the SHA-256 of its canonical form is. {@code attributes}
 * must carry {@code occurred_at} (ISO-8601 instant) and must not use the members the chain itself
 * writes.
 */
public record ChainEvent(ObjectNode attributes, JsonNode payload) {
    /** Members written by the chain builder; an event may not set them itself. */
    public static final Set<String> RESERVED = Set.of(
            ChainFormat.ARTIFACT_SEQUENCE, ChainFormat.PREVIOUS_CONTENT_HASH, ChainFormat.CONTENT_HASH,
            ChainFormat.PAYLOAD_MATERIALIZATION, ChainFormat.CANONICALIZED_PAYLOAD_HASH,
            ChainFormat.CANONICALIZED_PAYLOAD);

    public ChainEvent {
        if (attributes == null || payload == null) {
            throw new IllegalArgumentException("attributes and payload are required");
        }
        for (String reserved : RESERVED) {
            if (attributes.has(reserved)) {
                throw new IllegalArgumentException("event attributes may not set " + reserved);
            }
        }
        if (!attributes.path("occurred_at").isTextual()) {
            throw new IllegalArgumentException("event attributes need an occurred_at instant");
        }
        attributes = attributes.deepCopy();
        payload = payload.deepCopy();
    }

    @Override
    public ObjectNode attributes() {
        return attributes.deepCopy();
    }

    @Override
    public JsonNode payload() {
        return payload.deepCopy();
    }

    ObjectNode attributesView() {
        return attributes;
    }

    JsonNode payloadView() {
        return payload;
    }
}
