package dev.herald.ratify;

import java.time.Clock;
import java.util.Objects;

/**
 * Exactly the controls that apply to a session-token presentation (SPEC 5.13): required scope,
 * challenge store, session context, stream snapshot and clock. Deliberately a distinct type from
 * {@link VerifyOptions}, so revocation, policy or constraint options can never be passed here and
 * silently ignored; callers needing those run the full verifier.
 */
public record StreamedVerifyOptions(
        Clock clock,
        String requiredScope,
        ChallengeStore challengeStore,
        Bytes sessionContext,
        StreamContext stream) {

    public StreamedVerifyOptions {
        Objects.requireNonNull(clock, "clock");
    }

    public static StreamedVerifyOptions of(Clock clock) {
        return new StreamedVerifyOptions(clock, null, null, null, null);
    }

    public StreamedVerifyOptions withRequiredScope(String scope) {
        return new StreamedVerifyOptions(clock, scope, challengeStore, sessionContext, stream);
    }

    public StreamedVerifyOptions withChallengeStore(ChallengeStore store) {
        return new StreamedVerifyOptions(clock, requiredScope, store, sessionContext, stream);
    }

    public StreamedVerifyOptions withSessionContext(Bytes ctx) {
        return new StreamedVerifyOptions(clock, requiredScope, challengeStore, ctx, stream);
    }

    public StreamedVerifyOptions withStream(StreamContext s) {
        return new StreamedVerifyOptions(clock, requiredScope, challengeStore, sessionContext, s);
    }

    public long nowEpochSeconds() {
        return Math.floorDiv(clock.millis(), 1000L);
    }
}
