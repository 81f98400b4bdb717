package dev.herald.voice.core.lead;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Bulk import of leads from CSV or a JSON array. Bad rows are reported (row, field, reason) and the
 * good rows kept; a problem with the file as a whole throws {@link LeadImportException} and keeps
 * nothing.
 *
 * <p>Duplicates: rows are keyed by their normalized E.164 phone. The first row with a number wins;
 * each later row with the same number is refused with {@code duplicate_phone} naming the first
 * row, so the caller sees the clash instead of a silent merge. Deduplication against leads already
 * stored is the store's decision, not the parser's.
 *
 * <p>Thread-safe and stateless.
 */
public final class LeadImporter {
    /** Rows accepted in one request (the bound). */
    public static final int MAX_ROWS = 10_000;
    /** Body bytes accepted in one request: 10,000 rows at a generous 3 KiB each. */
    public static final int MAX_BYTES = 30 * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    public LeadImportResult csv(byte[] body) {
        return csv(utf8(body));
    }

    public LeadImportResult csv(String body) {
        checkSize(body.length());
        CsvReader reader = new CsvReader(body);
        if (!reader.hasNext()) {
            throw new LeadImportException(FileErrorReason.EMPTY, "the file has no header row");
        }
        List<Optional<LeadField>> columns = new ArrayList<>();
        List<String> customKeys = new ArrayList<>();
        mapHeader(reader.next(1), columns, customKeys);
        List<RawRow> rows = new ArrayList<>();
        int row = 1;
        while (reader.hasNext()) {
            CsvReader.Record record = reader.next(++row);
            if (record.blank()) {
                continue;
            }
            if (rows.size() == MAX_ROWS) {
                throw new LeadImportException(FileErrorReason.TOO_MANY_ROWS, "at most " + MAX_ROWS + " rows per import");
            }
            rows.add(toRaw(record, columns, customKeys));
        }
        return finish(rows);
    }

    public LeadImportResult json(byte[] body) {
        return json(utf8(body));
    }

    public LeadImportResult json(String body) {
        checkSize(body.length());
        if (body.isBlank()) {
            throw new LeadImportException(FileErrorReason.EMPTY, "the body is empty");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new LeadImportException(FileErrorReason.MALFORMED_JSON, "line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ": " + e.getOriginalMessage());
        }
        if (root == null || !root.isArray()) {
            throw new LeadImportException(FileErrorReason.NOT_AN_ARRAY, "expected a JSON array of lead objects");
        }
        if (root.size() > MAX_ROWS) {
            throw new LeadImportException(FileErrorReason.TOO_MANY_ROWS, "at most " + MAX_ROWS + " rows per import");
        }
        List<RawRow> rows = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            rows.add(JsonRows.toRaw(i + 1, root.get(i)));
        }
        return finish(rows);
    }

    /**
     * Checks one lead given field by field, as the text an import cell would hold, by exactly the
     * rules of an import row: the single-lead API and its patches use it, so a lead means the same
     * however it arrives. Custom keys are normalized as a JSON import's {@code custom_fields} keys
     * are. The result holds row 1: accepted, or every error it has.
     */
    public LeadImportResult one(Map<LeadField, String> fields, Map<String, String> custom) {
        RawRow raw = RawRow.empty(1);
        fields.forEach((field, value) -> {
            if (value != null && field != LeadField.CUSTOM_FIELDS) {
                raw.fields().put(field, value);
            }
        });
        custom.forEach((key, value) -> {
            if (value != null) {
                raw.custom().put(LeadField.normalize(key), value);
            }
        });
        return finish(List.of(raw));
    }

