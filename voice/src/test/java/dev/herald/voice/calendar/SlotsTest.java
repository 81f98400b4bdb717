package dev.herald.voice.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlotsTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static Calendar calendar(ZoneId zone, Map<DayOfWeek, List<WorkingHours.Span>> days, int slot, int buffer) {
        Instant t = Instant.parse("2027-01-01T00:00:00Z");
        return new Calendar("cal_x", "x", zone, new WorkingHours(days), slot, buffer, false, t, t);
    }

    private static WorkingHours.Span span(int from, int to) {
        return new WorkingHours.Span(LocalTime.of(from, 0), LocalTime.of(to, 0));
    }

    @Test
    void slotsFollowTheLocalWallClockAcrossDaylightSaving() {
        // Berlin moves from UTC+1 to UTC+2 on Sunday 2027-03-28; 09:00 local is 08:00Z before, 07:00Z after.
        Calendar c = calendar(BERLIN, Map.of(DayOfWeek.FRIDAY, List.of(span(9, 10)), DayOfWeek.MONDAY, List.of(span(9, 10))),
                60, 0);
        List<CalendarService.Slot> slots = Slots.free(c, Instant.parse("2027-03-26T00:00:00Z"), Duration.ofHours(1), 2,
                List.of(), 10);
        assertThat(slots).extracting(CalendarService.Slot::start)
                .containsExactly(Instant.parse("2027-03-26T08:00:00Z"), Instant.parse("2027-03-29T07:00:00Z"));
    }

    @Test
    void aSpanOverTheSpringGapIsAnHourShorter() {
        Calendar c = calendar(BERLIN, Map.of(DayOfWeek.SUNDAY, List.of(span(1, 4))), 60, 0);
        List<CalendarService.Slot> slots = Slots.free(c, Instant.parse("2027-03-28T00:00:00Z"), Duration.ofHours(1), 10,
                List.of(), 0);
        // 01:00 CET = 00:00Z; 04:00 CEST = 02:00Z: two hours of real time.
        assertThat(slots).extracting(CalendarService.Slot::start)
                .containsExactly(Instant.parse("2027-03-28T00:00:00Z"), Instant.parse("2027-03-28T01:00:00Z"));
    }

    @Test
    void aMeetingLongerThanTheSlotNeedsRoomBeforeTheSpanCloses_andStepsBySlot() {
        Calendar c = calendar(ZoneId.of("UTC"), Map.of(DayOfWeek.MONDAY, List.of(span(9, 11))), 30, 0);
        List<CalendarService.Slot> slots = Slots.free(c, Instant.parse("2027-01-04T00:00:00Z"), Duration.ofMinutes(60), 10,
                List.of(), 0);
        assertThat(slots).extracting(CalendarService.Slot::start).containsExactly(Instant.parse("2027-01-04T09:00:00Z"),
                Instant.parse("2027-01-04T09:30:00Z"), Instant.parse("2027-01-04T10:00:00Z"));
    }

    @Test
    void bookingsWidenedByTheBufferAreLeftOut_andNothingBeforeFromIsOffered() {
        Calendar c = calendar(ZoneId.of("UTC"), Map.of(DayOfWeek.MONDAY, List.of(span(9, 12))), 30, 10);
        List<CalendarService.Slot> taken = List.of(new CalendarService.Slot(Instant.parse("2027-01-04T10:00:00Z"),
                Instant.parse("2027-01-04T10:30:00Z")));
        List<CalendarService.Slot> slots = Slots.free(c, Instant.parse("2027-01-04T09:10:00Z"), Duration.ofMinutes(30), 10,
                taken, 0);
        assertThat(slots).extracting(CalendarService.Slot::start).containsExactly(Instant.parse("2027-01-04T11:00:00Z"),
                Instant.parse("2027-01-04T11:30:00Z"));
    }
}
