package dev.herald.voice.core.lead;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A row as read from CSV or JSON, before checking: values by lead field, custom fields by key, and
 * the structural errors the reader already found (a malformed quote, a non-scalar value).
 */
record RawRow(int row, Map<LeadField, String> fields, Map<String, String> custom, List<RowError> errors) {

    static RawRow empty(int row) {
        return new RawRow(row, new EnumMap<>(LeadField.class), new LinkedHashMap<>(), new ArrayList<>());
    }
}
