package dev.herald.voice.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.platform.auth.IssuedKey;
import dev.herald.platform.domain.Invalid;
import dev.herald.server.testing.Http;
import dev.herald.server.testing.RunningHerald;
import dev.herald.voice.core.call.MeetingSlot;
import dev.herald.voice.core.qualifier.CalendarTool;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The built-in calendar over a real port on each store: settings, availability as working hours
 * minus bookings and buffers, booking by API and by the agent's tool with no double booking under
 * concurrency, cancellation, the default calendar made once on first use, and RFC 5545 output.
 */
abstract class CalendarContract extends RunningHerald {
    private static final String BASE = "/api/v1/voice/calendars";

    private IssuedKey workspace() {
        return herald.services().bootstrap().createKey("ws-" + UUID.randomUUID(), null, "admin");
    }

    /** A Monday at least a week ahead, so every slot of it is in the future. */
    private static LocalDate monday() {
        return LocalDate.now(ZoneOffset.UTC).plusDays(7).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
    }

    private static Instant at(LocalDate day, int hour, int minute) {
        return day.atTime(hour, minute).toInstant(ZoneOffset.UTC);
    }

    private String calendar(String key, String json) {
        Http.Response r = http.post(BASE, key, json);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("id").asText();
    }

    private static final String MORNINGS = "{\"name\":\"Mornings\",\"time_zone\":\"UTC\",\"slot_minutes\":30,"
            + "\"buffer_minutes\":15,\"working_hours\":{\"monday\":[{\"start\":\"09:00\",\"end\":\"12:00\"}],"
            + "\"tuesday\":[{\"start\":\"09:00\",\"end\":\"12:00\"}]}}";

    private Http.Response book(String key, String calendarId, Instant start) {
        return http.post(BASE + "/" + calendarId + "/bookings", key, "{\"start\":\"" + start + "\"}");
    }

    private List<String> starts(String key, String calendarId, Instant from, int limit) {
        Http.Response r = http.get(BASE + "/" + calendarId + "/availability?from=" + from + "&limit=" + limit, key);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        r.json().path("data").forEach(s -> out.add(s.path("start").asText()));
        return out;
    }

    @Test
    void aCalendarIsCreatedReadAndMergePatched() {
        String key = workspace().secret().reveal();
        Http.Response created = http.post(BASE, key, "{\"name\":\"Sales team\",\"time_zone\":\"Europe/Berlin\","
                + "\"working_hours\":{\"monday\":[{\"start\":\"09:00\",\"end\":\"12:00\"},{\"start\":\"13:00\",\"end\":\"17:30\"}],"
                + "\"saturday\":[]},\"slot_minutes\":45,\"buffer_minutes\":10}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode c = created.json();
        assertThat(c.path("time_zone").asText()).isEqualTo("Europe/Berlin");
        assertThat(c.path("working_hours").path("monday")).hasSize(2);
        assertThat(c.path("working_hours").path("monday").get(1).path("end").asText()).isEqualTo("17:30");
        assertThat(c.path("working_hours").path("tuesday")).isEmpty();
        assertThat(c.path("is_default").asBoolean()).isFalse();
        String id = c.path("id").asText();

        Http.Response patched = http.send("PATCH", BASE + "/" + id, key, "application/merge-patch+json",
                "{\"name\":\"Sales\",\"slot_minutes\":30}".getBytes(StandardCharsets.UTF_8));
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.json().path("name").asText()).isEqualTo("Sales");
        assertThat(patched.json().path("slot_minutes").asInt()).isEqualTo(30);
        assertThat(patched.json().path("buffer_minutes").asInt()).isEqualTo(10);
        assertThat(patched.json().path("working_hours")).isEqualTo(c.path("working_hours"));
        assertThat(http.get(BASE + "/" + id, key).json()).isEqualTo(patched.json());
        assertThat(http.get(BASE, key).json().path("data")).hasSize(1);

        Http.Response defaults = http.post(BASE, key, "{\"name\":\"Plain\",\"time_zone\":\"America/New_York\"}");
        assertThat(defaults.json().path("slot_minutes").asInt()).isEqualTo(30);
        assertThat(defaults.json().path("working_hours").path("friday").get(0).path("start").asText()).isEqualTo("09:00");
        assertThat(defaults.json().path("working_hours").path("sunday")).isEmpty();
    }

