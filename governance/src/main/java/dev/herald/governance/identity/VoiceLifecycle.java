package dev.herald.governance.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.governance.realtime.LiveSessions;
import dev.herald.platform.webhooks.WebhookEvents;
import dev.herald.platform.webhooks.WebhookService;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Revocation of authorized sessions, in the transaction that stores the revocation: a revocation
 * that hits a live session's chain writes a {@code voice.agent.revoked} chain entry (through
 * realtime's {@link LiveSessions}) and queues {@code agent.revoked} to the session's platform
 * endpoint and to workspace-wide endpoints; the session's next turn is then denied and the session
 * fails with reason {@code revoked} (see {@link VoiceTurnGate}).
 */
final class VoiceLifecycle {
    private static final Logger log = LoggerFactory.getLogger(VoiceLifecycle.class);

    private final VoiceSessions sessions;
    private final LiveSessions live;
    private final WebhookService webhooks;
    private final Clock clock;
    private final ObjectMapper mapper;

    VoiceLifecycle(VoiceSessions sessions, LiveSessions live, WebhookService webhooks, Clock clock,
                   ObjectMapper mapper) {
        this.sessions = sessions;
        this.live = live;
        this.webhooks = webhooks;
        this.clock = clock;
        this.mapper = mapper;
    }

    /** {@link RevocationRegistry.RevocationListener}: certs just became revoked in a workspace. */
    void revoked(Handle h, String workspaceId, String issuerId, Set<String> certIds) {
        List<VoiceSessions.OnCert> hits = sessions.unrevokedOn(h, workspaceId, certIds);
        Set<String> active = live.activeAmong(h, hits.stream().map(VoiceSessions.OnCert::sessionId).toList());
        for (VoiceSessions.OnCert hit : hits) {
            if (!active.contains(hit.sessionId())) {
                continue;
            }
            // The row lock orders this against turns, a close and other revocations of the same
            // session; one that ended meanwhile is skipped: the revocation must never fail on it.
            Optional<LiveSessions.Held> held = live.lockIfActive(h, hit.projectId(), hit.sessionId());
            Optional<VoiceSessions.Authorized> a = sessions.find(h, hit.sessionId());
            if (held.isEmpty() || a.isEmpty() || a.get().revokedAt() != null) {
                continue;
            }
            sessions.markRevoked(h, hit.sessionId(), hit.certId(), clock.millis());
            ObjectNode attrs = mapper.createObjectNode();
            attrs.put("category", "identity");
            attrs.put("decision", "denied");
            attrs.put("outcome", "agent_revoked");
            ObjectNode payload = mapper.createObjectNode();
            payload.put("agent_id", a.get().agentId());
            payload.put("human_id", a.get().humanId());
            payload.put("revoked_cert_id", hit.certId());
            payload.put("issuer_id", issuerId);
            payload.put("protocol", "ratify/v1");
            held.get().append("voice.agent.revoked", attrs, payload);
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("session_id", hit.sessionId());
            event.put("project_id", hit.projectId());
            event.put("platform_id", a.get().platformId());
            event.put("agent_id", a.get().agentId());
            event.put("human_id", a.get().humanId());
            event.put("revoked_cert_id", hit.certId());
            event.put("issuer_id", issuerId);
            webhooks.enqueue(h, workspaceId, a.get().platformId(), WebhookEvents.AGENT_REVOKED, event);
            log.info("session {}: agent {} revoked (cert {})", hit.sessionId(), a.get().agentId(), hit.certId());
        }
    }
}
