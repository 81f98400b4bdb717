package dev.herald.voice.calendar;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.herald.platform.Feature;
import dev.herald.platform.auth.Caller;
import dev.herald.platform.domain.Invalid;
import dev.herald.platform.http.FieldCheck;
import dev.herald.platform.http.Idempotency;
import dev.herald.platform.http.JsonBody;
import dev.herald.platform.http.PageRequest;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * The built-in calendar over HTTP, under {@code /api/v1/voice/calendars}: calendars (create, list,
 * get, merge-patch), their free slots, bookings (list, get, book, cancel) and iCalendar views (the
 * calendar's feed {@code calendar.ics}, one booking's {@code invite.ics}).
 */
public final class CalendarRoutes implements Feature {
    private static final String BASE = "/api/v1/voice/calendars";
    static final int DEFAULT_SLOTS = 10;
    private final CalendarService calendars;
    private final JsonBody json;
    private final Idempotency idempotency;

    public CalendarRoutes(CalendarService calendars, JsonBody json, Idempotency idempotency) {
        this.calendars = calendars;
        this.json = json;
        this.idempotency = idempotency;
    }

    @Override
    public void routes(JavalinDefaultRouting router) {
        router.post(BASE, this::create);
        router.get(BASE, this::list);
        router.get(BASE + "/{id}", this::get);
        router.patch(BASE + "/{id}", this::update);
        router.get(BASE + "/{id}/availability", this::availability);
        router.get(BASE + "/{id}/bookings", this::bookings);
        router.post(BASE + "/{id}/bookings", this::book);
        router.get(BASE + "/{id}/bookings/{booking_id}", this::booking);
        router.delete(BASE + "/{id}/bookings/{booking_id}", this::cancel);
        router.get(BASE + "/{id}/bookings/{booking_id}/invite.ics", this::invite);
        router.get(BASE + "/{id}/calendar.ics", this::feed);
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CalendarBody(String name, String timeZone, Map<String, List<WorkingHours.SpanText>> workingHours,
                        Integer slotMinutes, Integer bufferMinutes) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record BookingBody(String start, String end, String timeZone, String leadId, String title, String attendeeName,
                       String attendeeEmail, String notes) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Availability(String calendarId, String timeZone, List<CalendarService.Slot> data) {
    }

    private void create(Context ctx) {
        Caller caller = Caller.of(ctx);
        CalendarSpec spec = spec(json.read(ctx, CalendarBody.class), true);
        idempotency.respond(ctx, caller, () -> Idempotency.Outcome.created(calendars.create(caller.workspaceId(), spec)));
    }

    private void update(Context ctx) {
        Caller caller = Caller.of(ctx);
        String id = ctx.pathParam("id");
        CalendarSpec patch = spec(json.read(ctx, CalendarBody.class), false);
        idempotency.respond(ctx, caller, () -> Idempotency.Outcome.of(200, calendars.update(caller.workspaceId(), id, patch)));
    }

    /** The body's settings, every bad member named at once. */
    private static CalendarSpec spec(CalendarBody b, boolean creating) {
        FieldCheck check = new FieldCheck();
        if (creating) {
            check.required("name", b.name()).required("time_zone", b.timeZone());
        }
        ZoneId zone = b.timeZone() == null ? null : zone(check, "time_zone", b.timeZone());
        WorkingHours hours = null;
        if (b.workingHours() != null) {
            try {
                hours = WorkingHours.fromWire("working_hours", b.workingHours());
            } catch (Invalid e) {
                e.errors().forEach(f -> check.fail(f.field(), f.reason()));
            }
        }
        check.throwIfAny();
        return new CalendarSpec(b.name(), zone, hours, b.slotMinutes(), b.bufferMinutes());
    }

    /** An IANA region (never a fixed offset: it would not follow daylight saving). */
    private static ZoneId zone(FieldCheck check, String field, String text) {
        try {
            ZoneId z = ZoneId.of(text);
            if (!(z instanceof ZoneOffset) && !text.startsWith("UTC+") && !text.startsWith("UTC-")
                    && !text.startsWith("GMT+") && !text.startsWith("GMT-")) {
                return z;
            }
        } catch (DateTimeException e) {
            // named below
        }
        check.fail(field, "must be an IANA time zone such as Europe/Berlin or UTC");
        return null;
    }

    private void list(Context ctx) {
        ctx.json(calendars.list(Caller.of(ctx).workspaceId(), PageRequest.from(ctx)));
    }

    private void get(Context ctx) {
        ctx.json(calendars.get(Caller.of(ctx).workspaceId(), ctx.pathParam("id")));
    }

    private void availability(Context ctx) {
        String ws = Caller.of(ctx).workspaceId();
        String id = ctx.pathParam("id");
        FieldCheck check = new FieldCheck();
        Instant from = ctx.queryParam("from") == null ? null : instant(check, "from", ctx.queryParam("from"));
        Integer length = integer(check, "length_minutes", ctx.queryParam("length_minutes"));
        Integer limit = integer(check, "limit", ctx.queryParam("limit"));
        check.throwIfAny();
        Calendar c = calendars.get(ws, id);
        List<CalendarService.Slot> slots = calendars.availability(ws, id, from,
                length == null ? null : Duration.ofMinutes(length), limit == null ? DEFAULT_SLOTS : limit);
        ctx.json(new Availability(c.id(), c.timeZone().getId(), slots));
    }

    private void bookings(Context ctx) {
        ctx.json(calendars.bookings(Caller.of(ctx).workspaceId(), ctx.pathParam("id"), ctx.queryParam("status"),
                PageRequest.from(ctx)));
    }

    private void booking(Context ctx) {
        ctx.json(calendars.booking(Caller.of(ctx).workspaceId(), ctx.pathParam("id"), ctx.pathParam("booking_id")));
    }

    private void book(Context ctx) {
        Caller caller = Caller.of(ctx);
        String id = ctx.pathParam("id");
        BookingBody b = json.read(ctx, BookingBody.class);
        FieldCheck check = new FieldCheck();
        Instant start = b.start() == null ? null : instant(check, "start", b.start());
        Instant end = b.end() == null ? null : instant(check, "end", b.end());
        ZoneId zone = b.timeZone() == null ? null : zone(check, "time_zone", b.timeZone());
        BookingRequest request = new BookingRequest(start, end, zone, b.leadId(), b.title(), b.attendeeName(),
                b.attendeeEmail(), b.notes());
        request.errors().stream()
                .filter(e -> !(e.field().equals("start") && b.start() != null))
                .forEach(e -> check.fail(e.field(), e.reason()));
        check.throwIfAny();
        idempotency.respond(ctx, caller, () -> Idempotency.Outcome.created(calendars.book(caller.workspaceId(), id, request)));
    }

    private void cancel(Context ctx) {
        Caller caller = Caller.of(ctx);
        String id = ctx.pathParam("id");
        String bookingId = ctx.pathParam("booking_id");
        idempotency.respond(ctx, caller, () -> Idempotency.Outcome.of(200,
                calendars.cancel(caller.workspaceId(), id, bookingId)));
    }

    private void feed(Context ctx) {
        String body = calendars.feed(Caller.of(ctx).workspaceId(), ctx.pathParam("id"));
        ctx.contentType(Ics.MEDIA_TYPE).header("Content-Disposition", "inline; filename=\"calendar.ics\"").result(body);
    }

    private void invite(Context ctx) {
        String body = calendars.invite(Caller.of(ctx).workspaceId(), ctx.pathParam("id"), ctx.pathParam("booking_id"));
        ctx.contentType(Ics.MEDIA_TYPE).header("Content-Disposition", "attachment; filename=\"invite.ics\"").result(body);
    }

    /** An RFC 3339 date-time with an offset ({@code Z} or {@code +02:00}). */
    private static Instant instant(FieldCheck check, String field, String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            check.fail(field, "must be an RFC 3339 date-time with an offset, such as 2026-12-01T09:00:00Z");
            return null;
        }
    }

    private static Integer integer(FieldCheck check, String field, String text) {
        if (text == null) {
            return null;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            check.fail(field, "must be an integer");
            return null;
        }
    }
}
