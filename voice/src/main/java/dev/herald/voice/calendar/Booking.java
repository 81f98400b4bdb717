package dev.herald.voice.calendar;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * A meeting on a built-in calendar. {@code timeZone} is the zone it was offered or asked in (the
 * lead's, else the calendar's); {@code status} is {@code booked} or {@code cancelled}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Booking(String id, String calendarId, Instant start, Instant end, String timeZone, String status,
                      String leadId, String title, String attendeeName, String attendeeEmail, String notes,
                      int sequence, Instant createdAt, Instant updatedAt) {
    public static final String BOOKED = "booked";
    public static final String CANCELLED = "cancelled";
}
