package dev.herald.platform.http;

import dev.herald.platform.domain.Invalid;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Cursor pagination input: {@code ?limit=1..100} (default 20) and {@code ?cursor=} from a previous
 * page's {@code next_cursor}. The cursor is opaque to clients (base64url of the last id seen);
 * queries use it as {@code WHERE id > :after ORDER BY id LIMIT :limit + 1}.
 *
 * @param limit page size
 * @param after id to continue after, or null for the first page
 */
public record PageRequest(int limit, String after) {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    private static final String VERSION = "v1:";

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit out of range");
        }
    }

    public static PageRequest from(Context ctx) {
        return of(ctx.queryParam("limit"), ctx.queryParam("cursor"));
    }

    /**
     * The page asked for by a {@code limit} (null: the default) and a {@code cursor} (null or empty:
     * the first page), checked as the query parameters are; for callers outside HTTP (MCP tools).
     */
    public static PageRequest of(String rawLimit, String cursor) {
        int limit = DEFAULT_LIMIT;
        if (rawLimit != null) {
            try {
                limit = Integer.parseInt(rawLimit);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new Invalid("limit", "must be an integer from 1 to " + MAX_LIMIT);
            }
        }
        return new PageRequest(limit, decode(cursor));
    }

    /** Rows to fetch: one more than the limit, to know whether another page exists. */
    public int fetchSize() {
        return limit + 1;
    }

    /** The id to continue after; {@code ""} on the first page (sorts before every id). */
    public String afterOrEmpty() {
        return after == null ? "" : after;
    }

    static String encode(String lastId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((VERSION + lastId).getBytes(StandardCharsets.UTF_8));
    }

    static String decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (s.startsWith(VERSION) && s.length() > VERSION.length()) {
                return s.substring(VERSION.length());
            }
        } catch (IllegalArgumentException e) {
            // fall through to the validation error
        }
        throw new Invalid("cursor", "is not a cursor returned by this API");
    }
}