    @Test
    void availabilityIsWorkingHoursMinusBookingsWidenedByTheBuffer() {
        String key = workspace().secret().reveal();
        String id = calendar(key, MORNINGS);
        LocalDate monday = monday();
        Instant from = at(monday, 0, 0);
        assertThat(starts(key, id, from, 3)).containsExactly(at(monday, 9, 0).toString(), at(monday, 9, 30).toString(),
                at(monday, 10, 0).toString());

        Http.Response booked = book(key, id, at(monday, 10, 0));
        assertThat(booked.status()).as(booked.body()).isEqualTo(201);
        assertThat(booked.json().path("end").asText()).isEqualTo(at(monday, 10, 30).toString());
        // 09:30 ends at 10:00 but needs 15 minutes before 10:00; 10:30 starts inside the buffer after.
        assertThat(starts(key, id, from, 4)).containsExactly(at(monday, 9, 0).toString(), at(monday, 11, 0).toString(),
                at(monday, 11, 30).toString(), at(monday.plusDays(1), 9, 0).toString());
        assertThat(book(key, id, at(monday, 10, 0)).status()).isEqualTo(409);
        assertThat(book(key, id, at(monday, 10, 15)).status()).isEqualTo(409);
        assertThat(book(key, id, at(monday, 10, 30)).status()).isEqualTo(409);
        assertThat(book(key, id, at(monday, 9, 30)).status()).isEqualTo(409);
        assertThat(book(key, id, at(monday, 11, 0)).status()).isEqualTo(201);

        String bookingId = booked.json().path("id").asText();
        Http.Response cancelled = http.send("DELETE", BASE + "/" + id + "/bookings/" + bookingId, key, null, null);
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        assertThat(cancelled.json().path("status").asText()).isEqualTo("cancelled");
        assertThat(cancelled.json().path("sequence").asInt()).isEqualTo(1);
        assertThat(http.send("DELETE", BASE + "/" + id + "/bookings/" + bookingId, key, null, null).json()
                .path("status").asText()).isEqualTo("cancelled");
        assertThat(starts(key, id, from, 3)).containsExactly(at(monday, 9, 0).toString(), at(monday, 9, 30).toString(),
                at(monday, 10, 0).toString());
        assertThat(book(key, id, at(monday, 10, 0)).status()).isEqualTo(201);
        assertThat(http.get(BASE + "/" + id + "/bookings?status=cancelled", key).json().path("data")).hasSize(1);
        assertThat(http.get(BASE + "/" + id + "/bookings?status=booked", key).json().path("data")).hasSize(2);
        assertThat(http.get(BASE + "/" + id + "/bookings", key).json().path("data")).hasSize(3);
    }

    @Test
    void manyThreadsBookingTheSameTime_exactlyOneWins() throws Exception {
        IssuedKey ws = workspace();
        String key = ws.secret().reveal();
        String id = calendar(key, MORNINGS);
        LocalDate monday = monday();
        int threads = 16;
        List<Integer> statuses = race(threads, i -> book(key, id, at(monday, 9, 0)).status());
        assertThat(statuses).containsOnly(201, 409);
        assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(1);

        // Overlapping, not equal, starts through the agent's tool: still one winner.
        CalendarTool tool = herald.services().voice().calendar().tool(ws.workspaceId(), id);
        List<Optional<String>> won = race(threads, i -> tool.book(new MeetingSlot(at(monday, 10, 0).plusSeconds(60L * (i % 4)),
                at(monday, 10, 30).plusSeconds(60L * (i % 4)), ZoneId.of("America/Chicago")), "lead-" + i));
        assertThat(won.stream().filter(Optional::isPresent).count()).isEqualTo(1);
        assertThat(http.get(BASE + "/" + id + "/bookings?status=booked", key).json().path("data")).hasSize(2);
    }

    private interface Attempt<T> {
        T run(int i) throws Exception;
    }

