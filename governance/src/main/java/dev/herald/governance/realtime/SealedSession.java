package dev.herald.governance.realtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.evidence.chain.ChainEvent;
import java.util.List;

/**
 * What an ended or failed session left behind, as its attestation reads it: the session's facts,
 * its locked policy snapshot, its permit, its chain (each entry with the hash stored when it was
 * written, to check the assembled artifact against what clients were told) and the child permits
 * of its tool calls. Nothing in it changes once the session is closed. The JSON documents are
 * fresh objects owned by the caller.
 *
 * @param endedAt        when the session ended or failed; null for a row closed before that was recorded
 * @param lastOccurredAt the time of its last chain entry
 */
public record SealedSession(String sessionId, String workspaceId, String projectId, String status, String provider,
                            String model, String operation, ObjectNode snapshot, ObjectNode permit, long startedAt,
                            Long endedAt, long lastOccurredAt, List<Entry> entries, List<ObjectNode> toolCallPermits) {

    public SealedSession {
        entries = List.copyOf(entries);
        toolCallPermits = List.copyOf(toolCallPermits);
    }

    /** One chain entry as stored: the event the assembler re-chains and the content hash given out for it. */
    public record Entry(ChainEvent event, String contentHash) {
    }

    /** The chain scope shared by a project's session chains and its project ledger. */
    public static String chainScope(String projectId) {
        return "project:" + projectId;
    }
}
