package dev.herald.governance.identity;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * A principal's registry record as SPEC 13.1 serves it: its current id and key, the chain of key
 * rotations that led to it, its identity anchor (null when none was given) and when it last
 * changed (unix seconds). The key, statements and anchor are the stored documents, unchanged; the
 * read binding's {@code ETag} is computed over these bytes.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"human_id", "public_key", "rotations", "anchor", "updated_at"})
public record PrincipalDocument(String humanId, JsonNode publicKey, List<JsonNode> rotations, JsonNode anchor,
                                long updatedAt) {
    public PrincipalDocument {
        rotations = List.copyOf(rotations);
    }
}
