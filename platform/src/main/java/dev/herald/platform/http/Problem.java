package dev.herald.platform.http;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An RFC 9457 problem document. {@code type} is {@code urn:herald:problem:<slug>}; the slugs are
 * listed in {@code docs/problems.md}. Extension members (for example {@code errors}) follow.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "title", "status", "detail", "instance"})
public record Problem(String type, String title, int status, String detail, String instance,
                      @com.fasterxml.jackson.annotation.JsonIgnore Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_PREFIX = "urn:herald:problem:";

    public Problem {
        extensions = extensions == null ? Map.of() : new LinkedHashMap<>(extensions);
    }

    public static Problem of(int status, String slug, String title, String detail, String instance) {
        return new Problem(TYPE_PREFIX + slug, title, status, detail, instance, Map.of());
    }

    /** This problem with every echoed client value capped ({@link Echo}); what is sent on the wire. */
    public Problem capped() {
        Map<String, Object> ext = new LinkedHashMap<>();
        extensions.forEach((k, v) -> ext.put(k, v instanceof java.util.List<?> list
                ? list.stream().map(e -> e instanceof dev.herald.platform.domain.FieldError f
                        ? new dev.herald.platform.domain.FieldError(Echo.cap(f.field(), Echo.MAX_TEXT), Echo.cap(Echo.detail(f.reason()), Echo.MAX_TEXT))
                        : e).toList()
                : v));
        return new Problem(type, title, status, Echo.detail(detail), Echo.cap(instance, Echo.MAX_TEXT), ext);
    }

    @JsonAnyGetter
    public Map<String, Object> anyExtensions() {
        return extensions;
    }
}
