package dev.herald.voice.calls;

import java.time.Instant;

/**
 * The port through which a call's answer gets its recording: the recordings package answers with a
 * signed, expiring URL, or says why there is none. Implementations must answer for another
 * workspace's call as for a call with no recording, must not throw for a missing recording, and
 * must be safe to call from many request threads at once.
 */
@FunctionalInterface
public interface RecordingLinks {
    RecordingLink find(String workspaceId, String callId);

    /** A recording link, or the reason there is none. */
    sealed interface RecordingLink {
    }

    /** A URL that serves the audio until {@code expiresAt}. */
    record Available(String url, Instant expiresAt) implements RecordingLink {
        public Available {
            if (url == null || url.isBlank() || expiresAt == null) {
                throw new IllegalArgumentException("a recording link needs a url and an expiry");
            }
        }
    }

    /**
     * No recording to give, and why: a stable snake_case code such as {@code not_recorded},
     * {@code deleted} or {@code recording_unavailable}.
     */
    record Missing(String reason) implements RecordingLink {
        public Missing {
            if (reason == null || !reason.matches("[a-z][a-z0-9_]{0,63}(: [^\\r\\n]{1,500})?")) {
                throw new IllegalArgumentException("a missing recording needs a snake_case reason, optionally "
                        + "': ' and a one-line detail: " + reason);
            }
        }
    }
}
