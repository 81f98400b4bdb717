package dev.herald.voice.core.qualifier;

import dev.herald.voice.core.call.MeetingSlot;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The calendar behind {@code check_availability} and {@code book_meeting}. Implementations: the
 * built-in calendar (stored bookings, working hours) and external connectors. Contract: {@link #book}
 * is atomic: of two concurrent bookings of overlapping slots at most one succeeds.
 */
public interface CalendarTool {

    /** Up to {@code max} free slots of {@code length} starting at or after {@code from}, earliest first, presented in {@code zone}. */
    List<MeetingSlot> availability(Instant from, Duration length, ZoneId zone, int max);

    /** Books the slot; empty when it is no longer free. Returns the booking id. */
    Optional<String> book(MeetingSlot slot, String leadId);
}
