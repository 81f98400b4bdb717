package dev.herald.voice.core.lead;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;

/** Turns one element of a JSON import array into a {@link RawRow}. */
final class JsonRows {
    private JsonRows() {}

    static RawRow toRaw(int row, JsonNode node) {
        RawRow raw = RawRow.empty(row);
        if (!node.isObject()) {
            raw.errors().add(new RowError(row, "row", RowErrorReason.NOT_AN_OBJECT, "each element must be an object"));
            return raw;
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            Optional<LeadField> field = LeadField.forHeader(e.getKey());
            JsonNode value = e.getValue();
            if (field.isPresent() && field.get() == LeadField.CUSTOM_FIELDS) {
                customObject(raw, value);
            } else if (field.isPresent()) {
                scalar(raw, field.get().wire(), value).ifPresent(v -> raw.fields().put(field.get(), v));
            } else {
                String key = LeadImporter.customKey(e.getKey());
                scalar(raw, "custom_fields." + key, value).ifPresent(v -> raw.custom().put(key, v));
            }
        }
        return raw;
    }

    private static void customObject(RawRow raw, JsonNode value) {
        if (value.isNull()) {
            return;
        }
        if (!value.isObject()) {
            raw.errors().add(new RowError(raw.row(), "custom_fields", RowErrorReason.INVALID_TYPE, "expected an object"));
            return;
        }
        value.properties().forEach(e -> {
            String key = LeadField.normalize(e.getKey());
            scalar(raw, "custom_fields." + key, e.getValue()).ifPresent(v -> raw.custom().put(key, v));
        });
    }

    private static Optional<String> scalar(RawRow raw, String field, JsonNode value) {
        if (value.isNull()) {
            return Optional.empty();
        }
        if (value.isContainerNode()) {
            raw.errors().add(new RowError(raw.row(), field, RowErrorReason.INVALID_TYPE, "expected a string, number or boolean"));
            return Optional.empty();
        }
        return Optional.of(value.asText());
    }
}
