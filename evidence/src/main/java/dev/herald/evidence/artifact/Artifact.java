package dev.herald.evidence.artifact;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.evidence.tsa.TimestampOutcome;

/**
 * An assembled, signed artifact. {@link #canonicalBytes()} is the form to store and hand out (it
 * is valid JSON and byte-stable); {@code timestamp} says which TSAs were tried.
 */
public final class Artifact {
    private final ObjectNode json;
    private final TimestampOutcome timestamp;
    private final byte[] canonical;

    Artifact(ObjectNode json, byte[] canonical, TimestampOutcome timestamp) {
        this.json = json;
        this.canonical = canonical;
        this.timestamp = timestamp;
    }

    /** A copy of the artifact tree. */
    public ObjectNode json() {
        return json.deepCopy();
    }

    public byte[] canonicalBytes() {
        return canonical.clone();
    }

    public TimestampOutcome timestamp() {
        return timestamp;
    }

    public String tsaStatus() {
        return timestamp.tsaStatus();
    }

    public String sessionId() {
        return json.path("session_metadata").path("session_id").asText();
    }
}
