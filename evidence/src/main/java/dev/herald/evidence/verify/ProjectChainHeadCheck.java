package dev.herald.evidence.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.evidence.json.CanonicalJson;
import dev.herald.evidence.json.Json;

/**
 * {@code project_chain_head_binding}: the time-stamp covers {@code project_chain_head.content_hash}
 * only, so unless that hash is recomputed from the session's chain, a chain shortened and relinked
 * (and re-signed with another key) keeps a valid time-stamp. Herald computes it in one of two ways,
 * and both are recomputed here from the artifact alone:
 * <ul>
 *   <li>project ledger entry (a Herald server): SHA-256 of the canonical {@code {chain_scope,
 *       event_id, event_type, previous_content_hash, sequence, session_chain_head, session_id}}
 *       with {@code session_chain_head = chain_head.content_hash} and
 *       {@code session_id = session_metadata.session_id};
 *   <li>session-derived anchor (the library without a ledger): SHA-256 of the canonical
 *       {@code {chain_scope, event_id, event_type, previous_content_hash, sequence}} where
 *       {@code previous_content_hash = chain_head.content_hash} and
 *       {@code sequence = chain_head.sequence + 1}.
 * </ul>
 * Herald names the entry {@code <session_id>:ended}. An artifact so named whose hash matches
 * neither rule FAILS. Any other artifact (Keel's samples, whose ledger rule is not published) is
 * NOT_VALIDATED: its time-stamp binds the project head but not, provably, this chain.
 */
final class ProjectChainHeadCheck {
    private static final Check CHECK = Check.PROJECT_CHAIN_HEAD_BINDING;

    private ProjectChainHeadCheck() {}

    static CheckResult run(JsonNode a) {
        JsonNode anchor = a.get("project_chain_head");
        JsonNode head = a.get("chain_head");
        String sessionId = Nodes.text(a.get("session_metadata"), "session_id");
        String stated = Nodes.text(anchor, "content_hash");
        String sessionHead = Nodes.text(head, "content_hash");
        String eventId = Nodes.text(anchor, "event_id");
        Long sequence = Nodes.integer(anchor, "sequence");
        boolean complete = stated != null && sessionHead != null && eventId != null && sequence != null
                && Nodes.text(anchor, "chain_scope") != null && Nodes.text(anchor, "event_type") != null
                && Nodes.text(anchor, "previous_content_hash") != null;
        if (complete) {
            ObjectNode ledger = common(anchor, sequence);
            ledger.put("session_chain_head", sessionHead);
            if (sessionId != null) {
                ledger.put("session_id", sessionId);
            }
            if (CanonicalJson.sha256(ledger).prefixed().equals(stated)) {
                return CheckResult.pass(CHECK, stated + " recomputes from chain_head " + sessionHead
                        + " (project ledger entry " + sequence + ")");
            }
            Long headSequence = Nodes.integer(head, "sequence");
            if (sessionHead.equals(Nodes.text(anchor, "previous_content_hash")) && headSequence != null
                    && sequence == headSequence + 1 && CanonicalJson.sha256(common(anchor, sequence)).prefixed().equals(stated)) {
                return CheckResult.pass(CHECK, stated + " recomputes from chain_head " + sessionHead + " (session-derived anchor)");
            }
        }
        if (sessionId != null && (sessionId + ":ended").equals(eventId)) {
            return CheckResult.fail(CHECK, Reason.ANCHOR_MISMATCH, "project_chain_head.content_hash is not Herald's hash over"
                    + " chain_head " + sessionHead + ": the time-stamp does not cover this chain");
        }
        return CheckResult.notValidated(CHECK, Reason.ANCHOR_RULE_UNKNOWN, "project_chain_head is not a Herald ledger"
                + " entry (event_id is not '<session_id>:ended'): its content_hash, which the time-stamp covers,"
                + " cannot be recomputed from the chain");
    }

    private static ObjectNode common(JsonNode anchor, long sequence) {
        ObjectNode body = Json.object();
        body.put("chain_scope", Nodes.text(anchor, "chain_scope"));
        body.put("event_id", Nodes.text(anchor, "event_id"));
        body.put("event_type", Nodes.text(anchor, "event_type"));
        body.put("previous_content_hash", Nodes.text(anchor, "previous_content_hash"));
        body.put("sequence", sequence);
        return body;
    }
}