    private static void mapHeader(CsvReader.Record header, List<Optional<LeadField>> columns, List<String> customKeys) {
        Set<LeadField> seen = EnumSet.noneOf(LeadField.class);
        Set<String> seenCustom = new HashSet<>();
        for (String name : header.fields()) {
            Optional<LeadField> field = LeadField.forHeader(name).filter(f -> f != LeadField.CUSTOM_FIELDS);
            String key = customKey(name);
            if (field.isPresent() && !seen.add(field.get())) {
                throw new LeadImportException(FileErrorReason.DUPLICATE_COLUMN,
                        "two columns map to " + field.get().wire() + " (the second is '" + name.strip() + "')");
            }
            if (field.isEmpty() && !key.isEmpty() && !seenCustom.add(key)) {
                throw new LeadImportException(FileErrorReason.DUPLICATE_COLUMN, "two columns are named '" + key + "'");
            }
            columns.add(field);
            customKeys.add(key);
        }
        if (!seen.contains(LeadField.PHONE)) {
            throw new LeadImportException(FileErrorReason.MISSING_PHONE_COLUMN,
                    "no column maps to phone (accepted names: " + String.join(", ", LeadField.PHONE.aliases()) + ")");
        }
    }

    /** Custom columns keep their normalized name; a {@code custom.} or {@code custom_fields.} prefix is dropped. */
    static String customKey(String header) {
        String key = LeadField.normalize(header);
        for (String prefix : List.of("custom_fields_", "custom_")) {
            if (key.startsWith(prefix) && key.length() > prefix.length()) {
                return key.substring(prefix.length());
            }
        }
        return key;
    }

    private static RawRow toRaw(CsvReader.Record record, List<Optional<LeadField>> columns, List<String> customKeys) {
        RawRow raw = RawRow.empty(record.row());
        if (record.malformed()) {
            raw.errors().add(new RowError(record.row(), "row", RowErrorReason.MALFORMED_QUOTE,
                    "a quote inside an unquoted field or after a closing quote"));
            return raw;
        }
        if (record.fields().size() != columns.size()) {
            raw.errors().add(new RowError(record.row(), "row", RowErrorReason.COLUMN_COUNT,
                    "expected " + columns.size() + " fields, found " + record.fields().size()));
            return raw;
        }
        for (int i = 0; i < columns.size(); i++) {
            String value = record.fields().get(i);
            if (columns.get(i).isPresent()) {
                raw.fields().put(columns.get(i).get(), value);
            } else if (!customKeys.get(i).isEmpty()) {
                raw.custom().put(customKeys.get(i), value);
            }
        }
        return raw;
    }

    private static LeadImportResult finish(List<RawRow> rows) {
        List<ImportedLead> accepted = new ArrayList<>();
        List<RowError> errors = new ArrayList<>();
        Map<String, Integer> firstRowByPhone = new HashMap<>();
        for (RawRow raw : rows) {
            switch (RowMapper.map(raw)) {
                case RowMapper.Mapped.Failed f -> errors.addAll(f.errors());
                case RowMapper.Mapped.Ok ok -> {
                    Integer first = firstRowByPhone.putIfAbsent(ok.lead().phone().e164(), raw.row());
                    if (first != null) {
                        errors.add(new RowError(raw.row(), "phone", RowErrorReason.DUPLICATE_PHONE,
                                "same number as row " + first));
                    } else {
                        accepted.add(new ImportedLead(raw.row(), ok.lead()));
                    }
                }
            }
        }
        errors.sort(Comparator.comparingInt(RowError::row));
        return new LeadImportResult(accepted, errors, rows.size());
    }

    private static void checkSize(int length) {
        if (length > MAX_BYTES) {
            throw new LeadImportException(FileErrorReason.TOO_LARGE, "at most " + MAX_BYTES + " bytes per import");
        }
    }

    private static String utf8(byte[] body) {
        if (body.length > MAX_BYTES) {
            throw new LeadImportException(FileErrorReason.TOO_LARGE, "at most " + MAX_BYTES + " bytes per import");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new LeadImportException(FileErrorReason.INVALID_ENCODING, "the body is not valid UTF-8");
        }
    }

}
