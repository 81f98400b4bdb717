package dev.herald.ratify;

import java.util.Objects;

/**
 * The verifier's tracked state for one stream (SPEC 5.8): the next acceptable bundle carries
 * {@code stream_seq == lastSeenSeq + 1}. This is a caller-owned snapshot; the verifier never
 * advances it. A caller claiming replay protection must compare-and-advance its own stored value
 * when, and only when, verification succeeds.
 */
public record StreamContext(Bytes streamId, long lastSeenSeq) {
    public StreamContext {
        Objects.requireNonNull(streamId, "streamId");
    }
}
