package dev.herald.voice.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.server.testing.Http;
import dev.herald.server.testing.RunningHerald;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The campaign routes over a real server, every answer validated against the OpenAPI document.
 * The happy path of create needs the calls, crm and profiles packages behind the ports; it is
 * covered at the service level ({@link CampaignDiallerContract}) until they are wired.
 */
abstract class CampaignRoutesContract extends RunningHerald {
    static final String BASE = "/api/v1/voice/campaigns";

    String key() {
        return herald.services().bootstrap().createKey("ws-" + UUID.randomUUID(), null, null).secret().reveal();
    }

    static List<String> fields(Http.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.contentType()).startsWith("application/problem+json");
        List<String> out = new ArrayList<>();
        for (JsonNode e : r.json().path("errors")) {
            out.add(e.path("field").asText());
        }
        return out;
    }

    @Test
    void aBadBodyIsOne422NamingEveryField() {
        String body = """
                {"lead_ids": ["lead_a", "lead_a", ""], "objective": "Qualify!", "calendar_connector_id": "x y",
                 "max_concurrent_calls": 0, "calls_per_minute": 7000,
                 "calling_window": {"start": "8am", "end": "21:00", "days": ["someday"], "fallback_zones": ["UTC+2"]},
                 "retry": {"busy": {"max_attempts": 20}}, "start_at": "soon"}""";
        assertThat(fields(http.post(BASE, key(), body))).containsExactlyInAnyOrder("lead_ids[1]", "lead_ids[2]",
                "objective", "profile_id", "calendar_connector_id", "max_concurrent_calls", "calls_per_minute",
                "calling_window.start", "calling_window.days[0]", "calling_window.fallback_zones[0]",
                "retry.busy.max_attempts", "start_at");
    }

    @Test
    void unknownMembersAndWrongTypesAreNamed() {
        assertThat(fields(http.post(BASE, key(), """
                {"lead_ids": ["lead_a"], "objective": "qualify_for_demo", "profile_id": "vpr_x", "speed": 3}""")))
                .containsExactly("speed");
        assertThat(fields(http.post(BASE, key(), """
                {"lead_ids": "lead_a", "objective": "qualify_for_demo", "profile_id": "vpr_x"}""")))
                .containsExactly("lead_ids");
        assertThat(fields(http.post(BASE, key(), """
                {"lead_ids": ["lead_a"], "objective": "qualify_for_demo", "profile_id": "vpr_x",
                 "retry": {"ringing": {"max_attempts": 2}}}"""))).containsExactly("retry.ringing");
    }

    @Test
    void moreThanTenThousandLeadsAreRefusedWhole() {
        String ids = java.util.stream.IntStream.rangeClosed(1, 10_001)
                .mapToObj(i -> "\"lead_%026x\"".formatted(i)).collect(java.util.stream.Collectors.joining(","));
        Http.Response r = http.post(BASE, key(), "{\"lead_ids\": [" + ids + "], \"objective\": \"qualify_for_demo\", "
                + "\"profile_id\": \"vpr x\"}");
        assertThat(fields(r)).containsExactly("lead_ids", "profile_id");
        assertThat(r.json().path("errors").get(0).path("reason").asText()).contains("10000").contains("10001");
    }

    @Test
    void anEmptyWorkspaceListsNoCampaigns() {
        Http.Response r = http.get(BASE, key());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("data")).isEmpty();
        assertThat(r.json().path("has_more").asBoolean()).isFalse();
        assertThat(fields(http.get(BASE + "?limit=0", key()))).containsExactly("limit");
    }

    @Test
    void aMissingCampaignIsNotFoundEverywhere() {
        String key = key();
        String id = "cmp_0123456789abcdef0123456789";
        assertThat(http.get(BASE + "/" + id, key).status()).isEqualTo(404);
        assertThat(http.get(BASE + "/" + id + "/results", key).status()).isEqualTo(404);
        for (String verb : List.of("pause", "resume", "cancel")) {
            Http.Response r = http.post(BASE + "/" + id + "/" + verb, key, "{}");
            assertThat(r.status()).as(verb + ": " + r.body()).isEqualTo(404);
            assertThat(r.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void aKeyIsNeeded() {
        assertThat(http.get(BASE, null).status()).isEqualTo(401);
    }
}
