package dev.herald.voice.core.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LeadImporterJsonTest {
    private final LeadImporter importer = new LeadImporter();

    @Test
    void jsonArray_mapsAliasesCustomFieldsAndScalars() {
        String json = """
                [
                  {"name": "Ada", "phone_number": "+1 415 555 2671", "do_not_call": false, "consent": "granted",
                   "timezone": "America/Chicago", "custom_fields": {"Seats": 40, "plan": "pro"}, "source": "webinar"},
                  {"phone": "+442079460958"}
                ]""";
        LeadImportResult result = importer.json(json);

        assertThat(result.errors()).isEmpty();
        Lead ada = result.accepted().getFirst().lead();
        assertThat(ada.phone().e164()).isEqualTo("+14155552671");
        assertThat(ada.consent()).isEqualTo(Consent.GRANTED);
        assertThat(ada.customFields()).containsExactly(
                Map.entry("seats", "40"), Map.entry("plan", "pro"), Map.entry("source", "webinar"));
        assertThat(result.accepted().get(1).lead().name()).isEmpty();
    }

    @Test
    void badElements_areRowErrorsWithOneBasedIndexes() {
        String json = """
                [ {"phone": "+14155552671"}, "not an object", {"phone": 14155552672},
                  {"phone": "+14155552673", "company": {"name": "nested"}}, {"phone": "+14155552671"} ]""";
        LeadImportResult result = importer.json(json);

        assertThat(result.accepted()).extracting(ImportedLead::row).containsExactly(1);
        assertThat(result.errors()).extracting(RowError::row, RowError::field, RowError::reason).containsExactly(
                tuple(2, "row", RowErrorReason.NOT_AN_OBJECT),
                tuple(3, "phone", RowErrorReason.INVALID_PHONE),
                tuple(4, "company", RowErrorReason.INVALID_TYPE),
                tuple(5, "phone", RowErrorReason.DUPLICATE_PHONE));
    }

    @Test
    void malformedOrMisshapenJson_refusesTheWholeImport() {
        assertThatThrownBy(() -> importer.json("[{\"phone\": }]"))
                .hasFieldOrPropertyWithValue("reason", FileErrorReason.MALFORMED_JSON);
        assertThatThrownBy(() -> importer.json("{\"phone\": \"+14155552671\"}"))
                .hasFieldOrPropertyWithValue("reason", FileErrorReason.NOT_AN_ARRAY);
        assertThatThrownBy(() -> importer.json("[{\"phone\": \"+14155552671\", \"phone\": \"+14155552672\"}]"))
                .hasFieldOrPropertyWithValue("reason", FileErrorReason.MALFORMED_JSON);
        assertThatThrownBy(() -> importer.json("  ")).hasFieldOrPropertyWithValue("reason", FileErrorReason.EMPTY);
    }

    @Test
    void tooLongValuesAndTooManyCustomFields_areRowErrors() {
        StringBuilder custom = new StringBuilder();
        for (int i = 0; i <= RowMapper.MAX_CUSTOM_FIELDS; i++) {
            custom.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
        }
        String json = "[{\"phone\":\"+14155552671\",\"name\":\"" + "x".repeat(201) + "\"},"
                + "{\"phone\":\"+14155552672\",\"custom_fields\":{" + custom + "}}]";
        assertThat(importer.json(json).errors()).extracting(RowError::row, RowError::reason).containsExactly(
                tuple(1, RowErrorReason.TOO_LONG), tuple(2, RowErrorReason.TOO_MANY_CUSTOM_FIELDS));
    }
}
