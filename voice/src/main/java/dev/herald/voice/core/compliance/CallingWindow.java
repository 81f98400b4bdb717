package dev.herald.voice.core.compliance;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The local hours in which a lead may be called: from {@code opens} (inclusive) to {@code closes}
 * (exclusive) on the listed days, in the callee's wall-clock time. The default is 08:00-21:00 every
 * day, the TCPA rule. Windows do not cross midnight.
 *
 * <p>Daylight saving: the window is evaluated on the wall clock, so it follows the lead's clock
 * through a change. When {@code opens} falls in a spring-forward gap, the window opens at the
 * transition (the first instant the local time is past {@code opens}); in a fall-back overlap it
 * opens at the first of the two occurrences.
 */
public record CallingWindow(LocalTime opens, LocalTime closes, Set<DayOfWeek> days) {
    public static final CallingWindow TCPA_DEFAULT = new CallingWindow(LocalTime.of(8, 0), LocalTime.of(21, 0),
            EnumSet.allOf(DayOfWeek.class));

    /** How far ahead {@link #nextOpening} looks; a week and a day covers any weekly pattern. */
    static final int HORIZON_DAYS = 8;

    public CallingWindow {
        Objects.requireNonNull(opens, "opens");
        Objects.requireNonNull(closes, "closes");
        if (!opens.isBefore(closes)) {
            throw new IllegalArgumentException("a calling window must open before it closes");
        }
        if (days.isEmpty()) {
            throw new IllegalArgumentException("a calling window needs at least one day");
        }
        days = Set.copyOf(days);
    }

    public static CallingWindow daily(LocalTime opens, LocalTime closes) {
        return new CallingWindow(opens, closes, EnumSet.allOf(DayOfWeek.class));
    }

    /** True when a call may start at {@code at}, leaving {@code margin} before the window closes. */
    public boolean isOpen(Instant at, ZoneId zone, Duration margin) {
        ZonedDateTime local = at.atZone(zone);
        LocalTime time = local.toLocalTime();
        LocalTime lastStart = closes.minus(margin);
        return days.contains(local.getDayOfWeek())
                && !time.isBefore(opens)
                && time.isBefore(lastStart)
                && !lastStart.isAfter(closes); // a margin longer than the day wraps; treat as closed
    }

    /** The first instant at or after {@code now} when the window is open, within the horizon. */
    public Optional<Instant> nextOpening(Instant now, ZoneId zone, Duration margin) {
        if (isOpen(now, zone, margin)) {
            return Optional.of(now);
        }
        return openings(now, zone).filter(t -> isOpen(t, zone, margin)).findFirst();
    }

    /** The instants the window opens in {@code zone}, from the day before {@code now} on, in order. */
    java.util.stream.Stream<Instant> openings(Instant now, ZoneId zone) {
        LocalDate today = now.atZone(zone).toLocalDate();
        return java.util.stream.IntStream.rangeClosed(-1, HORIZON_DAYS)
                .mapToObj(today::plusDays)
                .filter(d -> days.contains(d.getDayOfWeek()))
                .map(d -> openingInstant(d, zone))
                .filter(t -> !t.isBefore(now));
    }

    private Instant openingInstant(LocalDate date, ZoneId zone) {
        LocalDateTime local = date.atTime(opens);
        ZoneRules rules = zone.getRules();
        if (rules.getValidOffsets(local).isEmpty()) {
            ZoneOffsetTransition gap = rules.getTransition(local);
            return gap.getInstant();
        }
        return ZonedDateTime.ofLocal(local, zone, null).withEarlierOffsetAtOverlap().toInstant();
    }
}
