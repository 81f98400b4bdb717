package dev.herald.voice.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Free slots of a calendar: a pure function of its settings and its live bookings. */
final class Slots {
    private Slots() {
    }

    /**
     * Slots of {@code length} stepped by the calendar's slot length from the start of each working
     * span (on the span's own wall clock, so a daylight-saving day keeps its local hours), starting
     * at or after {@code from}, ending inside the span, and clear of every booking by the buffer.
     *
     * @param taken live bookings, in any order
     */
    static List<CalendarService.Slot> free(Calendar c, Instant from, Duration length, int max,
                                           List<CalendarService.Slot> taken, int horizonDays) {
        List<CalendarService.Slot> out = new ArrayList<>();
        LocalDate first = from.atZone(c.timeZone()).toLocalDate();
        for (int d = 0; d <= horizonDays && out.size() < max; d++) {
            LocalDate date = first.plusDays(d);
            for (WorkingHours.Span span : c.hours().on(date.getDayOfWeek())) {
                Instant open = date.atTime(span.start()).atZone(c.timeZone()).toInstant();
                Instant close = date.atTime(span.end()).atZone(c.timeZone()).toInstant();
                for (Instant t = open; !t.plus(length).isAfter(close) && out.size() < max; t = t.plus(c.slot())) {
                    Instant end = t.plus(length);
                    if (!t.isBefore(from) && clear(t, end, c.buffer(), taken)) {
                        out.add(new CalendarService.Slot(t, end));
                    }
                }
            }
        }
        return out;
    }

    private static boolean clear(Instant start, Instant end, Duration buffer, List<CalendarService.Slot> taken) {
        Instant s = start.minus(buffer);
        Instant e = end.plus(buffer);
        for (CalendarService.Slot b : taken) {
            if (b.start().isBefore(e) && b.end().isAfter(s)) {
                return false;
            }
        }
        return true;
    }
}
