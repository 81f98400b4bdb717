package dev.herald.voice.core.call;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/** A meeting time; {@code zone} is the zone it was offered in (the lead's, else the calendar's). */
public record MeetingSlot(Instant start, Instant end, ZoneId zone) {
    public MeetingSlot {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(zone, "zone");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("a slot must end after it starts");
        }
    }
}
