package dev.herald.voice.calendar;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.platform.domain.Conflict;
import dev.herald.platform.domain.FieldError;
import dev.herald.platform.domain.Invalid;
import dev.herald.platform.http.Page;
import dev.herald.platform.http.PageRequest;
import dev.herald.platform.store.Database;
import dev.herald.platform.store.Ids;
import dev.herald.voice.core.qualifier.CalendarTool;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The built-in calendar: calendars per workspace (zone, working hours, slot length, buffer), their
 * free slots and bookings, and iCalendar views. Booking is atomic on both stores: the booker takes
 * the calendar row's lock (an UPDATE of {@code bookings_version}; on SQLite writes are serialized
 * anyway), checks for an overlapping live booking (buffer included) and inserts, all in one
 * transaction; a unique index on (calendar, live start) backs it up. Thread-safe.
 */
public final class CalendarService {
    /** How far ahead availability looks. */
    public static final int HORIZON_DAYS = 60;
    public static final int MAX_SLOTS = 50;
    public static final String DEFAULT_NAME = "Default";
    private static final int FEED_PAST_DAYS = 180;
    private static final int FEED_MAX_EVENTS = 2000;

    private final Database db;
    private final Clock clock;
    private final Ids ids;
    private final CalendarRows records;
    private final String uidDomain;

    /** @param uidDomain the right-hand side of iCalendar UIDs ({@code bkg_...@uidDomain}), e.g. the install's host name */
    public CalendarService(Database db, Clock clock, Ids ids, ObjectMapper mapper, String uidDomain) {
        this.db = db;
        this.clock = clock;
        this.ids = ids;
        this.records = new CalendarRows(mapper);
        this.uidDomain = uidDomain;
    }

    // ---- calendars

    public Calendar create(String ws, CalendarSpec spec) {
        List<FieldError> errors = check(spec);
        if (spec.name() == null) {
            errors.add(new FieldError("name", "is required"));
        }
        if (spec.timeZone() == null) {
            errors.add(new FieldError("time_zone", "is required"));
        }
        if (!errors.isEmpty()) {
            throw new Invalid(errors);
        }
        Instant now = now();
        Calendar c = new Calendar(ids.next("cal"), spec.name().strip(), spec.timeZone(),
                spec.hours() == null ? WorkingHours.officeHours() : spec.hours(),
                spec.slotMinutes() == null ? 30 : spec.slotMinutes(),
                spec.bufferMinutes() == null ? 0 : spec.bufferMinutes(), false, now, now);
        db.write(h -> insert(h, ws, c));
        return c;
    }

    /** The workspace's default calendar, created on first use: 09:00-17:00 Monday to Friday, UTC, 30-minute slots. */
    public Calendar defaultCalendar(String ws) {
        Optional<Calendar> existing = db.read(h -> records.findDefault(h, ws));
        if (existing.isPresent()) {
            return existing.get();
        }
        Instant now = now();
        Calendar c = new Calendar(ids.next("cal"), DEFAULT_NAME, ZoneId.of("UTC"), WorkingHours.officeHours(),
                30, 0, true, now, now);
        return db.write(h -> {
            insert(h, ws, c);
            return records.findDefault(h, ws).orElseThrow();
        });
    }

    private Void insert(Handle h, String ws, Calendar c) {
        // ON CONFLICT DO NOTHING: two first uses of a workspace race to create its default; one row wins.
        h.createUpdate("INSERT INTO voice_calendars (id, workspace_id, name, time_zone, working_hours, slot_minutes, "
                        + "buffer_minutes, default_for, created_at, updated_at) VALUES (:id, :ws, :name, :zone, :hours, "
                        + ":slot, :buffer, :defaultFor, :at, :at) ON CONFLICT DO NOTHING")
                .bind("id", c.id()).bind("ws", ws).bind("name", c.name()).bind("zone", c.timeZone().getId())
                .bind("hours", records.json(c.hours())).bind("slot", c.slotMinutes()).bind("buffer", c.bufferMinutes())
                .bind("defaultFor", c.isDefault() ? ws : null).bind("at", c.createdAt().toEpochMilli())
                .execute();
        return null;
    }

    public Page<Calendar> list(String ws, PageRequest page) {
        List<Calendar> rows = db.read(h -> h.createQuery("SELECT * FROM voice_calendars WHERE workspace_id = :ws "
                        + "AND id > :after ORDER BY id LIMIT :n")
                .bind("ws", ws).bind("after", page.afterOrEmpty()).bind("n", page.fetchSize())
                .map((rs, ctx) -> records.calendar(rs)).list());
        return Page.of(rows, page, Calendar::id);
    }

