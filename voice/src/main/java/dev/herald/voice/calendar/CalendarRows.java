package dev.herald.voice.calendar;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.platform.domain.NotFound;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Reading calendar and booking rows (every lookup scoped by workspace), and the stored JSON of working hours. */
final class CalendarRows {
    private static final TypeReference<Map<String, List<WorkingHours.SpanText>>> HOURS = new TypeReference<>() {
    };
    private final ObjectMapper mapper;

    CalendarRows(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    Calendar find(Handle h, String ws, String id) {
        return findOptional(h, ws, id).orElseThrow(() -> new NotFound("no calendar " + id));
    }

    Optional<Calendar> findOptional(Handle h, String ws, String id) {
        return h.createQuery("SELECT * FROM voice_calendars WHERE id = :id AND workspace_id = :ws")
                .bind("id", id).bind("ws", ws).map((rs, ctx) -> calendar(rs)).findOne();
    }

    Optional<Calendar> findDefault(Handle h, String ws) {
        return h.createQuery("SELECT * FROM voice_calendars WHERE default_for = :ws")
                .bind("ws", ws).map((rs, ctx) -> calendar(rs)).findOne();
    }

    static Booking findBooking(Handle h, String ws, String calendarId, String bookingId) {
        return h.createQuery("SELECT * FROM voice_bookings WHERE id = :id AND calendar_id = :c AND workspace_id = :ws")
                .bind("id", bookingId).bind("c", calendarId).bind("ws", ws)
                .map((rs, ctx) -> booking(rs)).findOne()
                .orElseThrow(() -> new NotFound("no booking " + bookingId + " on calendar " + calendarId));
    }

    Calendar calendar(ResultSet rs) throws SQLException {
        WorkingHours hours;
        try {
            hours = WorkingHours.fromWire("working_hours", mapper.readValue(rs.getString("working_hours"), HOURS));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored working hours are not JSON", e);
        }
        return new Calendar(rs.getString("id"), rs.getString("name"), ZoneId.of(rs.getString("time_zone")), hours,
                rs.getInt("slot_minutes"), rs.getInt("buffer_minutes"), rs.getString("default_for") != null,
                Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")));
    }

    static Booking booking(ResultSet rs) throws SQLException {
        return new Booking(rs.getString("id"), rs.getString("calendar_id"), Instant.ofEpochMilli(rs.getLong("start_at")),
                Instant.ofEpochMilli(rs.getLong("end_at")), rs.getString("time_zone"), rs.getString("status"),
                rs.getString("lead_id"), rs.getString("title"), rs.getString("attendee_name"),
                rs.getString("attendee_email"), rs.getString("notes"), rs.getInt("sequence"),
                Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")));
    }

    String json(WorkingHours hours) {
        try {
            return mapper.writeValueAsString(hours.toWire());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
