package dev.herald.voice.recordings;

import dev.herald.platform.http.HttpProblem;

/** The HTTP answers of a signed audio link that does not lead to audio. */
final class LinkProblems {
    private LinkProblems() {
    }

    /** 403: the signature is not this install's for the id and expiry in the link. */
    static final class Invalid extends HttpProblem {
        Invalid() {
            super(403, "recording-link-invalid", "Invalid recording link",
                    "signature: does not match this recording and expiry; ask for a fresh link");
        }
    }

    /** 410: a genuine link past its expiry. */
    static final class Expired extends HttpProblem {
        Expired(String expiredAt) {
            super(410, "recording-link-expired", "Recording link expired",
                    "the link expired at " + expiredAt + "; ask GET /api/v1/voice/recordings/{id} for a fresh one");
        }
    }

    /** 410: the recording's audio was deleted (by the retention policy) or never existed. */
    static final class Deleted extends HttpProblem {
        Deleted(String detail) {
            super(410, "recording-deleted", "Recording deleted", detail);
        }
    }

    /** 416: a Range header no byte of the audio satisfies. */
    static final class RangeNotSatisfiable extends HttpProblem {
        RangeNotSatisfiable(long size) {
            super(416, "range-not-satisfiable", "Range not satisfiable",
                    "Range: the audio has " + size + " bytes");
        }
    }
}