    public Calendar get(String ws, String id) {
        return db.read(h -> records.find(h, ws, id));
    }

    /** Applies a merge patch (null members keep their value). Existing bookings stay as booked. */
    public Calendar update(String ws, String id, CalendarSpec patch) {
        List<FieldError> errors = check(patch);
        if (!errors.isEmpty()) {
            throw new Invalid(errors);
        }
        return db.write(h -> {
            Calendar old = records.find(h, ws, id);
            Calendar c = new Calendar(old.id(), patch.name() == null ? old.name() : patch.name().strip(),
                    patch.timeZone() == null ? old.timeZone() : patch.timeZone(),
                    patch.hours() == null ? old.hours() : patch.hours(),
                    patch.slotMinutes() == null ? old.slotMinutes() : patch.slotMinutes(),
                    patch.bufferMinutes() == null ? old.bufferMinutes() : patch.bufferMinutes(), old.isDefault(),
                    old.createdAt(), old.equals(withTimes(old, patch)) ? old.updatedAt() : now());
            h.createUpdate("UPDATE voice_calendars SET name = :name, time_zone = :zone, working_hours = :hours, "
                            + "slot_minutes = :slot, buffer_minutes = :buffer, updated_at = :at WHERE id = :id")
                    .bind("name", c.name()).bind("zone", c.timeZone().getId()).bind("hours", records.json(c.hours()))
                    .bind("slot", c.slotMinutes()).bind("buffer", c.bufferMinutes())
                    .bind("at", c.updatedAt().toEpochMilli()).bind("id", id).execute();
            return c;
        });
    }

    /** The calendar as it would be after the patch, with the old times: equal to the old one when nothing changes. */
    private static Calendar withTimes(Calendar old, CalendarSpec p) {
        return new Calendar(old.id(), p.name() == null ? old.name() : p.name().strip(),
                p.timeZone() == null ? old.timeZone() : p.timeZone(), p.hours() == null ? old.hours() : p.hours(),
                p.slotMinutes() == null ? old.slotMinutes() : p.slotMinutes(),
                p.bufferMinutes() == null ? old.bufferMinutes() : p.bufferMinutes(), old.isDefault(),
                old.createdAt(), old.updatedAt());
    }

    private static List<FieldError> check(CalendarSpec s) {
        List<FieldError> errors = new ArrayList<>();
        if (s.name() != null) {
            if (s.name().isBlank()) {
                errors.add(new FieldError("name", "must not be blank"));
            } else if (s.name().strip().length() > CalendarSpec.MAX_NAME_CHARS) {
                errors.add(new FieldError("name", "must be at most " + CalendarSpec.MAX_NAME_CHARS + " characters"));
            } else if (s.name().chars().anyMatch(Character::isISOControl)) {
                errors.add(new FieldError("name", "must not contain control characters"));
            }
        }
        if (s.slotMinutes() != null && (s.slotMinutes() < CalendarSpec.MIN_SLOT_MINUTES
                || s.slotMinutes() > CalendarSpec.MAX_SLOT_MINUTES)) {
            errors.add(new FieldError("slot_minutes", "must be from " + CalendarSpec.MIN_SLOT_MINUTES + " to "
                    + CalendarSpec.MAX_SLOT_MINUTES));
        }
        if (s.bufferMinutes() != null && (s.bufferMinutes() < 0 || s.bufferMinutes() > CalendarSpec.MAX_BUFFER_MINUTES)) {
            errors.add(new FieldError("buffer_minutes", "must be from 0 to " + CalendarSpec.MAX_BUFFER_MINUTES));
        }
        return errors;
    }

    /** Fails unless {@code connectorId} names a calendar of the workspace (a 422 naming {@code calendar_connector_id}). */
    public void requireExists(String ws, String connectorId) {
        if (connectorId == null || connectorId.isBlank()) {
            throw new Invalid("calendar_connector_id", "is required");
        }
        if (db.read(h -> records.findOptional(h, ws, connectorId)).isEmpty()) {
            throw new Invalid("calendar_connector_id", "names no calendar of this workspace");
        }
    }

    // ---- availability and bookings

    /** A free slot. */
    public record Slot(Instant start, Instant end) {
    }

