package dev.herald.voice.crm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.platform.auth.IssuedKey;
import dev.herald.server.Herald;
import dev.herald.server.testing.Http;
import dev.herald.server.testing.RunningHerald;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The single-lead API over a real port, every answer validated against the OpenAPI document:
 * create, read, list with filters and cursors, merge patches, delete, conflicts, field errors,
 * idempotent replays and workspace isolation.
 */
abstract class LeadApiContract extends RunningHerald {
    static final String LEADS = "/api/v1/crm/leads";
    private String key;
    private String otherKey;

    @BeforeEach
    void freshWorkspaces() {
        key = adminKey().secret().reveal();
        otherKey = adminKey().secret().reveal();
    }

    IssuedKey adminKey() {
        return herald.services().bootstrap().createKey("crm-" + UUID.randomUUID(), null, "admin");
    }

    private JsonNode created(Http.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    static void assertInvalid(Http.Response r, String... fields) {
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.contentType()).startsWith("application/problem+json");
        List<String> named = new ArrayList<>();
        r.json().path("errors").forEach(e -> named.add(e.path("field").asText()));
        assertThat(named).as(r.body()).containsExactlyInAnyOrder(fields);
    }

    @Test
    void aLeadIsCreatedReadPatchedAndDeleted() {
        JsonNode lead = created(http.post(LEADS, key, """
                {"name":"Ada Lovelace","phone":"+1 (415) 555-0100","email":"ada@example.com","company":"Engines",
                 "time_zone":"america/los_angeles","custom_fields":{"Plan Tier":"pro"},"consent":"yes"}"""));
        String id = lead.path("id").asText();
        assertThat(id).startsWith("lead_");
        assertThat(lead.path("phone").asText()).isEqualTo("+14155550100");
        assertThat(lead.path("time_zone").asText()).isEqualTo("America/Los_Angeles");
        assertThat(lead.path("consent").asText()).isEqualTo("granted");
        assertThat(lead.path("status").asText()).isEqualTo("new");
        assertThat(lead.path("custom_fields").path("plan_tier").asText()).isEqualTo("pro");
        assertThat(lead.path("last_verdict").isNull()).isTrue();

        JsonNode read = http.get(LEADS + "/" + id, key).json();
        assertThat(read.path("name").asText()).isEqualTo("Ada Lovelace");
        assertThat(read.path("verdicts")).isEmpty();

        Http.Response patched = http.send("PATCH", LEADS + "/" + id, key, "application/merge-patch+json",
                bytes("{\"company\":null,\"owner\":\"sam@example.com\",\"custom_fields\":{\"plan_tier\":null,"
                        + "\"region\":\"west\"},\"status\":\"contacted\"}"));
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        JsonNode after = patched.json();
        assertThat(after.path("company").isNull()).isTrue();
        assertThat(after.path("owner").asText()).isEqualTo("sam@example.com");
        assertThat(after.path("status").asText()).isEqualTo("contacted");
        assertThat(after.path("name").asText()).isEqualTo("Ada Lovelace");
        assertThat(after.path("custom_fields").properties()).hasSize(1);
        assertThat(after.path("custom_fields").path("region").asText()).isEqualTo("west");

        Http.Response same = http.send("PATCH", LEADS + "/" + id, key, "application/json", bytes("{}"));
        assertThat(same.json().path("updated_at").asText()).isEqualTo(after.path("updated_at").asText());

        Http.Response deleted = http.send("DELETE", LEADS + "/" + id, key, null, null);
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        assertThat(http.get(LEADS + "/" + id, key).status()).isEqualTo(404);
    }

    @Test
    void aPhoneAlreadyStoredIsAConflictWhateverItsSpelling() {
        created(http.post(LEADS, key, "{\"phone\":\"+44 20 7946 0958\"}"));
        Http.Response again = http.post(LEADS, key, "{\"phone\":\"+442079460958\",\"name\":\"Other\"}");
        assertThat(again.status()).as(again.body()).isEqualTo(409);
        assertThat(again.json().path("detail").asText()).contains("+442079460958");
        // Another workspace may hold the same number.
        created(http.post(LEADS, otherKey, "{\"phone\":\"+442079460958\"}"));
    }

