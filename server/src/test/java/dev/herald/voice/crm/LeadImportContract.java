package dev.herald.voice.crm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.server.Herald;
import dev.herald.server.testing.Http;
import dev.herald.server.testing.OpenApiValidator;
import dev.herald.server.testing.RunningHerald;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bulk import over a real port: 10,000 rows in one request (a body over the server's default
 * limit), bad rows reported and left out while the good ones are kept, rows already stored,
 * file-level refusals as 422 naming the reason, and replays.
 */
abstract class LeadImportContract extends RunningHerald {
    static final String IMPORT = "/api/v1/crm/leads/import";
    static final String LEADS = "/api/v1/crm/leads";
    private String key;

    @BeforeEach
    void freshWorkspace() {
        key = herald.services().bootstrap().createKey("crm-import-" + UUID.randomUUID(), null, "admin")
                .secret().reveal();
    }

    private Http.Response csv(String body) {
        return csv(body, "");
    }

    private Http.Response csv(String body, String query) {
        return http.send("POST", IMPORT + query, key, "text/csv; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
    }

    private Http.Response json(String body) {
        return http.send("POST", IMPORT, key, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    private static String phone(int i) {
        return "+1415" + (2_000_000 + i);
    }

    @Test
    void tenThousandRowsAreImportedInOneRequest() {
        StringBuilder sb = new StringBuilder("Full Name,Phone Number,Email,Company,Time Zone,Consent,Notes\r\n");
        for (int i = 0; i < 10_000; i++) {
            sb.append(String.format(Locale.ROOT, "Lead Number %05d,%s,lead%05d@example.com,\"Company %05d, Inc.\","
                    + "America/New_York,yes,Met at the spring trade show booth number %d\r\n", i, phone(i), i, i, i % 97));
        }
        byte[] body = sb.toString().getBytes(StandardCharsets.UTF_8);
        assertThat((long) body.length).as("larger than an ordinary request may be").isGreaterThan(Herald.MAX_REQUEST_BYTES);
        // A first import elsewhere warms the JIT, so the figure is the steady cost of the work itself.
        String warmKey = herald.services().bootstrap().createKey("crm-warm-" + UUID.randomUUID(), null, "admin")
                .secret().reveal();
        long cold = System.nanoTime();
        assertThat(http.unvalidated().send("POST", IMPORT, warmKey, "text/csv", body).status()).isEqualTo(200);
        long coldMillis = (System.nanoTime() - cold) / 1_000_000;
        // Timed without the client's response validation (which checks 10,000 ids against the document).
        long began = System.nanoTime();
        Http.Response r = http.unvalidated().send("POST", IMPORT, key, "text/csv", body);
        long millis = (System.nanoTime() - began) / 1_000_000;
        System.out.printf(Locale.ROOT, "crm import on %s: 10,000 rows, %d bytes, %d ms (first import %d ms)%n",
                store().kind(), body.length, millis, coldMillis);
        OpenApiValidator.herald().validate("POST", IMPORT, r);
        assertThat(r.status()).as(r.body().substring(0, Math.min(500, r.body().length()))).isEqualTo(200);
        JsonNode report = r.json();
        assertThat(report.path("rows_read").asInt()).isEqualTo(10_000);
        assertThat(report.path("imported").asInt()).isEqualTo(10_000);
        assertThat(report.path("rejected").asInt()).isZero();
        assertThat(report.path("lead_ids")).hasSize(10_000);
        assertThat(millis).as("10,000 rows well under a few seconds").isLessThan(10_000);

        JsonNode last = http.get(LEADS + "/" + report.path("lead_ids").get(9_999).asText(), key).json();
        assertThat(last.path("phone").asText()).isEqualTo(phone(9_999));
        assertThat(last.path("company").asText()).isEqualTo("Company 09999, Inc.");
        assertThat(last.path("consent").asText()).isEqualTo("granted");
        assertThat(last.path("custom_fields").path("notes").asText()).startsWith("Met at the spring");
        assertThat(http.get(LEADS + "?phone=" + phone(5_000).replace("+", "%2B"), key).json().path("data")).hasSize(1);

        Http.Response tooMany = http.send("POST", IMPORT, key, "text/csv",
                (sb + "Lead Extra," + phone(10_000) + ",,,,,\r\n").getBytes(StandardCharsets.UTF_8));
        LeadApiContract.assertInvalid(tooMany, "body");
        assertThat(tooMany.json().path("errors").get(0).path("reason").asText()).startsWith("too_many_rows");
    }

    @Test
    void badRowsAreReportedAndLeftOutWhileTheGoodOnesAreKept() {
        Http.Response stored = http.post(LEADS, key, "{\"phone\":\"" + phone(5) + "\",\"name\":\"Already here\"}");
        String storedId = stored.json().path("id").asText();
        String file = """
                name,phone,email,tz,dnc,plan
                Good One,%s,one@example.com,Europe/Berlin,no,gold
                Bad Phone,415-555-0100,,,,
                Two Errors,%s,not-an-email,CET,,
                Dup In File,%s,,,,
                Good Two,%s,,,yes,
                Stored Already,%s,,,,
                "Broken "quote",%s,,,,
                """.formatted(phone(1), phone(2), phone(1), phone(3), phone(5), phone(6));
        Http.Response r = csv(file);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode report = r.json();
        assertThat(report.path("rows_read").asInt()).isEqualTo(7);
        assertThat(report.path("imported").asInt()).isEqualTo(2);
        assertThat(report.path("rejected").asInt()).isEqualTo(5);
        List<String> errors = new ArrayList<>();
        report.path("errors").forEach(e -> errors.add(e.path("row").asInt() + " " + e.path("field").asText() + " "
                + e.path("reason").asText()));
        assertThat(errors).containsExactly("3 phone invalid_phone", "4 email invalid_email",
                "4 time_zone invalid_time_zone", "5 phone duplicate_phone", "7 phone duplicate_phone",
                "8 row malformed_quote");
        assertThat(report.path("errors").get(4).path("detail").asText()).contains(storedId);

        JsonNode leads = http.get(LEADS + "?limit=100", key).json().path("data");
        List<String> names = new ArrayList<>();
        leads.forEach(l -> names.add(l.path("name").asText()));
        assertThat(names).containsExactlyInAnyOrder("Already here", "Good One", "Good Two");
        JsonNode goodTwo = http.get(LEADS + "?phone=" + phone(3).replace("+", "%2B"), key).json().path("data").get(0);
        assertThat(goodTwo.path("do_not_call").asBoolean()).isTrue();
        assertThat(goodTwo.path("status").asText()).isEqualTo("do_not_call");

        // The same rows again, skipping what is stored: nothing new, nothing reported for those rows.
        JsonNode skip = csv("phone,name\n" + phone(1) + ",x\n" + phone(3) + ",y\n" + phone(4) + ",New\n", "?on_conflict=skip")
                .json();
        assertThat(skip.path("imported").asInt()).isEqualTo(1);
        assertThat(skip.path("skipped").asInt()).isEqualTo(2);
        assertThat(skip.path("errors")).isEmpty();
        assertThat(http.get(LEADS + "?phone=" + phone(1).replace("+", "%2B"), key).json().path("data").get(0)
                .path("name").asText()).isEqualTo("Good One");
    }

    @Test
    void aJsonArrayImportsByTheSameRules() {
        Http.Response r = json("""
                [{"phone":"%s","first_name":"Grace","last_name":"Hopper","custom_fields":{"team":"navy"}},
                 {"phone":"+1 212 555 01"},
                 "not an object",
                 {"mobile":"%s","do_not_call":true,"status":"Meeting Booked"}]""".formatted(phone(20), phone(21)));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode report = r.json();
        assertThat(report.path("imported").asInt()).isEqualTo(2);
        assertThat(report.path("rejected").asInt()).isEqualTo(2);
        assertThat(report.path("errors").get(0).path("row").asInt()).isEqualTo(2);
        assertThat(report.path("errors").get(1).path("reason").asText()).isEqualTo("not_an_object");
        JsonNode grace = http.get(LEADS + "/" + report.path("lead_ids").get(0).asText(), key).json();
        assertThat(grace.path("name").asText()).isEqualTo("Grace Hopper");
        assertThat(grace.path("custom_fields").path("team").asText()).isEqualTo("navy");
    }

    @Test
    void aFileThatCannotBeReadIsRefusedWholeNamingTheReason() {
        assertFileRefused(csv(""), "empty");
        assertFileRefused(csv("name,email\nAda,ada@example.com\n"), "missing_phone_column");
        assertFileRefused(csv("phone,mobile\n+14155550100,+14155550101\n"), "duplicate_column");
        assertFileRefused(csv("phone,name\n+14155550100,\"never closed\n"), "unterminated_quote");
        assertFileRefused(json("{\"phone\":\"+14155550100\"}"), "not_an_array");
        assertFileRefused(json("[{\"phone\":\"+14155550100\",\"phone\":\"+14155550101\"}]"), "malformed_json");
        assertFileRefused(http.send("POST", IMPORT, key, "text/csv", new byte[] {'p', 'h', 'o', 'n', 'e', '\n',
                (byte) 0xC3, (byte) 0x28}), "invalid_encoding");
        assertThat(http.get(LEADS, key).json().path("data")).isEmpty();

        byte[] huge = new byte[dev.herald.voice.core.lead.LeadImporter.MAX_BYTES + 1];
        java.util.Arrays.fill(huge, (byte) 'a');
        Http.Response tooLarge = http.send("POST", IMPORT, key, "text/csv", huge);
        assertThat(tooLarge.status()).as("the import's own limit holds").isEqualTo(413);

        Http.Response wrongType = http.send("POST", IMPORT, key, "text/plain", "phone\n".getBytes(StandardCharsets.UTF_8));
        assertThat(wrongType.status()).isEqualTo(415);
        LeadApiContract.assertInvalid(csv("phone\n+14155550100\n", "?on_conflict=update"), "on_conflict");
    }

    private static void assertFileRefused(Http.Response r, String reason) {
        LeadApiContract.assertInvalid(r, "body");
        assertThat(r.json().path("errors").get(0).path("reason").asText()).as(r.body()).startsWith(reason + ":");
    }

    @Test
    void anImportReplayedUnderItsKeyIsNotImportedTwice() {
        String body = "phone,name\n" + phone(40) + ",Once\n" + phone(41) + ",Twice\n";
        Http.Response first = http.post(IMPORT, key, body, "Content-Type", "text/csv", "Idempotency-Key", "import-1");
        Http.Response second = http.post(IMPORT, key, body, "Content-Type", "text/csv", "Idempotency-Key", "import-1");
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().path("imported").asInt()).isEqualTo(2);
        assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(second.body()).isEqualTo(first.body());
        // Without the key, the same file finds its rows stored.
        Http.Response third = csv(body);
        assertThat(third.json().path("imported").asInt()).isZero();
        assertThat(third.json().path("rejected").asInt()).isEqualTo(2);
        Http.Response changed = http.post(IMPORT, key, body + phone(42) + ",Three\n", "Content-Type", "text/csv",
                "Idempotency-Key", "import-1");
        assertThat(changed.status()).isEqualTo(409);
    }
}
