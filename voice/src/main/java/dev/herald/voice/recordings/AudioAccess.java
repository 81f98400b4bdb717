package dev.herald.voice.recordings;

import java.time.Instant;

/** The answer to a signed audio link: the audio, or which check refused it. */
public sealed interface AudioAccess {
    record Granted(Recording recording, byte[] audio) implements AudioAccess {
    }

    /** Not a signature of this install for this id and expiry (tampered, or made up). */
    record BadSignature() implements AudioAccess {
    }

    /** A genuine link past its expiry. */
    record Expired(Instant expiredAt) implements AudioAccess {
    }

    /** A genuine link to a recording whose audio retention deleted (or that never had audio). */
    record Gone(Recording recording) implements AudioAccess {
    }

    /** A genuine link to a recording that no longer exists. */
    record Missing() implements AudioAccess {
    }
}
