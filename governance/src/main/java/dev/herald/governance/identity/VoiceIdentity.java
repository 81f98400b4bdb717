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
 * per-action checks, revocation in flight and lifecycle callbacks. Called once from the
 * composition root.
 */
public final class VoiceIdentity {
    private VoiceIdentity() {
    }

    public static void install(Database db, Clock clock, SecureRandom random, ObjectMapper mapper, SecretBox secrets,
                               RatifyService ratify, PlatformService platforms, WebhookService webhooks,
                               SessionService sessions, TurnService turns) {
        VoiceSessions voiceSessions = new VoiceSessions(secrets);
        sessions.register(new VoiceStartAuthorization(db, ratify, platforms, webhooks, voiceSessions,
                clock, random, mapper));
        turns.register(new VoiceTurnGate(ratify, platforms, voiceSessions, sessions, clock));
        VoiceLifecycle lifecycle = new VoiceLifecycle(voiceSessions, sessions, webhooks, clock, mapper);
        ratify.revocations().addListener(lifecycle::revoked);
        sessions.onClose(lifecycle::closed);
    }
}