    /**
     * Up to {@code max} free slots of {@code length} (null: the calendar's slot) starting at or after
     * {@code from}, earliest first: the working-hour spans stepped by the slot length, minus every
     * live booking widened by the buffer, within {@link #HORIZON_DAYS}. {@code from} null or past means
     * now: a past slot cannot be booked, so it is never offered.
     */
    public List<Slot> availability(String ws, String calendarId, Instant fromOrNull, Duration length, int max) {
        Instant now = now();
        Instant from = fromOrNull == null || fromOrNull.isBefore(now) ? now : fromOrNull;
        if (max < 1 || max > MAX_SLOTS) {
            throw new Invalid("limit", "must be an integer from 1 to " + MAX_SLOTS);
        }
        return db.read(h -> {
            Calendar c = records.find(h, ws, calendarId);
            Duration len = length == null ? c.slot() : length;
            if (len.toMinutes() < 1 || len.toMinutes() > BookingRequest.MAX_LENGTH_MINUTES) {
                throw new Invalid("length_minutes", "must be from 1 to " + BookingRequest.MAX_LENGTH_MINUTES);
            }
            Instant horizon = from.plus(Duration.ofDays(HORIZON_DAYS + 1));
            List<Slot> taken = h.createQuery("SELECT start_at, end_at FROM voice_bookings WHERE calendar_id = :c "
                            + "AND status = 'booked' AND end_at > :from AND start_at < :to ORDER BY start_at")
                    .bind("c", c.id()).bind("from", from.minus(c.buffer()).toEpochMilli())
                    .bind("to", horizon.plus(c.buffer()).toEpochMilli())
                    .map((rs, ctx) -> new Slot(Instant.ofEpochMilli(rs.getLong(1)), Instant.ofEpochMilli(rs.getLong(2))))
                    .list();
            return Slots.free(c, from, len, max, taken, HORIZON_DAYS);
        });
    }

    /**
     * Books a meeting: inside working hours, not in the past, and overlapping no live booking (buffer
     * included). {@link Conflict} when the time is taken; {@link Invalid} naming the field otherwise.
     */
    public Booking book(String ws, String calendarId, BookingRequest request) {
        // Stored to the millisecond; cut here so the answer shows what is stored.
        BookingRequest r = new BookingRequest(millis(request.start()), millis(request.end()), request.zone(),
                request.leadId(), request.title(), request.attendeeName(), request.attendeeEmail(), request.notes());
        List<FieldError> errors = r.errors();
        if (!errors.isEmpty()) {
            throw new Invalid(errors);
        }
        Instant now = now();
        return db.write(h -> {
            Calendar c = records.find(h, ws, calendarId);
            Instant end = r.end() == null ? r.start().plus(c.slot()) : r.end();
            if (!end.isAfter(r.start())) {
                throw new Invalid("end", "must be after start");
            }
            if (Duration.between(r.start(), end).toMinutes() > BookingRequest.MAX_LENGTH_MINUTES) {
                throw new Invalid("end", "must be at most " + BookingRequest.MAX_LENGTH_MINUTES + " minutes after start");
            }
            if (r.start().isBefore(now)) {
                throw new Invalid("start", "is in the past");
            }
            if (!c.hours().contains(c.timeZone(), r.start(), end)) {
                throw new Invalid("start", "is outside the calendar's working hours (" + c.timeZone().getId() + ")");
            }
            // The calendar row's lock: concurrent bookers of this calendar queue here (PostgreSQL);
            // SQLite's writes are serialized already.
            h.createUpdate("UPDATE voice_calendars SET bookings_version = bookings_version + 1 WHERE id = :id")
                    .bind("id", c.id()).execute();
            boolean taken = h.createQuery("SELECT count(*) FROM voice_bookings WHERE calendar_id = :c AND status = 'booked' "
                            + "AND start_at < :end AND end_at > :start")
                    .bind("c", c.id()).bind("start", r.start().minus(c.buffer()).toEpochMilli())
                    .bind("end", end.plus(c.buffer()).toEpochMilli())
                    .mapTo(Long.class).one() > 0;
            if (taken) {
                throw new Conflict("the calendar is already booked between " + r.start() + " and " + end
                        + (c.bufferMinutes() > 0 ? " (with its " + c.bufferMinutes() + "-minute buffer)" : ""));
            }
            Booking b = new Booking(ids.next("bkg"), c.id(), r.start(), end,
                    (r.zone() == null ? c.timeZone() : r.zone()).getId(), Booking.BOOKED, r.leadId(),
                    r.title() == null ? BookingRequest.DEFAULT_TITLE : r.title().strip(), r.attendeeName(),
                    r.attendeeEmail(), r.notes(), 0, now, now);
            try {
                h.createUpdate("INSERT INTO voice_bookings (id, workspace_id, calendar_id, start_at, end_at, live_start, "
                                + "time_zone, status, lead_id, title, attendee_name, attendee_email, notes, sequence, "
                                + "created_at, updated_at) VALUES (:id, :ws, :cal, :start, :end, :start, :zone, :status, "
                                + ":lead, :title, :name, :email, :notes, 0, :at, :at)")
                        .bind("id", b.id()).bind("ws", ws).bind("cal", c.id()).bind("start", b.start().toEpochMilli())
                        .bind("end", b.end().toEpochMilli()).bind("zone", b.timeZone()).bind("status", b.status())
                        .bind("lead", b.leadId()).bind("title", b.title()).bind("name", b.attendeeName())
                        .bind("email", b.attendeeEmail()).bind("notes", b.notes()).bind("at", now.toEpochMilli())
                        .execute();
            } catch (RuntimeException e) {
                // The unique (calendar, live start) index is the backstop of the locked check above.
                if (Database.isUniqueViolation(e)) {
                    throw new Conflict("the calendar is already booked at " + r.start());
                }
                throw e;
            }
            return b;
        });
    }

