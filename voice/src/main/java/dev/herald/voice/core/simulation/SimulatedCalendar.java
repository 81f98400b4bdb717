package dev.herald.voice.core.simulation;

import dev.herald.voice.core.call.MeetingSlot;
import dev.herald.voice.core.qualifier.CalendarTool;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An in-memory calendar: weekdays, working hours in the calendar's zone, slots on the hour from the
 * next working day on, no double booking (booking is synchronized). For simulations and tests; the
 * stored built-in calendar comes with the database wiring.
 */
public final class SimulatedCalendar implements CalendarTool {
    private final ZoneId zone;
    private final LocalTime opens;
    private final LocalTime closes;
    private final List<MeetingSlot> booked = new ArrayList<>();
    private int ids;

    public SimulatedCalendar(ZoneId zone, LocalTime opens, LocalTime closes) {
        this.zone = zone;
        this.opens = opens;
        this.closes = closes;
    }

    @Override
    public synchronized List<MeetingSlot> availability(Instant from, Duration length, ZoneId presentIn, int max) {
        List<MeetingSlot> out = new ArrayList<>();
        ZoneId shown = presentIn == null ? zone : presentIn;
        ZonedDateTime day = from.atZone(zone).toLocalDate().plusDays(1).atTime(opens).atZone(zone);
        for (int d = 0; d < 14 && out.size() < max; d++, day = day.plusDays(1)) {
            if (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
                continue;
            }
            for (ZonedDateTime t = day; !t.toLocalTime().plus(length).isAfter(closes) && out.size() < max; t = t.plusHours(1)) {
                MeetingSlot slot = new MeetingSlot(t.toInstant(), t.toInstant().plus(length), shown);
                if (free(slot)) {
                    out.add(slot);
                }
            }
        }
        return out;
    }

    @Override
    public synchronized Optional<String> book(MeetingSlot slot, String leadId) {
        if (!free(slot)) {
            return Optional.empty();
        }
        booked.add(slot);
        return Optional.of("bk-" + (++ids));
    }

    public synchronized List<MeetingSlot> bookings() {
        return List.copyOf(booked);
    }

    private boolean free(MeetingSlot slot) {
        return booked.stream().noneMatch(b -> b.start().isBefore(slot.end()) && slot.start().isBefore(b.end()));
    }
}
