package dev.herald.platform.http;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a list: {@code {"data": [...], "has_more": true, "next_cursor": "..."}}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Page<T>(List<T> data, boolean hasMore, String nextCursor) {
    public Page {
        data = List.copyOf(data);
    }

    /** Builds a page from rows fetched with {@link PageRequest#fetchSize()} (one extra row = more pages). */
    public static <T> Page<T> of(List<T> rows, PageRequest request, Function<T, String> idOf) {
        boolean more = rows.size() > request.limit();
        List<T> data = more ? rows.subList(0, request.limit()) : rows;
        String next = more ? PageRequest.encode(idOf.apply(data.getLast())) : null;
        return new Page<>(data, more, next);
    }
}
