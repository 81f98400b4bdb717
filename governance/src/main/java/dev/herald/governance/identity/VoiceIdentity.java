package dev.herald.governance.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.governance.platforms.PlatformService;
import dev.herald.governance.realtime.LiveSessions;
import dev.herald.governance.realtime.SessionParties;
import dev.herald.governance.realtime.StartAuthorization;
import dev.herald.governance.realtime.TurnGate;
import dev.herald.platform.store.Database;
import dev.herald.platform.store.SecretBox;
import dev.herald.platform.webhooks.WebhookService;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * The Ratify Voice surface's part in realtime sessions: proof at session start
 * ({@link #startAuthorization()}), per-turn and per-action checks ({@link #turnGate()}), who a
 * session's platform and agent are ({@link #parties()}), and revocation in flight (cut off through
 * realtime's {@link LiveSessions}, through {@link #revocationListener}). Built once by the
 * composition root before the realtime services, which it is handed to; it never touches
 * realtime's tables.
 */
public final class VoiceIdentity {
    private final VoiceSessions sessions;
    private final VoiceStartAuthorization start;
    private final VoiceTurnGate gate;

    public VoiceIdentity(Database db, Clock clock, SecureRandom random, ObjectMapper mapper, SecretBox secrets,
                         RatifyService ratify, PlatformService platforms, WebhookService webhooks, LiveSessions live) {
        this.sessions = new VoiceSessions(secrets);
        this.start = new VoiceStartAuthorization(db, ratify, platforms, webhooks, sessions, clock, random, mapper);
        this.gate = new VoiceTurnGate(ratify, platforms, sessions, clock);
    }

    /**
     * The listener that cuts a live session off, in the revocation's own transaction, when a cert
     * of its chain is revoked: a {@code voice.agent.revoked} chain entry and an {@code agent.revoked}
     * callback. Built before the {@link RevocationRegistry}, which takes its listeners in its
     * constructor.
     */
    public static RevocationRegistry.RevocationListener revocationListener(Clock clock, ObjectMapper mapper,
                                                                           SecretBox secrets, WebhookService webhooks,
                                                                           LiveSessions live) {
        return new VoiceLifecycle(new VoiceSessions(secrets), live, webhooks, clock, mapper)::revoked;
    }

    public StartAuthorization startAuthorization() {
        return start;
    }

    public TurnGate turnGate() {
        return gate;
    }

    /** A session's platform and Ratify agent, from its authorization record (none for other sessions). */
    public SessionParties parties() {
        return (h, sessionId) -> sessions.find(h, sessionId)
                .map(a -> new SessionParties.Parties(a.platformId(), a.agentId()))
                .orElse(SessionParties.Parties.NONE);
    }
}
