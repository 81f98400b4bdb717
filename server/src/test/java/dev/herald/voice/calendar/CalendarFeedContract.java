package dev.herald.voice.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.server.testing.Http;
import dev.herald.server.testing.RunningHerald;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A calendar's secret feed for calendar apps, on each store: the token is shown once and opens the
 * same feed as the authenticated calendar.ics without a key; only its SHA-256 is stored; rotating
 * retires the old token and revoking the current one; every refusal is the same 404, whether the
 * calendar exists or not.
 */
abstract class CalendarFeedContract extends RunningHerald {
    private static final String BASE = "/api/v1/voice/calendars";
    private String key;
    private String calendar;

    @BeforeEach
    void calendarWithABooking() {
        key = herald.services().bootstrap().createKey("ws-" + UUID.randomUUID(), null, "admin").secret().reveal();
        calendar = ok(http.post(BASE, key, "{\"name\":\"Sales\",\"time_zone\":\"UTC\"}"), 201).path("id").asText();
        LocalDate monday = LocalDate.now(ZoneOffset.UTC).plusDays(7).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        ok(http.post(BASE + "/" + calendar + "/bookings", key, "{\"start\":\"" + monday + "T10:00:00Z\",\"title\":"
                + "\"Demo with Ada\"}"), 201);
    }

    private static JsonNode ok(Http.Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        return r.json();
    }

    private JsonNode rotate(String... headers) {
        return ok(http.post(BASE + "/" + calendar + "/feed-token", key, "{}", headers), 200);
    }

    /** The feed as a calendar app asks for it: no key. */
    private Http.Response subscribe(String calendarId, String token) {
        return http.get(BASE + "/" + calendarId + "/feed.ics" + (token == null ? ""
                : "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)), null);
    }

    private static String shape(Http.Response r) {
        JsonNode p = r.json();
        return r.status() + " " + r.contentType() + " " + p.path("type").asText() + " " + p.path("detail").asText();
    }

    private String storedHash() {
        return herald.services().db().read(h -> h.createQuery("SELECT feed_token_hash FROM voice_calendars WHERE id = :id")
                .bind("id", calendar).mapTo(String.class).one());
    }

    @Test
    void theTokenIsShownOnce_andOpensTheSameFeedAsTheKeyWithoutOne() throws Exception {
        JsonNode made = rotate();
        String token = made.path("token").asText();
        assertThat(token).startsWith("hcf_").hasSize(4 + 43);
        assertThat(made.path("calendar_id").asText()).isEqualTo(calendar);
        assertThat(made.path("enabled").asBoolean()).isTrue();
        assertThat(made.path("url").asText()).isEqualTo(BASE + "/" + calendar + "/feed.ics?token=" + token);
        assertThat(made.path("created_at").asText()).endsWith("Z");

        Http.Response feed = http.get(made.path("url").asText(), null);
        assertThat(feed.status()).isEqualTo(200);
        assertThat(feed.contentType()).startsWith("text/calendar");
        Http.Response withKey = http.get(BASE + "/" + calendar + "/calendar.ics", key);
        assertThat(feed.bytes()).isEqualTo(withKey.bytes());
        assertThat(feed.body()).contains("SUMMARY:Demo with Ada");

        // Only the SHA-256 of the token is kept.
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(token.getBytes(StandardCharsets.UTF_8)));
        assertThat(storedHash()).isEqualTo(expected);
        int holding = herald.services().db().read(h -> h.createQuery("SELECT COUNT(*) FROM voice_calendars WHERE "
                + "feed_token_hash = :t OR name = :t").bind("t", token).mapTo(Integer.class).one());
        assertThat(holding).isZero();
        assertThat(http.get(BASE + "/" + calendar, key).body()).doesNotContain(token).doesNotContain(expected);
    }

    @Test
    void aReplayUnderTheSameKeyHidesTheToken_andRotatesNothing() {
        JsonNode first = rotate("Idempotency-Key", "feed-1");
        Http.Response replay = http.post(BASE + "/" + calendar + "/feed-token", key, "{}", "Idempotency-Key", "feed-1");
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.json().path("token").isNull()).isTrue();
        assertThat(replay.json().path("url").isNull()).isTrue();
        assertThat(replay.json().path("enabled").asBoolean()).isTrue();
        assertThat(subscribe(calendar, first.path("token").asText()).status()).isEqualTo(200);
    }

    @Test
    void rotatingRetiresTheOldToken_andRevokingTheCurrentOne() {
        String old = rotate().path("token").asText();
        String current = rotate().path("token").asText();
        assertThat(current).isNotEqualTo(old);
        assertThat(subscribe(calendar, old).status()).isEqualTo(404);
        assertThat(subscribe(calendar, current).status()).isEqualTo(200);

        JsonNode revoked = ok(http.send("DELETE", BASE + "/" + calendar + "/feed-token", key, null, null), 200);
        assertThat(revoked.path("enabled").asBoolean()).isFalse();
        assertThat(revoked.path("token").isNull()).isTrue();
        assertThat(storedHash()).isNull();
        assertThat(subscribe(calendar, current).status()).isEqualTo(404);
        ok(http.send("DELETE", BASE + "/" + calendar + "/feed-token", key, null, null), 200);
        assertThat(subscribe(calendar, rotate().path("token").asText()).status()).as("a new token after a revoke")
                .isEqualTo(200);
    }

    @Test
    void everyRefusalIsTheSame404_whetherTheCalendarExistsOrNot() {
        String token = rotate().path("token").asText();
        String otherKey = herald.services().bootstrap().createKey("ws-" + UUID.randomUUID(), null, "admin").secret()
                .reveal();
        String unfed = ok(http.post(BASE, key, "{\"name\":\"No feed\",\"time_zone\":\"UTC\"}"), 201).path("id").asText();
        String missing = calendar.substring(0, calendar.length() - 4) + "0000";
        List<Http.Response> refused = List.of(subscribe(calendar, null), subscribe(calendar, ""),
                subscribe(calendar, token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A")),
                subscribe(calendar, token.toUpperCase()), subscribe(calendar, token + " "),
                subscribe(unfed, token), subscribe(unfed, null), subscribe(missing, token),
                subscribe(calendar, "x".repeat(5000)), subscribe(calendar, "\ud7ff\u00e9"));
        String expected = shape(refused.getFirst());
        assertThat(expected).startsWith("404 application/problem+json").contains("no calendar feed at this address");
        assertThat(refused).allSatisfy(r -> assertThat(shape(r)).isEqualTo(expected));
        // A NUL is refused at the edge for every query parameter, before any lookup: it tells nothing either.
        Http.Response nul = subscribe(calendar, "a\u0000b");
        assertThat(nul.status()).isEqualTo(422);
        assertThat(nul.json().path("errors").get(0).path("field").asText()).isEqualTo("token");
        assertThat(shape(subscribe(missing, "a\u0000b"))).isEqualTo(shape(nul).replace(calendar, missing));
        // Another workspace can neither rotate nor revoke this calendar's feed: it is not theirs.
        assertThat(http.post(BASE + "/" + calendar + "/feed-token", otherKey, "{}").status()).isEqualTo(404);
        assertThat(http.send("DELETE", BASE + "/" + calendar + "/feed-token", otherKey, null, null).status())
                .isEqualTo(404);
        assertThat(subscribe(calendar, token).status()).isEqualTo(200);
        // The feed route takes no key, and a key does not open it without the token.
        assertThat(shape(http.get(BASE + "/" + calendar + "/feed.ics", key))).isEqualTo(expected);
    }
}