    private static <T> List<T> race(int threads, Attempt<T> attempt) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int n = i;
                Callable<T> task = () -> {
                    go.await();
                    return attempt.run(n);
                };
                futures.add(pool.submit(task));
            }
            go.countDown();
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theDefaultCalendarIsMadeOnceOnFirstUse_andServesTheAgentsTools() throws Exception {
        IssuedKey ws = workspace();
        String key = ws.secret().reveal();
        CalendarService service = herald.services().voice().calendar();
        List<CalendarTool> tools = race(8, i -> service.tool(ws.workspaceId(), null));
        JsonNode list = http.get(BASE, key).json().path("data");
        assertThat(list).hasSize(1);
        JsonNode c = list.get(0);
        assertThat(c.path("is_default").asBoolean()).isTrue();
        assertThat(c.path("time_zone").asText()).isEqualTo("UTC");
        assertThat(c.path("slot_minutes").asInt()).isEqualTo(30);
        assertThat(c.path("working_hours").path("monday").get(0).path("start").asText()).isEqualTo("09:00");
        assertThat(c.path("working_hours").path("friday").get(0).path("end").asText()).isEqualTo("17:00");
        assertThat(c.path("working_hours").path("saturday")).isEmpty();

        LocalDate monday = monday();
        ZoneId newYork = ZoneId.of("America/New_York");
        List<MeetingSlot> slots = tools.get(3).availability(at(monday.minusDays(2), 12, 0), Duration.ofMinutes(30), newYork, 3);
        assertThat(slots).extracting(MeetingSlot::start).containsExactly(at(monday, 9, 0), at(monday, 9, 30), at(monday, 10, 0));
        assertThat(slots).extracting(MeetingSlot::zone).containsOnly(newYork);
        Optional<String> id = tools.get(0).book(slots.get(1), "lead_1");
        assertThat(id).isPresent();
        assertThat(tools.get(5).book(slots.get(1), "lead_2")).isEmpty();
        assertThat(tools.get(1).book(new MeetingSlot(at(monday.plusDays(5), 10, 0), at(monday.plusDays(5), 10, 30), newYork),
                "lead_3")).as("Saturday is closed").isEmpty();
        assertThat(tools.get(2).availability(at(monday, 9, 0), Duration.ofMinutes(30), null, 2))
                .extracting(MeetingSlot::start).containsExactly(at(monday, 9, 0), at(monday, 10, 0));
        Http.Response booking = http.get(BASE + "/" + c.path("id").asText() + "/bookings/" + id.get(), key);
        assertThat(booking.json().path("lead_id").asText()).isEqualTo("lead_1");
        assertThat(booking.json().path("time_zone").asText()).isEqualTo("America/New_York");
        assertThat(service.tool(ws.workspaceId(), null).availability(at(monday, 9, 0), Duration.ofMinutes(30), null, 1))
                .hasSize(1);
        assertThat(http.get(BASE, key).json().path("data")).hasSize(1);
    }

    @Test
    void aProjectKeyBooks_andAPastFromOffersOnlyFutureSlots() {
        String workspace = "ws-" + UUID.randomUUID();
        String project = herald.services().bootstrap().createKey(workspace, "sales", "p").secret().reveal();
        String id = calendar(project, "{\"name\":\"Always\",\"time_zone\":\"UTC\",\"working_hours\":{"
                + "\"monday\":[{\"start\":\"00:00\",\"end\":\"23:59\"}],\"tuesday\":[{\"start\":\"00:00\",\"end\":\"23:59\"}],"
                + "\"wednesday\":[{\"start\":\"00:00\",\"end\":\"23:59\"}],\"thursday\":[{\"start\":\"00:00\",\"end\":\"23:59\"}],"
                + "\"friday\":[{\"start\":\"00:00\",\"end\":\"23:59\"}],\"saturday\":[{\"start\":\"00:00\",\"end\":\"23:59\"}],"
                + "\"sunday\":[{\"start\":\"00:00\",\"end\":\"23:59\"}]}}");
        Instant before = Instant.now();
        List<String> slots = starts(project, id, Instant.parse("2020-01-06T00:00:00Z"), 5);
        assertThat(slots).hasSize(5).allSatisfy(s -> assertThat(Instant.parse(s)).isAfterOrEqualTo(before.minusSeconds(1)));
        assertThat(book(project, id, Instant.parse(slots.get(1))).status()).isEqualTo(201);
    }

    @Test
    void requireExistsRefusesAnUnknownOrForeignCalendar() {
        IssuedKey a = workspace();
        IssuedKey b = workspace();
        String foreign = calendar(b.secret().reveal(), MORNINGS);
        CalendarService service = herald.services().voice().calendar();
        service.requireExists(b.workspaceId(), foreign);
        for (String bad : new String[] {foreign, "cal_00000000000000000000000000", ""}) {
            assertThatThrownBy(() -> service.requireExists(a.workspaceId(), bad)).isInstanceOf(Invalid.class)
                    .satisfies(e -> assertThat(((Invalid) e).errors().getFirst().field()).isEqualTo("calendar_connector_id"));
        }
        assertThatThrownBy(() -> service.tool(a.workspaceId(), foreign)).isInstanceOf(Invalid.class);
        String key = a.secret().reveal();
        assertThat(http.get(BASE + "/" + foreign, key).status()).isEqualTo(404);
        assertThat(book(key, foreign, at(monday(), 9, 0)).status()).isEqualTo(404);
        assertThat(http.get(BASE + "/" + foreign + "/calendar.ics", key).status()).isEqualTo(404);
        assertThat(http.get(BASE + "/" + foreign + "/availability", key).status()).isEqualTo(404);
    }

    @Test
    void theFeedAndTheInviteAreRfc5545() {
        String key = workspace().secret().reveal();
        String id = calendar(key, MORNINGS);
        LocalDate monday = monday();
        String title = "Démo für Ünïcødé Kunden; pricing, onboarding and a very long title that must fold over lines";
        Http.Response b = http.post(BASE + "/" + id + "/bookings", key, "{\"start\":\"" + at(monday, 9, 0)
                + "\",\"title\":\"" + title + "\",\"attendee_name\":\"Ana Pérez\",\"attendee_email\":\"ana@example.com\","
                + "\"notes\":\"Line one\\nLine two\",\"lead_id\":\"lead_7\"}");
        assertThat(b.status()).as(b.body()).isEqualTo(201);
        Http.Response feed = http.get(BASE + "/" + id + "/calendar.ics", key);
        assertThat(feed.status()).isEqualTo(200);
        assertThat(feed.contentType()).startsWith("text/calendar");
        assertRfc5545(feed.bytes());
        String unfolded = feed.body().replace("\r\n ", "");
        assertThat(unfolded).startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n").endsWith("END:VCALENDAR\r\n")
                .contains("X-WR-CALNAME:Mornings\r\n")
                .contains("SUMMARY:" + title.replace(";", "\\;").replace(",", "\\,") + "\r\n")
                .contains("DTSTART:" + monday.toString().replace("-", "") + "T090000Z\r\n")
                .contains("DTEND:" + monday.toString().replace("-", "") + "T093000Z\r\n")
                .contains("DESCRIPTION:With Ana Pérez.\\nLead: lead_7\\nLine one\\nLine two\r\n")
                .contains("ATTENDEE;CN=Ana Pérez:mailto:ana@example.com\r\n")
                .contains("UID:" + b.json().path("id").asText() + "@herald\r\n")
                .contains("STATUS:CONFIRMED\r\nSEQUENCE:0\r\n");

        String bookingId = b.json().path("id").asText();
        http.send("DELETE", BASE + "/" + id + "/bookings/" + bookingId, key, null, null);
        String after = http.get(BASE + "/" + id + "/calendar.ics", key).body().replace("\r\n ", "");
        assertThat(after).contains("STATUS:CANCELLED\r\nSEQUENCE:1\r\n");
        Http.Response invite = http.get(BASE + "/" + id + "/bookings/" + bookingId + "/invite.ics", key);
        assertThat(invite.status()).isEqualTo(200);
        assertRfc5545(invite.bytes());
        assertThat(invite.body()).contains("METHOD:CANCEL\r\n").contains("BEGIN:VEVENT\r\n");
    }

    /** CRLF after every line, no bare LF or CR, no line over 75 octets. */
    private static void assertRfc5545(byte[] bytes) {
        int lineStart = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                assertThat(i).as("LF without CR at " + i).isGreaterThan(0);
                assertThat(bytes[i - 1]).as("LF without CR at " + i).isEqualTo((byte) '\r');
                assertThat(i - 1 - lineStart).as("line octets").isLessThanOrEqualTo(75);
                lineStart = i + 1;
            } else if (bytes[i] == '\r') {
                assertThat(i + 1 < bytes.length && bytes[i + 1] == '\n').as("CR without LF").isTrue();
            }
        }
        assertThat(lineStart).isEqualTo(bytes.length);
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        String key = workspace().secret().reveal();
        assertFields(http.post(BASE, key, "{}"), "name", "time_zone");
        assertFields(http.post(BASE, key, "{\"name\":\"x\",\"time_zone\":\"+02:00\"}"), "time_zone");
        assertFields(http.post(BASE, key, "{\"name\":\"x\",\"time_zone\":\"Mars/Olympus\"}"), "time_zone");
        assertFields(http.post(BASE, key, "{\"name\":\"x\",\"time_zone\":\"UTC\",\"slot_minutes\":2,\"buffer_minutes\":-1}"),
                "slot_minutes", "buffer_minutes");
        assertFields(http.post(BASE, key, "{\"name\":\"x\",\"time_zone\":\"UTC\",\"working_hours\":{\"funday\":[],"
                        + "\"monday\":[{\"start\":\"25:00\",\"end\":\"17:00\"}],\"tuesday\":[{\"start\":\"12:00\",\"end\":\"09:00\"}],"
                        + "\"wednesday\":[{\"start\":\"09:00\",\"end\":\"12:00\"},{\"start\":\"11:00\",\"end\":\"13:00\"}]}}"),
                "working_hours.funday", "working_hours.monday[0].start", "working_hours.tuesday[0].end",
                "working_hours.wednesday[1].start");
        assertFields(http.post(BASE, key, "{\"name\":\"x\",\"time_zone\":\"UTC\",\"working_hours\":{\"monday\":[]}}"),
                "working_hours");
        assertFields(http.post(BASE, key, "{\"name\":\"x\",\"time_zone\":\"UTC\",\"colour\":\"red\"}"), "colour");
        assertThat(http.get(BASE, key).json().path("data")).isEmpty();

        String id = calendar(key, MORNINGS);
        LocalDate monday = monday();
        String bookings = BASE + "/" + id + "/bookings";
        assertFields(http.post(bookings, key, "{}"), "start");
        assertFields(http.post(bookings, key, "{\"start\":\"next monday\"}"), "start");
        assertFields(http.post(bookings, key, "{\"start\":\"2026-12-01T09:00:00\"}"), "start");
        assertFields(http.post(bookings, key, "{\"start\":\"2020-01-06T09:00:00Z\"}"), "start");
        assertFields(http.post(bookings, key, "{\"start\":\"" + at(monday.plusDays(5), 9, 0) + "\"}"), "start");
        assertFields(http.post(bookings, key, "{\"start\":\"" + at(monday, 11, 45) + "\"}"), "start");
        assertFields(http.post(bookings, key, "{\"start\":\"" + at(monday, 9, 0) + "\",\"end\":\"" + at(monday, 8, 0) + "\"}"),
                "end");
        assertFields(http.post(bookings, key, "{\"start\":\"" + at(monday, 9, 0) + "\",\"attendee_email\":\"nope\","
                + "\"title\":\" \",\"time_zone\":\"Nowhere/Land\",\"notes\":\"tab\\there\"}"), "time_zone",
                "attendee_email", "title", "notes");
        assertFields(http.post(bookings, key, "{\"start\":\"soon\",\"end\":\"later\",\"lead_id\":\"" + "l".repeat(41)
                + "\"}"), "start", "end", "lead_id");
        assertFields(http.get(bookings + "?status=maybe", key), "status");
        assertFields(http.get(BASE + "/" + id + "/availability?limit=0", key), "limit");
        assertFields(http.get(BASE + "/" + id + "/availability?from=yesterday&length_minutes=x", key), "from",
                "length_minutes");
        assertThat(http.get(bookings, key).json().path("data")).isEmpty();
        assertThat(http.get(bookings + "/bkg_00000000000000000000000000", key).status()).isEqualTo(404);
        assertThat(http.send("DELETE", bookings + "/bkg_00000000000000000000000000", key, null, null).status())
                .isEqualTo(404);
    }

    private static void assertFields(Http.Response r, String... fields) {
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        List<String> named = new ArrayList<>();
        r.json().path("errors").forEach(e -> named.add(e.path("field").asText()));
        assertThat(named).as(r.body()).containsExactlyInAnyOrder(fields);
    }

}
