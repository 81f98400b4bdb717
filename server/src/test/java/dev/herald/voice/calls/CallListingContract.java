package dev.herald.voice.calls;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.platform.auth.IssuedKey;
import dev.herald.platform.store.Database;
import dev.herald.server.testing.Http;
import dev.herald.server.testing.RunningHerald;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/voice/calls} and {@code GET /api/v1/voice/calls/{id}} over a real port on each
 * store, every answer validated against the OpenAPI document; call rows are written straight into
 * the table (the write side is another package's).
 */
abstract class CallListingContract extends RunningHerald {
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private String ws;
    private String key;
    private String otherKey;

    @BeforeAll
    void keys() {
        IssuedKey issued = herald.services().bootstrap().createKey("ws-" + UUID.randomUUID(), "crm", "voice-reader");
        ws = issued.workspaceId();
        key = issued.secret().reveal();
        otherKey = herald.services().bootstrap().createKey("ws-" + UUID.randomUUID(), null, "admin").secret().reveal();
    }

    private Database db() {
        return herald.services().db();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private List<String> ids(String key, String query) {
        Http.Response r = http.get("/api/v1/voice/calls" + query, key);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        r.json().path("data").forEach(c -> out.add(c.path("id").asText()));
        return out;
    }

    /** Every id of a filtered list, following next_cursor with pages of {@code limit}. */
    private List<String> allPages(String filters, int limit) {
        List<String> out = new ArrayList<>();
        String cursor = null;
        do {
            Http.Response r = http.get("/api/v1/voice/calls?limit=" + limit + filters
                    + (cursor == null ? "" : "&cursor=" + cursor), key);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            r.json().path("data").forEach(c -> out.add(c.path("id").asText()));
            cursor = r.json().path("next_cursor").isNull() ? null : r.json().path("next_cursor").asText();
            assertThat(r.json().path("has_more").asBoolean()).isEqualTo(cursor != null);
        } while (cursor != null);
        return out;
    }

    @Test
    void eachFilterNarrowsTheListNewestFirst() {
        // A workspace of this test's own, so the other tests' calls do not pass its filters.
        IssuedKey own = herald.services().bootstrap().createKey("ws-" + UUID.randomUUID(), null, "admin");
        String ws = own.workspaceId();
        String key = own.secret().reveal();
        String lead = "lead_" + "a".repeat(26);
        String profile = "vpr_" + "b".repeat(26);
        String campaign = "cmp_" + "c".repeat(26);
        String a = CallRows.call(ws, T0).lead(lead).insert(db()).id;
        String b = CallRows.call(ws, T0.plusSeconds(60)).profile(profile, 3).qualified().insert(db()).id;
        String c = CallRows.call(ws, T0.plusSeconds(120)).campaign(campaign).direction("inbound").insert(db()).id;
        String d = CallRows.call(ws, T0.plusSeconds(180)).refused("do_not_call", "do_not_call").lead(lead)
                .insert(db()).id;
        CallRows.call("ws-" + UUID.randomUUID(), T0.plusSeconds(30)).lead(lead).insert(db());

        assertThat(ids(key, "?lead_id=" + lead)).containsExactly(d, a);
        assertThat(ids(key, "?profile_id=" + profile)).containsExactly(b);
        assertThat(ids(key, "?campaign_id=" + campaign)).containsExactly(c);
        assertThat(ids(key, "?direction=inbound")).containsExactly(c);
        assertThat(ids(key, "?outcome=qualified")).containsExactly(b);
        assertThat(ids(key, "?outcome=do_not_call&lead_id=" + lead)).containsExactly(d);
        assertThat(ids(key, "?from=" + enc("2026-03-01T12:01:00Z") + "&to=" + enc("2026-03-01T12:03:00Z")))
                .containsExactly(c, b);
        assertThat(ids(key, "?from=" + enc("2026-03-01T13:01:00+01:00") + "&to=" + enc("2026-03-01T12:02:00.001Z")))
                .as("offsets and fractions are honoured; to is exclusive").containsExactly(c, b);

        JsonNode refused = http.get("/api/v1/voice/calls?lead_id=" + lead + "&limit=1", key).json().path("data").get(0);
        assertThat(refused.path("status").asText()).isEqualTo("refused");
        assertThat(refused.path("refusal_reason").asText()).isEqualTo("do_not_call");
        assertThat(refused.path("answered_at").isNull()).isTrue();
        assertThat(refused.path("created_at").asText()).isEqualTo("2026-03-01T12:03:00Z");
        assertThat(http.get("/api/v1/voice/calls?lead_id=" + lead, otherKey).json().path("data")).isEmpty();
    }

    @Test
    void pagesAreStableWhileCallsAreInsertedAndTiesInTimeAreBrokenById() {
        String profile = "vpr_" + "d".repeat(26);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            // Pairs share a created_at, so the id decides their order.
            expected.add(CallRows.call(ws, T0.plusSeconds(1000 + i / 2)).profile(profile, 1).insert(db()).id);
        }
        List<String> firstPage = new ArrayList<>();
        Http.Response r = http.get("/api/v1/voice/calls?limit=3&profile_id=" + profile, key);
        r.json().path("data").forEach(c -> firstPage.add(c.path("id").asText()));
        String cursor = r.json().path("next_cursor").asText();
        // Calls arrive while the client pages: newer ones, and one at the same instant as the page's last.
        CallRows.call(ws, T0.plusSeconds(5000)).profile(profile, 1).insert(db());
        CallRows.call(ws, T0.plusSeconds(1002)).profile(profile, 1).insert(db());
        List<String> rest = new ArrayList<>();
        String next = cursor;
        while (next != null) {
            Http.Response p = http.get("/api/v1/voice/calls?limit=3&profile_id=" + profile + "&cursor=" + next, key);
            p.json().path("data").forEach(c -> rest.add(c.path("id").asText()));
            next = p.json().path("next_cursor").isNull() ? null : p.json().path("next_cursor").asText();
        }
        List<String> seen = new ArrayList<>(firstPage);
        seen.addAll(rest);
        // Every call that existed before paging began is seen exactly once, in newest-first order.
        List<String> original = seen.stream().filter(expected::contains).toList();
        assertThat(original).hasSize(expected.size()).doesNotHaveDuplicates();
        assertThat(original).containsExactlyElementsOf(sortedNewestFirst(expected));
        assertThat(allPages("&profile_id=" + profile, 2)).hasSize(9).doesNotHaveDuplicates();
    }

    /** The expected order: created_at descending, then id descending. */
    private List<String> sortedNewestFirst(List<String> ids) {
        return db().read(h -> h.createQuery("SELECT id FROM voice_calls WHERE id IN (<ids>) ORDER BY created_at DESC, id DESC")
                .bindList("ids", ids).mapTo(String.class).list());
    }

    @Test
    void badFiltersAre422NamingEveryField() {
        Http.Response r = http.get("/api/v1/voice/calls?outcome=maybe&direction=sideways&from=yesterday"
                + "&to=2026-13-01T00:00:00Z&limit=0&lead_id=" + "x".repeat(41), key);
        assertThat(r.status()).isEqualTo(422);
        List<String> fields = new ArrayList<>();
        r.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
        assertThat(fields).containsExactlyInAnyOrder("lead_id", "outcome", "direction", "from", "to", "limit");
        Http.Response order = http.get("/api/v1/voice/calls?from=" + enc("2026-03-02T00:00:00Z") + "&to="
                + enc("2026-03-01T00:00:00Z"), key);
        assertThat(order.status()).isEqualTo(422);
        assertThat(order.json().path("errors").get(0).path("field").asText()).isEqualTo("to");
        Http.Response cursor = http.get("/api/v1/voice/calls?cursor=bm9wZQ", key);
        assertThat(cursor.status()).isEqualTo(422);
        assertThat(cursor.json().path("errors").get(0).path("field").asText()).isEqualTo("cursor");
        // A well-formed cursor of another list (base64url of "v1:" and an id without a time) is refused too.
        String foreign = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("v1:whk_0123".getBytes(StandardCharsets.UTF_8));
        assertThat(http.get("/api/v1/voice/calls?cursor=" + foreign, key).status()).isEqualTo(422);
    }

    @Test
    void aCallIsFetchedWithTranscriptVerdictCostAndLinks_andAnotherWorkspacesCallIs404() {
        String lead = "lead_" + "e".repeat(26);
        String session = "ses_" + "f".repeat(26);
        CallRows.Row row = CallRows.call(ws, T0.plusSeconds(9000)).lead(lead).campaign("cmp_" + "9".repeat(26))
                .profile("vpr_" + "8".repeat(26), 4).qualified().meeting().cost(42_500).endCode("normal_clearing")
                .transcript("""
                        [{"role":"agent","text":"Hi, this is an AI assistant calling for Acme.","start_ms":0,"end_ms":2100},
                         {"role":"USER","text":"Sure, go ahead.","startMs":2300,"endMs":3000,"interrupted":false}]""")
                .verdict("{\"qualified\":true,\"score\":82,\"meeting\":{\"start\":\"2026-03-04T15:00:00Z\"}}",
                        "Qualified; demo booked for Wednesday.")
                .session(session, "sha256:" + "0".repeat(64)).insert(db());
        Http.Response r = http.get("/api/v1/voice/calls/" + row.id, key);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode call = r.json();
        assertThat(call.path("status").asText()).isEqualTo("ended");
        assertThat(call.path("outcome").asText()).isEqualTo("qualified");
        assertThat(call.path("end_reason").asText()).isEqualTo("agent_ended");
        assertThat(call.path("provider_end_code").asText()).isEqualTo("normal_clearing");
        assertThat(call.path("duration_ms").asLong()).isEqualTo(60_000);
        assertThat(call.path("answered_at").asText()).isEqualTo("2026-03-01T14:30:02Z");
        assertThat(call.path("transcript")).hasSize(2);
        assertThat(call.path("transcript").get(0).path("role").asText()).isEqualTo("agent");
        assertThat(call.path("transcript").get(1).path("role").asText()).isEqualTo("user");
        assertThat(call.path("transcript").get(1).path("start_ms").asLong()).isEqualTo(2300);
        assertThat(call.path("transcript").get(1).path("end_ms").asLong()).isEqualTo(3000);
        assertThat(call.path("summary").asText()).startsWith("Qualified");
        assertThat(call.path("verdict").path("score").asInt()).isEqualTo(82);
        assertThat(call.path("recording").isNull()).isTrue();
        assertThat(call.path("recording_unavailable_reason").asText()).isEqualTo("not_recorded");
        assertThat(call.path("cost").path("amount_micros").asLong()).isEqualTo(42_500);
        assertThat(call.path("cost").path("currency").asText()).isEqualTo("USD");
        assertThat(call.path("lead").path("href").asText()).isEqualTo("/api/v1/crm/leads/" + lead);
        assertThat(call.path("profile").path("version").asInt()).isEqualTo(4);
        assertThat(call.path("campaign").path("id").asText()).isEqualTo("cmp_" + "9".repeat(26));
        String project = call.path("governance").path("project_id").asText();
        assertThat(call.path("governance").path("session").asText())
                .isEqualTo("/v1/sessions/" + session + "?project=" + project);
        assertThat(call.path("governance").path("attestation").asText())
                .isEqualTo("/v1/sessions/" + session + "/attestation?project=" + project);
        assertThat(call.path("governance").path("chain_head_hash").asText()).startsWith("sha256:");

        assertThat(http.get("/api/v1/voice/calls/" + row.id, otherKey).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/voice/calls/" + CallRows.newId(), key).status()).isEqualTo(404);
    }

    @Test
    void aLiveCallHasNoTranscriptOrEndYet() {
        String id = CallRows.call(ws, T0.plusSeconds(9500)).live().insert(db()).id;
        JsonNode call = http.get("/api/v1/voice/calls/" + id, key).json();
        assertThat(call.path("status").asText()).isEqualTo("dialling");
        assertThat(call.path("transcript").isNull()).isTrue();
        assertThat(call.path("ended_at").isNull()).isTrue();
        assertThat(call.path("outcome").isNull()).isTrue();
        assertThat(call.path("governance").isNull()).isTrue();
        assertThat(call.path("campaign").isNull()).isTrue();
    }
}