    @Test
    void concurrentCreatesOfOneNumberStoreItOnce() throws Exception {
        int n = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(n);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new ArrayList<>();
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            for (int i = 0; i < n; i++) {
                String body = "{\"phone\":\"+1 415 555 0150\",\"name\":\"Racer " + i + "\"}";
                answers.add(pool.submit(() -> {
                    go.await();
                    return http.post(LEADS, key, body).status();
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (var a : answers) {
                statuses.add(a.get());
            }
            assertThat(statuses).containsOnly(201, 409);
            assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(http.get(LEADS + "?phone=%2B14155550150", key).json().path("data")).hasSize(1);
    }

    @Test
    void everyBadFieldIsNamedInOne422() {
        assertInvalid(http.post(LEADS, key, """
                {"phone":"(415) 555-0100","email":"not-an-email","time_zone":"EST","consent":"maybe",
                 "status":"hot"}"""), "phone", "email", "time_zone", "consent", "status");
        Http.Response phone = http.post(LEADS, key, "{\"phone\":\"+44 (0)20 7946 0958\"}");
        assertInvalid(phone, "phone");
        assertThat(phone.json().path("errors").get(0).path("reason").asText()).isEqualTo("invalid_phone: trunk_prefix");
        assertInvalid(http.post(LEADS, key, "{\"name\":\"No Phone\"}"), "phone");
        assertInvalid(http.post(LEADS, key, "{\"phone\":\"+14155550101\",\"shoe_size\":\"9\"}"), "shoe_size");
        assertInvalid(http.post(LEADS, key, "{\"phone\":\"+14155550101\",\"do_not_call\":\"yes\"}"), "do_not_call");
        assertThat(http.get(LEADS, key).json().path("data")).isEmpty();

        String id = created(http.post(LEADS, key, "{\"phone\":\"+14155550102\"}")).path("id").asText();
        assertInvalid(http.send("PATCH", LEADS + "/" + id, key, "application/json",
                bytes("{\"phone\":\"+14155550103\"}")), "phone");
        assertInvalid(http.send("PATCH", LEADS + "/" + id, key, "application/json",
                bytes("{\"email\":\"x@\",\"time_zone\":\"+02:00\"}")), "email", "time_zone");
        assertInvalid(http.get(LEADS + "?status=warm&do_not_call=maybe&phone=555", key), "status", "do_not_call",
                "phone");
    }

    @Test
    void aCreateReplayedUnderItsKeyAnswersTheFirstAnswer() {
        String body = "{\"phone\":\"+14155550110\",\"name\":\"Replay\"}";
        Http.Response first = http.post(LEADS, key, body, "Idempotency-Key", "lead-replay-1");
        Http.Response second = http.post(LEADS, key, body, "Idempotency-Key", "lead-replay-1");
        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(http.get(LEADS, key).json().path("data")).hasSize(1);
        Http.Response other = http.post(LEADS, key, "{\"phone\":\"+14155550111\"}", "Idempotency-Key", "lead-replay-1");
        assertThat(other.status()).isEqualTo(409);
    }

    @Test
    void anotherWorkspacesLeadIsNotFound() {
        String id = created(http.post(LEADS, key, "{\"phone\":\"+14155550120\"}")).path("id").asText();
        Http.Response get = http.get(LEADS + "/" + id, otherKey);
        Http.Response missing = http.get(LEADS + "/lead_00000000000000000000000000", otherKey);
        assertThat(get.status()).isEqualTo(404);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(http.send("PATCH", LEADS + "/" + id, otherKey, "application/json", bytes("{\"name\":\"x\"}"))
                .status()).isEqualTo(404);
        assertThat(http.send("DELETE", LEADS + "/" + id, otherKey, null, null).status()).isEqualTo(404);
        assertThat(http.get(LEADS, otherKey).json().path("data")).isEmpty();
        assertThat(http.get(LEADS + "?phone=%2B14155550120", otherKey).json().path("data")).isEmpty();
        assertThat(http.get(LEADS + "/" + id, key).json().path("name").isNull()).isTrue();
    }

    @Test
    void theListFiltersAndPagesWithoutLosingOrRepeatingALead() {
        Set<String> all = new HashSet<>();
        for (int i = 0; i < 7; i++) {
            String body = "{\"phone\":\"+1415555013" + i + "\",\"name\":\"Lead " + i + "\",\"company\":\""
                    + (i % 2 == 0 ? "Acme 100%" : "Globex") + "\"" + (i == 3 ? ",\"do_not_call\":true" : "")
                    + (i == 4 ? ",\"status\":\"qualified\"" : "") + "}";
            all.add(created(http.post(LEADS, key, body)).path("id").asText());
        }
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = http.get(LEADS + "?limit=3" + (cursor == null ? "" : "&cursor=" + cursor), key).json();
            page.path("data").forEach(l -> assertThat(seen.add(l.path("id").asText())).isTrue());
            cursor = page.path("has_more").asBoolean() ? page.path("next_cursor").asText() : null;
            pages++;
        } while (cursor != null);
        assertThat(seen).isEqualTo(all);
        assertThat(pages).isEqualTo(3);
        assertThat(http.get(LEADS + "?do_not_call=true", key).json().path("data")).hasSize(1);
        assertThat(http.get(LEADS + "?do_not_call=true", key).json().path("data").get(0).path("status").asText())
                .isEqualTo("do_not_call");
        assertThat(http.get(LEADS + "?status=qualified", key).json().path("data")).hasSize(1);
        assertThat(http.get(LEADS + "?q=ACME%20100%25", key).json().path("data")).hasSize(4);
        assertThat(http.get(LEADS + "?q=globex", key).json().path("data")).hasSize(3);
        assertThat(http.get(LEADS + "?q=100_", key).json().path("data")).isEmpty();
        assertThat(http.get(LEADS + "?phone=%2B1%20415%20555%200132", key).json().path("data")).hasSize(1);
    }

    @Test
    void anOrdinaryWriteKeepsTheDefaultBodyLimit() {
        byte[] big = new byte[(int) Herald.MAX_REQUEST_BYTES + 10];
        java.util.Arrays.fill(big, (byte) ' ');
        Http.Response r = http.send("POST", LEADS, key, "application/json", big);
        assertThat(r.status()).isEqualTo(413);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
