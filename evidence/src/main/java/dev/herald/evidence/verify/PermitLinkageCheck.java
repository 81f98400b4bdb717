package dev.herald.evidence.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.evidence.chain.ChainFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code permit_linkage}: each child permit's {@code binding_session_event_hash} is the content
 * hash of an entry of this chain (with the same {@code permit_id} when the entry names one), its
 * {@code binding_project_anchor_hash} is the project chain head, and its {@code binding_session_id}
 * and {@code session_id} are this session. All five binding members are required.
 *
 * <p>Published v3 samples bind permits to the event hash computed while the payload was still
 * embedded, which a hash_only chain cannot reproduce. Such a permit, matched to a hash_only entry
 * only through its {@code permit_id}, is NOT_VALIDATED rather than linked or failed.
 */
final class PermitLinkageCheck {
    private static final Check CHECK = Check.PERMIT_LINKAGE;
    private static final List<String> REQUIRED = List.of("permit_id", "session_id", "binding_session_id",
            "binding_session_event_hash", "binding_project_anchor_hash");

    private PermitLinkageCheck() {}

    static CheckResult run(JsonNode a) {
        Map<String, JsonNode> byHash = new HashMap<>();
        Map<String, JsonNode> byPermit = new HashMap<>();
        for (JsonNode entry : a.get("chain")) {
            String hash = Nodes.text(entry, ChainFormat.CONTENT_HASH);
            if (hash != null) {
                byHash.putIfAbsent(hash, entry);
            }
            String permitId = Nodes.text(entry, "permit_id");
            if (permitId != null) {
                byPermit.putIfAbsent(permitId, entry);
            }
        }
        String sessionId = Nodes.text(a.get("session_metadata"), "session_id");
        String anchor = Nodes.text(a.get("project_chain_head"), "content_hash");
        JsonNode permits = a.get("permits").get("child_tool_call_permits");
        int linked = 0;
        StringBuilder idOnly = new StringBuilder();
        int index = 0;
        for (JsonNode permit : permits) {
            String where = "permits.child_tool_call_permits[" + index++ + "]";
            if (!permit.isObject()) {
                return CheckResult.fail(CHECK, Reason.WRONG_TYPE, where + " is not an object");
            }
            for (String member : REQUIRED) {
                if (Nodes.text(permit, member) == null) {
                    return CheckResult.fail(CHECK, Reason.MISSING_MEMBER, where + "." + member + " is missing");
                }
            }
            String permitId = Nodes.text(permit, "permit_id");
            if (!Nodes.textEquals(permit, "binding_session_id", sessionId)) {
                return CheckResult.fail(CHECK, Reason.SESSION_MISMATCH, where + ".binding_session_id is not this session");
            }
            if (!Nodes.textEquals(permit, "session_id", sessionId)) {
                return CheckResult.fail(CHECK, Reason.SESSION_MISMATCH, where + ".session_id is not this session");
            }
            if (!Nodes.textEquals(permit, "binding_project_anchor_hash", anchor)) {
                return CheckResult.fail(CHECK, Reason.PERMIT_UNLINKED, where + ".binding_project_anchor_hash is not project_chain_head.content_hash");
            }
            String eventHash = Nodes.text(permit, "binding_session_event_hash");
            JsonNode entry = eventHash == null ? null : byHash.get(eventHash);
            if (entry != null) {
                String entryPermit = Nodes.text(entry, "permit_id");
                if (entryPermit != null && !entryPermit.equals(permitId)) {
                    return CheckResult.fail(CHECK, Reason.PERMIT_UNLINKED, where + " is bound to an event of another permit (" + entryPermit + ")");
                }
                linked++;
                continue;
            }
            JsonNode sameId = permitId == null ? null : byPermit.get(permitId);
            if (eventHash != null && sameId != null
                    && ChainFormat.HASH_ONLY.equals(Nodes.text(sameId, ChainFormat.PAYLOAD_MATERIALIZATION))) {
                idOnly.append(idOnly.isEmpty() ? "" : ", ").append(permitId);
                continue;
            }
            return CheckResult.fail(CHECK, Reason.PERMIT_UNLINKED, where + ".binding_session_event_hash names no entry of this chain");
        }
        if (!idOnly.isEmpty()) {
            return CheckResult.notValidated(CHECK, Reason.PERMIT_LINKED_BY_ID_ONLY, "permit(s) " + idOnly
                    + " bind to a materialized event hash that the hash_only chain cannot reproduce; matched by permit_id only");
        }
        return CheckResult.pass(CHECK, linked + " child permit(s) linked to chain entries");
    }
}
