package dev.herald.voice.calendar;

import dev.herald.platform.domain.Conflict;
import dev.herald.platform.domain.Invalid;
import dev.herald.voice.core.call.MeetingSlot;
import dev.herald.voice.core.qualifier.CalendarTool;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * One stored calendar as the agent's {@link CalendarTool}: slots shown in the zone asked for (the
 * lead's, else the calendar's); a booking that is taken, outside working hours or past is empty,
 * never an exception, so the agent says it could not book. Atomic as {@link CalendarService#book}.
 */
final class StoredCalendarTool implements CalendarTool {
    private final CalendarService calendars;
    private final String ws;
    private final String calendarId;

    StoredCalendarTool(CalendarService calendars, String ws, String calendarId) {
        this.calendars = calendars;
        this.ws = ws;
        this.calendarId = calendarId;
    }

    @Override
    public List<MeetingSlot> availability(Instant from, Duration length, ZoneId zone, int max) {
        ZoneId shown = zone == null ? calendars.get(ws, calendarId).timeZone() : zone;
        int n = Math.max(1, Math.min(max, CalendarService.MAX_SLOTS));
        return calendars.availability(ws, calendarId, from, length, n).stream()
                .map(s -> new MeetingSlot(s.start(), s.end(), shown)).toList();
    }

    @Override
    public Optional<String> book(MeetingSlot slot, String leadId) {
        try {
            return Optional.of(calendars.book(ws, calendarId, new BookingRequest(slot.start(), slot.end(), slot.zone(),
                    leadId, null, null, null, null)).id());
        } catch (Conflict | Invalid e) {
            return Optional.empty();
        }
    }
}
