package dev.herald.platform.http;

import dev.herald.platform.domain.FieldError;
import java.util.List;
import java.util.Map;

/**
 * 400: a field holds an encoded document (base64, a signed protocol object) that cannot be
 * decoded at all. Distinct from {@link dev.herald.platform.domain.Invalid} (422), which is for values that decode
 * but are not acceptable. Carries the same {@code errors} member so clients read both alike.
 */
public final class MalformedInput extends HttpProblem {
    private final FieldError error;

    public MalformedInput(String field, String reason) {
        super(400, "malformed-request", "Malformed request", field + ": " + reason);
        this.error = new FieldError(field, reason);
    }

    @Override
    public Map<String, Object> extensions() {
        return Map.of("errors", List.of(error));
    }
}
