package dev.herald.evidence.artifact;

import dev.herald.evidence.json.Sha256;

/**
 * The project-level ledger entry that closes a session ({@code project_chain_head}); its content
 * hash is what the TSA time-stamps. A server with a project ledger passes its real entry; without
 * one the assembler derives an anchor from the session chain head.
 */
public record ProjectAnchor(String chainScope, String eventId, String eventType, Sha256 previousContentHash,
        long sequence, Sha256 contentHash) {
    public ProjectAnchor {
        if (chainScope == null || eventId == null || eventType == null || previousContentHash == null || contentHash == null) {
            throw new IllegalArgumentException("incomplete project anchor");
        }
    }
}
