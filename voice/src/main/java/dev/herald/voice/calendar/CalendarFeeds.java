package dev.herald.voice.calendar;

import dev.herald.platform.domain.NotFound;
import dev.herald.platform.store.Database;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Secret feed tokens: calendar apps cannot send an API key, so each calendar may have one token
 * that opens its iCalendar feed ({@code feed.ics?token=...}) without one. The token is 32 random
 * bytes (base64url, prefixed {@value #PREFIX}), shown once; only its SHA-256 is stored, and a
 * presented token is hashed and compared in constant time. Rotating replaces the token (the old one
 * stops working at once); revoking removes it. Thread-safe.
 */
public final class CalendarFeeds {
    static final String PREFIX = "hcf_";
    /** Compared against when the calendar is unknown or has no token, so every refusal costs the same. */
    private static final byte[] NO_TOKEN = new byte[32];

    private final Database db;
    private final Clock clock;
    private final SecureRandom random;
    private final CalendarService calendars;

    public CalendarFeeds(Database db, Clock clock, SecureRandom random, CalendarService calendars) {
        this.db = db;
        this.clock = clock;
        this.random = random;
        this.calendars = calendars;
    }

    /** Makes a new token for the calendar, replacing any; the answer is the only place it appears. */
    public FeedAccess rotate(String ws, String calendarId) {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        int changed = db.write(h -> h.createUpdate("UPDATE voice_calendars SET feed_token_hash = :hash, "
                        + "feed_token_created_at = :at WHERE id = :id AND workspace_id = :ws")
                .bind("hash", HexFormat.of().formatHex(sha256(token))).bind("at", now.toEpochMilli())
                .bind("id", calendarId).bind("ws", ws).execute());
        if (changed == 0) {
            throw new NotFound("no calendar " + calendarId);
        }
        return new FeedAccess(calendarId, true, token, "/api/v1/voice/calendars/" + calendarId + "/feed.ics?token="
                + token, now);
    }

    /** Removes the calendar's token (if any): its feed answers 404 from now on. */
    public FeedAccess revoke(String ws, String calendarId) {
        int changed = db.write(h -> h.createUpdate("UPDATE voice_calendars SET feed_token_hash = NULL, "
                        + "feed_token_created_at = NULL WHERE id = :id AND workspace_id = :ws")
                .bind("id", calendarId).bind("ws", ws).execute());
        if (changed == 0) {
            throw new NotFound("no calendar " + calendarId);
        }
        return new FeedAccess(calendarId, false, null, null, null);
    }

    /**
     * The calendar's feed when {@code token} is its live token; empty for anything else (an unknown
     * calendar, no token, a wrong, rotated or revoked one), which callers must not tell apart.
     */
    public Optional<String> feed(String calendarId, String token) {
        record Stored(String workspaceId, String hash) {
        }
        Optional<Stored> stored = db.read(h -> h.createQuery("SELECT workspace_id, feed_token_hash FROM voice_calendars "
                        + "WHERE id = :id")
                .bind("id", calendarId).map((rs, c) -> new Stored(rs.getString("workspace_id"),
                        rs.getString("feed_token_hash"))).findOne());
        byte[] expected = stored.map(Stored::hash).map(HexFormat.of()::parseHex).orElse(NO_TOKEN);
        byte[] given = sha256(token == null ? "" : token);
        boolean match = MessageDigest.isEqual(expected, given) && token != null
                && stored.map(Stored::hash).isPresent();
        return match ? Optional.of(calendars.feed(stored.get().workspaceId(), calendarId)) : Optional.empty();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }
}
