package dev.herald.governance.realtime;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.platform.http.FieldCheck;
import java.util.List;

/**
 * The body of {@code POST /v1/sessions/{id}/end}: usage metrics and metadata, both optional.
 * Each metric is kept as sent (it is chained into the session's end event as written, members
 * beyond {@code meter} and {@code quantity} included), so it is checked rather than mapped, and
 * every bad metric is named, not only the first.
 * Unknown top-level members are ignored, as they always were.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EndBody(List<JsonNode> usageMetrics, ObjectNode metadata) {

    /** Every field error of the body at once. */
    public void check() {
        FieldCheck check = new FieldCheck();
        if (usageMetrics != null) {
            for (int i = 0; i < usageMetrics.size(); i++) {
                metric(check, "usage_metrics[" + i + "]", usageMetrics.get(i));
            }
        }
        check.integersOnly("metadata", metadata).throwIfAny();
    }

    private static void metric(FieldCheck check, String at, JsonNode metric) {
        if (metric == null || !metric.isObject()) {
            check.fail(at, "must be an object");
            return;
        }
        JsonNode meter = present(metric.get("meter"));
        if (meter != null && !meter.isTextual()) {
            check.fail(at + ".meter", "must be a string");
        } else {
            check.required(at + ".meter", meter == null ? null : meter.textValue());
        }
        JsonNode quantity = present(metric.get("quantity"));
        if (quantity == null) {
            check.fail(at + ".quantity", "is required");
        } else if (!quantity.isIntegralNumber() || !quantity.canConvertToLong() || quantity.longValue() < 0) {
            check.fail(at + ".quantity", "must be a non-negative integer");
        }
    }

    private static JsonNode present(JsonNode value) {
        return value == null || value.isNull() ? null : value;
    }

    /** The metrics as sent ({@code []} when none were). */
    ArrayNode metrics() {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        if (usageMetrics != null) {
            usageMetrics.forEach(out::add);
        }
        return out;
    }

    /** The metadata as sent ({@code {}} when none was). */
    ObjectNode meta() {
        return metadata == null ? JsonNodeFactory.instance.objectNode() : metadata;
    }
}
