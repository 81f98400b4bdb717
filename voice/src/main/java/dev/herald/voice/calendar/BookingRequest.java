package dev.herald.voice.calendar;

import dev.herald.platform.domain.FieldError;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A meeting to book: {@code end} null means one slot long; {@code zone} null means the calendar's.
 * Optional texts (lead, title, attendee, notes) may be null.
 */
public record BookingRequest(Instant start, Instant end, ZoneId zone, String leadId, String title, String attendeeName,
                             String attendeeEmail, String notes) {
    public static final int MAX_LENGTH_MINUTES = 8 * 60;
    public static final String DEFAULT_TITLE = "Meeting";
    private static final Pattern EMAIL = Pattern.compile("[^@\\s:;,<>\"]+@[^@\\s:;,<>\"]+\\.[^@\\s:;,<>\"]+");

    /**
     * What is wrong with the request on its own (before its calendar is read), by wire field name:
     * the routes report these beside their own parsing errors in one answer.
     */
    public List<FieldError> errors() {
        List<FieldError> errors = new ArrayList<>();
        if (start == null) {
            errors.add(new FieldError("start", "is required"));
        }
        text(errors, "lead_id", leadId, 40, false);
        text(errors, "title", title, 200, false);
        text(errors, "attendee_name", attendeeName, 200, false);
        text(errors, "attendee_email", attendeeEmail, 254, false);
        text(errors, "notes", notes, 2000, true);
        if (attendeeEmail != null && !attendeeEmail.isBlank() && !EMAIL.matcher(attendeeEmail).matches()) {
            errors.add(new FieldError("attendee_email", "must be an email address"));
        }
        return errors;
    }

    private static void text(List<FieldError> errors, String field, String value, int max, boolean lines) {
        if (value == null) {
            return;
        }
        if (value.isBlank()) {
            errors.add(new FieldError(field, "must not be blank (leave it out instead)"));
        } else if (value.length() > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
        } else if (value.chars().anyMatch(ch -> Character.isISOControl(ch) && !(lines && ch == '\n'))) {
            errors.add(new FieldError(field, "must not contain control characters"));
        }
    }
}
