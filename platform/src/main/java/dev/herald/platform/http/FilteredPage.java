package dev.herald.platform.http;

import dev.herald.platform.domain.FieldError;
import dev.herald.platform.domain.Invalid;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A list request's filter and page, read together so that the bad parameters of both are named in
 * one 422 rather than the filter's first and the page's on the next try.
 */
public record FilteredPage<F>(F filter, PageRequest page) {

    /** Reads the filter with {@code parse} (query parameter name to value) and the page from {@code ctx}. */
    public static <F> FilteredPage<F> from(Context ctx, Function<Function<String, String>, F> parse) {
        return from(ctx, ctx::queryParam, parse);
    }

    /** As above, with the filter's parameters from {@code params} (a form the caller translated) instead. */
    public static <F> FilteredPage<F> from(Context ctx, Function<String, String> params,
                                           Function<Function<String, String>, F> parse) {
        List<FieldError> errors = new ArrayList<>();
        F filter = null;
        PageRequest page = null;
        try {
            filter = parse.apply(params);
        } catch (Invalid e) {
            errors.addAll(e.errors());
        }
        try {
            page = PageRequest.from(ctx);
        } catch (Invalid e) {
            errors.addAll(e.errors());
        }
        if (!errors.isEmpty()) {
            throw new Invalid(errors);
        }
        return new FilteredPage<>(filter, page);
    }
}
