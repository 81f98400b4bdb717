package dev.herald.voice.core.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One lead checked field by field, by the rules of an import row. */
class LeadImporterOneTest {
    private final LeadImporter importer = new LeadImporter();

    @Test
    void aGoodLeadIsAcceptedInCanonicalForm() {
        Map<LeadField, String> fields = new EnumMap<>(LeadField.class);
        fields.put(LeadField.PHONE, "+1 (415) 555-0100");
        fields.put(LeadField.TIME_ZONE, "europe/berlin");
        fields.put(LeadField.CONSENT, "yes");
        Map<String, String> custom = new LinkedHashMap<>();
        custom.put("Plan Tier", "gold");
        LeadImportResult r = importer.one(fields, custom);
        assertThat(r.errors()).isEmpty();
        Lead lead = r.accepted().getFirst().lead();
        assertThat(lead.phone().e164()).isEqualTo("+14155550100");
        assertThat(lead.timeZone()).hasValueSatisfying(z -> assertThat(z.getId()).isEqualTo("Europe/Berlin"));
        assertThat(lead.consent()).isEqualTo(Consent.GRANTED);
        assertThat(lead.customFields()).containsExactly(Map.entry("plan_tier", "gold"));
    }

    @Test
    void everyBadFieldIsReportedOnRowOne() {
        Map<LeadField, String> fields = new EnumMap<>(LeadField.class);
        fields.put(LeadField.PHONE, "0415 555 0100");
        fields.put(LeadField.EMAIL, "nobody");
        fields.put(LeadField.STATUS, "warm");
        LeadImportResult r = importer.one(fields, Map.of());
        assertThat(r.accepted()).isEmpty();
        assertThat(r.errors()).extracting(RowError::row).containsOnly(1);
        assertThat(r.errors()).extracting(RowError::field).containsExactlyInAnyOrder("phone", "email", "status");
        assertThat(importer.one(Map.of(), Map.of()).errors()).extracting(RowError::reason)
                .containsExactly(RowErrorReason.REQUIRED);
    }
}
