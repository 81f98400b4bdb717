package dev.herald.governance.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.governance.attest.SessionLedger;
import dev.herald.governance.realtime.SessionRow;
import dev.herald.governance.realtime.SessionService;
import dev.herald.platform.webhooks.WebhookEvents;
import dev.herald.platform.webhooks.WebhookService;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lifecycle of authorized sessions, in the transactions that change them: a revocation that hits
 * a live session's chain writes a {@code voice.agent.revoked} chain entry and queues
 * {@code agent.revoked} (the session's next turn is then denied and the session fails with reason
 * {@code revoked}); a session that ends or fails queues {@code session.ended} or
 * {@code session.failed}. Callbacks go to the session's platform endpoint and to workspace-wide
 * endpoints.
 */
final class VoiceLifecycle {
    private static final Logger log = LoggerFactory.getLogger(VoiceLifecycle.class);

    private final VoiceSessions sessions;
    private final SessionService realtime;
    private final WebhookService webhooks;
    private final Clock clock;
    private final ObjectMapper mapper;

    VoiceLifecycle(VoiceSessions sessions, SessionService realtime, WebhookService webhooks, Clock clock,
                   ObjectMapper mapper) {
        this.sessions = sessions;
        this.realtime = realtime;
        this.webhooks = webhooks;
        this.clock = clock;
        this.mapper = mapper;
    }

    /** {@link RevocationRegistry.RevocationListener}: certs just became revoked in a workspace. */
    void revoked(Handle h, String workspaceId, String issuerId, Set<String> certIds) {
        for (String[] hit : sessions.activeOn(h, workspaceId, certIds)) {
            String sessionId = hit[0];
            String projectId = hit[1];
            String certId = hit[2];
            // A session that ended meanwhile is skipped: the revocation itself must never fail on it.
            SessionRow row = realtime.store().lock(h, projectId, sessionId);
            Optional<VoiceSessions.Authorized> a = sessions.find(h, sessionId);
            if (!row.active() || a.isEmpty() || a.get().revokedAt() != null) {
                continue;
            }
            sessions.markRevoked(h, sessionId, certId, clock.millis());
            SessionLedger ledger = realtime.ledger();
            SessionLedger.Cursor cursor = ledger.lock(h, row.id());
            ObjectNode attrs = mapper.createObjectNode();
            attrs.put("category", "identity");
            attrs.put("decision", "denied");
            attrs.put("outcome", "agent_revoked");
            ObjectNode payload = mapper.createObjectNode();
            payload.put("agent_id", a.get().agentId());
            payload.put("human_id", a.get().humanId());
            payload.put("revoked_cert_id", certId);
            payload.put("issuer_id", issuerId);
            payload.put("protocol", "ratify/v1");
            ledger.append(cursor, "voice.agent.revoked", attrs, payload);
            ledger.save(h, cursor);
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("session_id", sessionId);
            event.put("project_id", projectId);
            event.put("platform_id", a.get().platformId());
            event.put("agent_id", a.get().agentId());
            event.put("human_id", a.get().humanId());
            event.put("revoked_cert_id", certId);
            event.put("issuer_id", issuerId);
            webhooks.enqueue(h, workspaceId, a.get().platformId(), WebhookEvents.AGENT_REVOKED, event);
            log.info("session {}: agent {} revoked (cert {})", sessionId, a.get().agentId(), certId);
        }
    }

    /** {@link SessionService.CloseListener}: queues session.ended / session.failed. */
    void closed(Handle h, SessionRow row, String status, String reason) {
        Optional<VoiceSessions.Authorized> a = sessions.find(h, row.id());
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("session_id", row.id());
        event.put("project_id", row.projectId());
        event.put("status", status);
        if (reason != null) {
            event.put("failure_reason", reason);
        }
        event.put("platform_id", a.map(VoiceSessions.Authorized::platformId).orElse(null));
        event.put("agent_id", a.map(VoiceSessions.Authorized::agentId).orElse(null));
        event.put("turn_count", row.turnCount());
        String type = SessionRow.ENDED.equals(status) ? WebhookEvents.SESSION_ENDED : WebhookEvents.SESSION_FAILED;
        webhooks.enqueue(h, row.workspaceId(), a.map(VoiceSessions.Authorized::platformId).orElse(null), type, event);
    }
}
