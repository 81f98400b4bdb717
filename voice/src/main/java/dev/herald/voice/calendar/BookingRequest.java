package dev.herald.voice.calendar;

import java.time.Instant;
import java.time.ZoneId;

/**
 * A meeting to book: {@code end} null means one slot long; {@code zone} null means the calendar's.
 * Optional texts (lead, title, attendee, notes) may be null.
 */
public record BookingRequest(Instant start, Instant end, ZoneId zone, String leadId, String title, String attendeeName,
                             String attendeeEmail, String notes) {
    public static final int MAX_LENGTH_MINUTES = 8 * 60;
    public static final String DEFAULT_TITLE = "Meeting";
}
