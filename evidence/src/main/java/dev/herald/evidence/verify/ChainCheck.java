package dev.herald.evidence.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.evidence.chain.ChainFormat;
import dev.herald.evidence.json.CanonicalJson;
import dev.herald.evidence.json.Sha256;
import java.time.Instant;
import java.util.Set;

/**
 * {@code chain_integrity}: entries have strictly increasing {@code artifact_sequence} (and
 * {@code sequence}, when present); each links to the previous entry's hash, the first to the
 * genesis hash; each {@code content_hash} is the SHA-256 of the canonical entry without it; v1
 * embedded payloads hash to {@code canonicalized_payload_hash}; entries naming a session name this
 * one and the project chain's scope; event times ({@code occurred_at}) do not go backwards and lie
 * within the session's {@code started_at}/{@code ended_at} when those are given; {@code chain_head}
 * states the last hash, the entry count and the last sequence.
 */
final class ChainCheck {
    private static final Check CHECK = Check.CHAIN_INTEGRITY;
    private static final Set<String> CONTENT_HASH = Set.of(ChainFormat.CONTENT_HASH);

    private ChainCheck() {}

    static CheckResult run(JsonNode a) {
        JsonNode chain = a.get("chain");
        String sessionId = Nodes.text(a.get("session_metadata"), "session_id");
        JsonNode metadata = a.get("session_metadata");
        String scope = Nodes.text(a.get("project_chain_head"), "chain_scope");
        Instant lastTime = null;
        if (metadata.has("started_at")) {
            lastTime = Nodes.instant(metadata, "started_at");
            if (lastTime == null) {
                return CheckResult.fail(CHECK, Reason.WRONG_VALUE, "session_metadata.started_at is not an ISO-8601 instant");
            }
        }
        String previous = ChainFormat.GENESIS.prefixed();
        Long lastArtifactSequence = null;
        Long lastSequence = null;
        int index = 0;
        for (JsonNode entry : chain) {
            String where = "chain[" + index++ + "]";
            Long artifactSequence = Nodes.integer(entry, ChainFormat.ARTIFACT_SEQUENCE);
            if (artifactSequence == null || (lastArtifactSequence != null && artifactSequence <= lastArtifactSequence)) {
                return CheckResult.fail(CHECK, Reason.SEQUENCE_NOT_INCREASING, where + ".artifact_sequence is not strictly increasing");
            }
            lastArtifactSequence = artifactSequence;
            if (entry.has("sequence")) {
                Long sequence = Nodes.integer(entry, "sequence");
                if (sequence == null || (lastSequence != null && sequence <= lastSequence)) {
                    return CheckResult.fail(CHECK, Reason.SEQUENCE_NOT_INCREASING, where + ".sequence is not strictly increasing");
                }
                lastSequence = sequence;
            } else {
                lastSequence = artifactSequence;
            }
            if (!previous.equals(Nodes.text(entry, ChainFormat.PREVIOUS_CONTENT_HASH))) {
                return CheckResult.fail(CHECK, Reason.BROKEN_LINK, where + ".previous_content_hash does not name the previous entry");
            }
            Sha256 payloadHash = Sha256.parsePrefixed(Nodes.text(entry, ChainFormat.CANONICALIZED_PAYLOAD_HASH));
            if (payloadHash == null) {
                return CheckResult.fail(CHECK, Reason.WRONG_VALUE, where + ".canonicalized_payload_hash is not a sha256: hash");
            }
            if (entry.has(ChainFormat.CANONICALIZED_PAYLOAD)
                    && !payloadHash.equals(CanonicalJson.sha256(entry.get(ChainFormat.CANONICALIZED_PAYLOAD)))) {
                return CheckResult.fail(CHECK, Reason.PAYLOAD_HASH_MISMATCH, where + ".canonicalized_payload does not hash to canonicalized_payload_hash");
            }
            String stated = Nodes.text(entry, ChainFormat.CONTENT_HASH);
            String computed = CanonicalJson.sha256Excluding(entry, CONTENT_HASH).prefixed();
            if (!computed.equals(stated)) {
                return CheckResult.fail(CHECK, Reason.CONTENT_HASH_MISMATCH, where + ".content_hash is not the hash of the entry (" + computed + ")");
            }
            if (entry.has("session_id") && !Nodes.textEquals(entry, "session_id", sessionId)) {
                return CheckResult.fail(CHECK, Reason.SESSION_MISMATCH, where + ".session_id is not this session");
            }
            if (entry.has("chain_scope") && !Nodes.textEquals(entry, "chain_scope", scope)) {
                return CheckResult.fail(CHECK, Reason.WRONG_VALUE, where + ".chain_scope is not project_chain_head.chain_scope");
            }
            if (entry.has("occurred_at")) {
                Instant at = Nodes.instant(entry, "occurred_at");
                if (at == null || (lastTime != null && at.isBefore(lastTime))) {
                    return CheckResult.fail(CHECK, Reason.WRONG_VALUE,
                            where + ".occurred_at is unreadable or earlier than the session start or the previous event");
                }
                lastTime = at;
            }
            previous = computed;
        }
        if (metadata.has("ended_at")) {
            Instant ended = Nodes.instant(metadata, "ended_at");
            if (ended == null || (lastTime != null && ended.isBefore(lastTime))) {
                return CheckResult.fail(CHECK, Reason.WRONG_VALUE, "session_metadata.ended_at is unreadable or earlier than the last event");
            }
        }
        JsonNode head = a.get("chain_head");
        if (!previous.equals(Nodes.text(head, "content_hash"))) {
            return CheckResult.fail(CHECK, Reason.HEAD_MISMATCH, "chain_head.content_hash is not the last entry's hash");
        }
        Long count = Nodes.integer(head, "event_count");
        if (count == null || count != chain.size()) {
            return CheckResult.fail(CHECK, Reason.HEAD_MISMATCH, "chain_head.event_count is not " + chain.size());
        }
        long expectedSequence = lastSequence == null ? 0 : lastSequence;
        if (head.has("sequence") || !chain.isEmpty()) {
            Long headSequence = Nodes.integer(head, "sequence");
            if (headSequence == null || headSequence != expectedSequence) {
                return CheckResult.fail(CHECK, Reason.HEAD_MISMATCH, "chain_head.sequence is not " + expectedSequence);
            }
        }
        return CheckResult.pass(CHECK, chain.size() + " entries, head " + previous);
    }
}
