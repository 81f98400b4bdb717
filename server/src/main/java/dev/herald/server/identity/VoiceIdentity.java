package dev.herald.server.identity;

import dev.herald.server.Services;

/**
 * Wires the Ratify Voice surface into the realtime sessions: proof at session start, per-turn and
 * per-action checks, revocation in flight and lifecycle callbacks. Called once from
 * {@link Services#create}.
 */
public final class VoiceIdentity {
    private VoiceIdentity() {
    }

    public static void install(Services s) {
        VoiceSessions sessions = new VoiceSessions(s.secrets());
        s.sessions().register(new VoiceStartAuthorization(s.db(), s.ratify(), s.platforms(), s.webhooks(), sessions,
                s.clock(), s.random(), s.mapper()));
        s.turns().register(new VoiceTurnGate(s.ratify(), s.platforms(), sessions, s.sessions(), s.clock()));
        VoiceLifecycle lifecycle = new VoiceLifecycle(sessions, s.sessions(), s.webhooks(), s.clock(), s.mapper());
        s.ratify().revocations().addListener(lifecycle::revoked);
        s.sessions().onClose(lifecycle::closed);
    }
}
