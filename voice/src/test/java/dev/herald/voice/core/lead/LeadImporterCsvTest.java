package dev.herald.voice.core.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeadImporterCsvTest {
    private final LeadImporter importer = new LeadImporter();

    @Test
    void quotedFields_holdCommasNewlinesAndDoubledQuotes() {
        String csv = "\uFEFFName,Phone Number,Company,Notes\r\n"
                + "\"Lovelace, Ada\",+44 20 7946 0958,\"Analytical \"\"Engines\"\" Ltd\",\"line one\nline two\"\r\n"
                + "Grace Hopper,+1 212 555 0123,Navy,plain\r\n";
        LeadImportResult result = importer.csv(csv);

        assertThat(result.errors()).isEmpty();
        assertThat(result.accepted()).extracting(ImportedLead::row).containsExactly(2, 3);
        Lead ada = result.accepted().getFirst().lead();
        assertThat(ada.name()).contains("Lovelace, Ada");
        assertThat(ada.phone().e164()).isEqualTo("+442079460958");
        assertThat(ada.company()).contains("Analytical \"Engines\" Ltd");
        assertThat(ada.customFields()).containsExactly(Map.entry("notes", "line one\nline two"));
    }

    @Test
    void headerAliases_mapOntoLeadFields_andUnknownColumnsBecomeCustomFields() {
        String csv = "first_name,last_name,mobile,E-mail,organisation,TZ,DNC,consent_to_call,Lead Status,assigned_to,Industry,custom.Seats\n"
                + "Ada,Lovelace,+14155552671,ada@example.com,Engines,America/Los_Angeles,no,yes,contacted,sam@herald.dev,Compute,40\n";
        Lead lead = importer.csv(csv).accepted().getFirst().lead();

        assertThat(lead.name()).contains("Ada Lovelace");
        assertThat(lead.email()).contains("ada@example.com");
        assertThat(lead.company()).contains("Engines");
        assertThat(lead.timeZone()).contains(ZoneId.of("America/Los_Angeles"));
        assertThat(lead.doNotCall()).isFalse();
        assertThat(lead.consent()).isEqualTo(Consent.GRANTED);
        assertThat(lead.status()).isEqualTo(LeadStatus.CONTACTED);
        assertThat(lead.owner()).contains("sam@herald.dev");
        assertThat(lead.customFields()).containsExactly(Map.entry("industry", "Compute"), Map.entry("seats", "40"));
    }

    @Test
    void badRows_areReportedByRowAndField_andGoodRowsAreKept() {
        String csv = "name,phone,email,time_zone,do_not_call,consent\n"
                + "Good One,+14155552671,one@example.com,America/New_York,,\n"
                + "Bad Phone,(415) 555-2672,two@example.com,,,\n"
                + "\n"
                + "Many Faults,+1 015 555 0000,not-an-email,Mars/Olympus,maybe,perhaps\n"
                + "No Phone,,x@example.com,,,\n"
                + "Good Two,+442079460958,,europe/london,true,denied\n";
        LeadImportResult result = importer.csv(csv);

        assertThat(result.accepted()).extracting(ImportedLead::row).containsExactly(2, 7);
        assertThat(result.accepted().get(1).lead().timeZone()).contains(ZoneId.of("Europe/London"));
        assertThat(result.accepted().get(1).lead().status()).isEqualTo(LeadStatus.DO_NOT_CALL);
        assertThat(result.errors()).extracting(RowError::row, RowError::field, RowError::reason).containsExactly(
                tuple(3, "phone", RowErrorReason.INVALID_PHONE),
                tuple(5, "phone", RowErrorReason.INVALID_PHONE),
                tuple(5, "email", RowErrorReason.INVALID_EMAIL),
                tuple(5, "time_zone", RowErrorReason.INVALID_TIME_ZONE),
                tuple(5, "consent", RowErrorReason.INVALID_CONSENT),
                tuple(5, "do_not_call", RowErrorReason.INVALID_BOOLEAN),
                tuple(6, "phone", RowErrorReason.REQUIRED));
        assertThat(result.errors().getFirst().detail()).isEqualTo("missing_plus");
        assertThat(result.rowsRead()).isEqualTo(5);
        assertThat(result.rejectedRows()).isEqualTo(3);
    }

    @Test
    void duplicatePhones_keepTheFirstRowAndReportTheLaterOnes() {
        String csv = "name,phone\nFirst,+1 415 555 2671\nSecond,+14155552671\nThird,+1-415-555-2671\n";
        LeadImportResult result = importer.csv(csv);

        assertThat(result.accepted()).extracting(i -> i.lead().name().orElseThrow()).containsExactly("First");
        assertThat(result.errors()).extracting(RowError::row, RowError::reason, RowError::detail).containsExactly(
                tuple(3, RowErrorReason.DUPLICATE_PHONE, "same number as row 2"),
                tuple(4, RowErrorReason.DUPLICATE_PHONE, "same number as row 2"));
    }

    @Test
    void structurallyBrokenRows_areRowErrors() {
        String csv = "name,phone\nToo,+14155552671,many\nStray \"quote,+14155552672\n\"Closed\"x,+14155552673\nFine,+14155552674";
        LeadImportResult result = importer.csv(csv);

        assertThat(result.accepted()).extracting(ImportedLead::row).containsExactly(5);
        assertThat(result.errors()).extracting(RowError::row, RowError::reason).containsExactly(
                tuple(2, RowErrorReason.COLUMN_COUNT), tuple(3, RowErrorReason.MALFORMED_QUOTE),
                tuple(4, RowErrorReason.MALFORMED_QUOTE));
    }

    @Test
    void semicolonSeparatedExports_areDetectedFromTheHeader() {
        LeadImportResult result = importer.csv("Name;Telefon;phone\nA;x;+4930123456789\n");
        assertThat(result.accepted()).singleElement()
                .satisfies(i -> assertThat(i.lead().customFields()).containsEntry("telefon", "x"));
    }

    @Test
    void fileLevelProblems_refuseTheWholeImport() {
        assertThatThrownBy(() -> importer.csv("")).hasFieldOrPropertyWithValue("reason", FileErrorReason.EMPTY);
        assertThatThrownBy(() -> importer.csv("name,email\nA,a@example.com\n"))
                .hasFieldOrPropertyWithValue("reason", FileErrorReason.MISSING_PHONE_COLUMN);
        assertThatThrownBy(() -> importer.csv("phone,Phone Number\n+14155552671,+14155552672\n"))
                .hasFieldOrPropertyWithValue("reason", FileErrorReason.DUPLICATE_COLUMN);
        assertThatThrownBy(() -> importer.csv("phone,note\n+14155552671,\"never closed\n+14155552672,x\n"))
                .hasFieldOrPropertyWithValue("reason", FileErrorReason.UNTERMINATED_QUOTE)
                .hasMessageContaining("line 2");
        assertThatThrownBy(() -> importer.csv(new byte[] {'p', 'h', 'o', 'n', 'e', '\n', (byte) 0xC3, (byte) 0x28}))
                .hasFieldOrPropertyWithValue("reason", FileErrorReason.INVALID_ENCODING);
    }

    @Test
    void tenThousandRows_areAccepted_andOneMoreIsRefused() {
        StringBuilder csv = new StringBuilder("name,phone\n");
        for (int i = 0; i < LeadImporter.MAX_ROWS; i++) {
            csv.append("Lead ").append(i).append(",+1415").append(String.format("%07d", 2_000_000 + i)).append('\n');
        }
        LeadImportResult result = importer.csv(csv.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(result.accepted()).hasSize(LeadImporter.MAX_ROWS);
        assertThat(result.errors()).isEmpty();

        csv.append("One more,+14159999999\n");
        assertThatThrownBy(() -> importer.csv(csv.toString()))
                .hasFieldOrPropertyWithValue("reason", FileErrorReason.TOO_MANY_ROWS);
    }
}