    private static Instant millis(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.MILLIS);
    }

    /** Cancels a booking (its time is free again at once); cancelling a cancelled booking changes nothing. */
    public Booking cancel(String ws, String calendarId, String bookingId) {
        return db.write(h -> {
            Booking b = CalendarRows.findBooking(h, ws, calendarId, bookingId);
            if (b.status().equals(Booking.CANCELLED)) {
                return b;
            }
            h.createUpdate("UPDATE voice_calendars SET bookings_version = bookings_version + 1 WHERE id = :id")
                    .bind("id", calendarId).execute();
            h.createUpdate("UPDATE voice_bookings SET status = 'cancelled', live_start = NULL, sequence = sequence + 1, "
                            + "updated_at = :at WHERE id = :id")
                    .bind("at", now().toEpochMilli()).bind("id", bookingId).execute();
            return CalendarRows.findBooking(h, ws, calendarId, bookingId);
        });
    }

    /** The calendar's bookings by id; {@code status} null for all, else {@code booked} or {@code cancelled}. */
    public Page<Booking> bookings(String ws, String calendarId, String status, PageRequest page) {
        if (status != null && !status.equals(Booking.BOOKED) && !status.equals(Booking.CANCELLED)) {
            throw new Invalid("status", "must be booked or cancelled");
        }
        List<Booking> rows = db.read(h -> {
            records.find(h, ws, calendarId);
            return h.createQuery("SELECT * FROM voice_bookings WHERE calendar_id = :c AND id > :after "
                            + (status == null ? "" : "AND status = :status ") + "ORDER BY id LIMIT :n")
                    .bind("c", calendarId).bind("after", page.afterOrEmpty()).bind("status", status)
                    .bind("n", page.fetchSize())
                    .map((rs, ctx) -> CalendarRows.booking(rs)).list();
        });
        return Page.of(rows, page, Booking::id);
    }

    public Booking booking(String ws, String calendarId, String bookingId) {
        return db.read(h -> CalendarRows.findBooking(h, ws, calendarId, bookingId));
    }

    /** The calendar's iCalendar feed: bookings ending in the last 180 days or later, cancelled ones included. */
    public String feed(String ws, String calendarId) {
        return db.read(h -> {
            Calendar c = records.find(h, ws, calendarId);
            List<Booking> rows = h.createQuery("SELECT * FROM voice_bookings WHERE calendar_id = :c AND end_at > :since "
                            + "ORDER BY start_at, id LIMIT :n")
                    .bind("c", c.id()).bind("since", now().minus(Duration.ofDays(FEED_PAST_DAYS)).toEpochMilli())
                    .bind("n", FEED_MAX_EVENTS)
                    .map((rs, ctx) -> CalendarRows.booking(rs)).list();
            return Ics.feed(c, rows, uidDomain);
        });
    }

    /** One booking as an iCalendar object (an email attachment or a download). */
    public String invite(String ws, String calendarId, String bookingId) {
        return Ics.invite(booking(ws, calendarId, bookingId), uidDomain);
    }

    // ---- the agent's tool

    /**
     * The calendar behind the agent's {@code check_availability} and {@code book_meeting}: the
     * workspace's default calendar (created on first use) when {@code connectorIdOrNull} is null,
     * else the named calendar ({@link #requireExists}).
     */
    public CalendarTool tool(String ws, String connectorIdOrNull) {
        String calendarId;
        if (connectorIdOrNull == null) {
            calendarId = defaultCalendar(ws).id();
        } else {
            requireExists(ws, connectorIdOrNull);
            calendarId = connectorIdOrNull;
        }
        return new StoredCalendarTool(this, ws, calendarId);
    }

    /** Now, to the millisecond: what the store keeps, so an answer and a later read agree. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
