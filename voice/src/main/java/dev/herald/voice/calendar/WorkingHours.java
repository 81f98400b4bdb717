package dev.herald.voice.calendar;

import dev.herald.platform.domain.FieldError;
import dev.herald.platform.domain.Invalid;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * When a calendar takes meetings: per weekday, up to {@link #MAX_SPANS_PER_DAY} non-overlapping
 * spans of wall-clock time in the calendar's zone (a lunch break is two spans). A day without
 * spans is closed. On the wire: {@code {"monday": [{"start": "09:00", "end": "17:00"}], ...}}.
 */
public record WorkingHours(Map<DayOfWeek, List<Span>> days) {
    public static final int MAX_SPANS_PER_DAY = 4;
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    /** One open span of a day, {@code start < end}. */
    public record Span(LocalTime start, LocalTime end) {
    }

    /** The wire form of a span: {@code {"start": "HH:MM", "end": "HH:MM"}}. */
    public record SpanText(String start, String end) {
    }

    public WorkingHours {
        EnumMap<DayOfWeek, List<Span>> copy = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            copy.put(d, List.copyOf(days.getOrDefault(d, List.of())));
        }
        days = copy;
    }

    /** 09:00-17:00 Monday to Friday: the default calendar's hours. */
    public static WorkingHours officeHours() {
        Map<DayOfWeek, List<Span>> days = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY)) {
            days.put(d, List.of(new Span(LocalTime.of(9, 0), LocalTime.of(17, 0))));
        }
        return new WorkingHours(days);
    }

    public List<Span> on(DayOfWeek day) {
        return days.get(day);
    }

    /** The wire form, every weekday present (closed days as empty lists), Monday first. */
    public Map<String, List<SpanText>> toWire() {
        Map<String, List<SpanText>> out = new LinkedHashMap<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            out.put(d.name().toLowerCase(Locale.ROOT), days.get(d).stream()
                    .map(s -> new SpanText(HH_MM.format(s.start()), HH_MM.format(s.end()))).toList());
        }
        return out;
    }

    /** Reads the wire form; every bad member is named ({@code field.monday[0].start}) in one {@link Invalid}. */
    public static WorkingHours fromWire(String field, Map<String, List<SpanText>> wire) {
        List<FieldError> errors = new ArrayList<>();
        Map<DayOfWeek, List<Span>> days = new EnumMap<>(DayOfWeek.class);
        for (Map.Entry<String, List<SpanText>> e : wire.entrySet()) {
            String at = field + "." + e.getKey();
            DayOfWeek day = day(e.getKey());
            if (day == null) {
                errors.add(new FieldError(at, "is not a weekday (monday to sunday)"));
                continue;
            }
            List<SpanText> spans = e.getValue() == null ? List.of() : e.getValue();
            if (spans.size() > MAX_SPANS_PER_DAY) {
                errors.add(new FieldError(at, "must have at most " + MAX_SPANS_PER_DAY + " spans"));
                continue;
            }
            List<Span> parsed = new ArrayList<>();
            for (int i = 0; i < spans.size(); i++) {
                String spanAt = at + "[" + i + "]";
                SpanText t = spans.get(i);
                if (t == null) {
                    errors.add(new FieldError(spanAt, "must be an object {start, end}"));
                    continue;
                }
                LocalTime start = time(spanAt + ".start", t.start(), errors);
                LocalTime end = time(spanAt + ".end", t.end(), errors);
                if (start == null || end == null) {
                    continue;
                }
                if (!end.isAfter(start)) {
                    errors.add(new FieldError(spanAt + ".end", "must be after start"));
                } else if (!parsed.isEmpty() && start.isBefore(parsed.getLast().end())) {
                    errors.add(new FieldError(spanAt + ".start", "must not be before the previous span's end (spans in order, no overlap)"));
                } else {
                    parsed.add(new Span(start, end));
                }
            }
            days.put(day, parsed);
        }
        if (errors.isEmpty() && days.values().stream().allMatch(List::isEmpty)) {
            errors.add(new FieldError(field, "must open on at least one day"));
        }
        if (!errors.isEmpty()) {
            throw new Invalid(errors);
        }
        return new WorkingHours(days);
    }

    private static DayOfWeek day(String name) {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().toLowerCase(Locale.ROOT).equals(name)) {
                return d;
            }
        }
        return null;
    }

    private static LocalTime time(String at, String text, List<FieldError> errors) {
        if (text == null) {
            errors.add(new FieldError(at, "is required"));
            return null;
        }
        if (!text.matches("[0-9]{2}:[0-9]{2}")) {
            errors.add(new FieldError(at, "must be a time HH:MM (00:00 to 23:59)"));
            return null;
        }
        try {
            return LocalTime.parse(text, HH_MM);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(at, "must be a time HH:MM (00:00 to 23:59)"));
            return null;
        }
    }

    /** True when [start, end) on {@code date}'s wall clock in {@code zone} lies inside one span of that day. */
    boolean contains(ZoneId zone, java.time.Instant start, java.time.Instant end) {
        LocalDate date = start.atZone(zone).toLocalDate();
        for (Span s : days.get(date.getDayOfWeek())) {
            var open = date.atTime(s.start()).atZone(zone).toInstant();
            var close = date.atTime(s.end()).atZone(zone).toInstant();
            if (!start.isBefore(open) && !end.isAfter(close)) {
                return true;
            }
        }
        return false;
    }
}
