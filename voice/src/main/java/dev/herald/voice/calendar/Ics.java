package dev.herald.voice.calendar;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * iCalendar (RFC 5545) text for a calendar's feed and for one booking: CRLF line ends, content
 * lines folded at 75 octets without splitting a UTF-8 sequence (3.1), TEXT values escaped (3.3.11),
 * times in UTC ({@code 20261130T090000Z}) so no VTIMEZONE is needed. A cancelled booking stays in
 * the feed as {@code STATUS:CANCELLED} with a higher {@code SEQUENCE}, so subscribed clients drop it.
 */
final class Ics {
    static final String MEDIA_TYPE = "text/calendar; charset=utf-8";
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final int MAX_OCTETS = 75;

    private Ics() {
    }

    static String feed(Calendar calendar, List<Booking> bookings, String uidDomain) {
        StringBuilder out = new StringBuilder();
        head(out, "PUBLISH");
        line(out, "X-WR-CALNAME:" + text(calendar.name()));
        line(out, "X-WR-TIMEZONE:" + calendar.timeZone().getId());
        for (Booking b : bookings) {
            event(out, b, uidDomain);
        }
        line(out, "END:VCALENDAR");
        return out.toString();
    }

    static String invite(Booking booking, String uidDomain) {
        StringBuilder out = new StringBuilder();
        head(out, booking.status().equals(Booking.CANCELLED) ? "CANCEL" : "PUBLISH");
        event(out, booking, uidDomain);
        line(out, "END:VCALENDAR");
        return out.toString();
    }

    private static void head(StringBuilder out, String method) {
        line(out, "BEGIN:VCALENDAR");
        line(out, "VERSION:2.0");
        line(out, "PRODID:-//Herald//Voice Calendar//EN");
        line(out, "CALSCALE:GREGORIAN");
        line(out, "METHOD:" + method);
    }

    private static void event(StringBuilder out, Booking b, String uidDomain) {
        line(out, "BEGIN:VEVENT");
        line(out, "UID:" + b.id() + "@" + uidDomain);
        line(out, "DTSTAMP:" + utc(b.updatedAt()));
        line(out, "DTSTART:" + utc(b.start()));
        line(out, "DTEND:" + utc(b.end()));
        line(out, "SUMMARY:" + text(b.title()));
        StringBuilder description = new StringBuilder();
        if (b.attendeeName() != null) {
            description.append("With ").append(b.attendeeName()).append('.');
        }
        if (b.leadId() != null) {
            description.append(description.isEmpty() ? "" : "\n").append("Lead: ").append(b.leadId());
        }
        if (b.notes() != null) {
            description.append(description.isEmpty() ? "" : "\n").append(b.notes());
        }
        if (!description.isEmpty()) {
            line(out, "DESCRIPTION:" + text(description.toString()));
        }
        if (b.attendeeEmail() != null) {
            String cn = b.attendeeName() == null ? "" : ";CN=" + param(b.attendeeName());
            line(out, "ATTENDEE" + cn + ":mailto:" + b.attendeeEmail());
        }
        line(out, "STATUS:" + (b.status().equals(Booking.CANCELLED) ? "CANCELLED" : "CONFIRMED"));
        line(out, "SEQUENCE:" + b.sequence());
        line(out, "CREATED:" + utc(b.createdAt()));
        line(out, "LAST-MODIFIED:" + utc(b.updatedAt()));
        line(out, "TRANSP:OPAQUE");
        line(out, "END:VEVENT");
    }

    static String utc(Instant t) {
        return UTC.format(t);
    }

    /** A TEXT value: backslash, semicolon, comma and line ends escaped (3.3.11). */
    static String text(String s) {
        return s.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
                .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n");
    }

    /** A parameter value: quoted when it holds ; : or , and never a double quote (3.2). */
    private static String param(String s) {
        String clean = s.replace("\"", "'");
        return clean.matches(".*[;:,].*") ? "\"" + clean + "\"" : clean;
    }

    /** Appends one content line, folded: a CRLF and a space before any octet past 75 on a line. */
    static void line(StringBuilder out, String content) {
        int octets = 0;
        for (int i = 0; i < content.length(); ) {
            int cp = content.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > MAX_OCTETS) {
                out.append("\r\n ");
                octets = 1;
            }
            out.appendCodePoint(cp);
            octets += size;
            i += Character.charCount(cp);
        }
        out.append("\r\n");
    }
}
