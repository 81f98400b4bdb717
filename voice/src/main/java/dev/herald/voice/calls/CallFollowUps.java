package dev.herald.voice.calls;

import dev.herald.voice.core.call.FollowUpRequest;

/**
 * Where a call's {@code send_follow_up} goes. Herald has no message channel: the follow-up is
 * stored and handed to the customer's system, once per call (a retried ask answers the first).
 * Wired by the composition root to the followups package; runs in its own transaction. Thread-safe.
 */
public interface CallFollowUps {

    /** Handed over (stored with its webhook), or refused with the reason the agent is told. */
    sealed interface Answer {
        record Requested(String followUpId) implements Answer {
        }

        record Refused(String reason) implements Answer {
        }
    }

    Answer request(FollowUpRequest request);
}
