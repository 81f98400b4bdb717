package dev.herald.governance.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.governance.platforms.PlatformService;
import dev.herald.governance.realtime.SessionService;
import dev.herald.governance.realtime.TurnService;
import dev.herald.platform.store.Database;
import dev.herald.platform.store.SecretBox;
import dev.herald.platform.webhooks.WebhookService;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * Wires the Ratify Voice surface into the realtime sessions: proof at session start, per-turn and
 * per-action checks, revocation in flight and lifecycle callbacks. Used once by the composition
 * root: {@link #revocationListener} before the {@link RevocationRegistry} is built (it takes its
 * listeners in its constructor), {@link #install} once the services exist.
 */
public final class VoiceIdentity {
    private VoiceIdentity() {
    }

    /**
     * The listener that cuts a live session off, in the revocation's own transaction, when a cert
     * of its chain is revoked: a {@code voice.agent.revoked} chain entry and an {@code agent.revoked}
     * callback.
     */
    public static RevocationRegistry.RevocationListener revocationListener(Clock clock, ObjectMapper mapper,
                                                                           SecretBox secrets, WebhookService webhooks,
                                                                           SessionService sessions) {
        return new VoiceLifecycle(new VoiceSessions(secrets), sessions, webhooks, clock, mapper)::revoked;
    }

    public static void install(Database db, Clock clock, SecureRandom random, ObjectMapper mapper, SecretBox secrets,
                               RatifyService ratify, PlatformService platforms, WebhookService webhooks,
                               SessionService sessions, TurnService turns) {
        VoiceSessions voiceSessions = new VoiceSessions(secrets);
        sessions.register(new VoiceStartAuthorization(db, ratify, platforms, webhooks, voiceSessions,
                clock, random, mapper));
        turns.register(new VoiceTurnGate(ratify, platforms, voiceSessions, sessions, clock));
        VoiceLifecycle lifecycle = new VoiceLifecycle(voiceSessions, sessions, webhooks, clock, mapper);
        sessions.onClose(lifecycle::closed);
    }
}
