package dev.herald.voice.calendar;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * A calendar's secret feed as the feed-token routes answer: whether one is live and, once (in the
 * answer that made it), its token and the subscribe URL (relative to Herald's origin). A replay of
 * that answer, and every later one, carries neither.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record FeedAccess(String calendarId, boolean enabled, String token, String url, Instant createdAt) {

    /** This answer without the secret: what a replay shows. */
    public FeedAccess withoutSecret() {
        return new FeedAccess(calendarId, enabled, null, null, createdAt);
    }
}
