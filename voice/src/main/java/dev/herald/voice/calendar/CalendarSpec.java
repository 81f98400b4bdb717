package dev.herald.voice.calendar;

import java.time.ZoneId;

/**
 * The settings of a calendar being created, or a merge patch of them (null = keep). Built by the
 * routes from the request after checking; {@link CalendarService} checks again for other callers.
 */
public record CalendarSpec(String name, ZoneId timeZone, WorkingHours hours, Integer slotMinutes, Integer bufferMinutes) {
    public static final int MIN_SLOT_MINUTES = 5;
    public static final int MAX_SLOT_MINUTES = 480;
    public static final int MAX_BUFFER_MINUTES = 240;
    public static final int MAX_NAME_CHARS = 100;
}
