package dev.herald.ratify;

/** Step 3 of SPEC 10, shared by the full verifier and the streamed-turn verifier. */
final class StreamChecks {
    private StreamChecks() {}

    static VerifyResult check(Bytes streamId, long streamSeq, StreamContext stream) {
        boolean has = streamId != null && !streamId.isEmpty();
        if (has && streamId.length() != 32) {
            return VerifyResult.failure(FailureReason.INVALID_STREAM_ID,
                    "stream_id must be 32 bytes, got " + streamId.length());
        }
        if (!has && streamSeq != 0) {
            return VerifyResult.failure(FailureReason.INVALID_STREAM_SEQ,
                    "stream_seq set without stream_id");
        }
        if (has && streamSeq < 1) {
            return VerifyResult.failure(FailureReason.INVALID_STREAM_SEQ,
                    "stream_seq must be >=1, got " + streamSeq);
        }
        if (stream != null) {
            if (stream.streamId().length() != 32) {
                return VerifyResult.failure(FailureReason.INVALID_STREAM_ID,
                        "verify option stream_id must be 32 bytes, got " + stream.streamId().length());
            }
            if (!has) {
                return VerifyResult.failure(FailureReason.MISSING_STREAM_CONTEXT,
                        "verifier requires a stream-bound challenge but bundle has no stream_id");
            }
            if (!streamId.equals(stream.streamId())) {
                return VerifyResult.failure(FailureReason.STREAM_ID_MISMATCH,
                        "bundle stream_id does not match verifier stream context");
            }
            long last = stream.lastSeenSeq();
            if (streamSeq <= last) {
                return VerifyResult.failure(FailureReason.STREAM_SEQ_REPLAY,
                        "stream_seq " + streamSeq + " already seen (last=" + last + ")");
            }
            if (streamSeq != last + 1) {
                return VerifyResult.failure(FailureReason.STREAM_SEQ_SKIP,
                        "stream_seq " + streamSeq + " skips expected " + (last + 1));
            }
        } else if (has) {
            return VerifyResult.failure(FailureReason.STREAM_CONTEXT_UNVERIFIABLE,
                    "bundle has stream_id but verifier did not provide a stream context");
        }
        return null;
    }
}
