package dev.herald.voice.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.platform.auth.IssuedKey;
import dev.herald.server.HeraldConfig;
import dev.herald.server.testing.Http;
import dev.herald.server.testing.RunningHerald;
import dev.herald.voice.VoiceSettings;
import dev.herald.voice.VoiceWorkspace;
import dev.herald.voice.core.simulation.Persona;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A workspace's voice settings over HTTP: defaults, an admin replacing them, bad values named by
 * field, metrics counting days in the stored zone, and the live-call limit holding for direct
 * calls and bounding a campaign's concurrency.
 */
abstract class WorkspaceSettingsContract extends RunningHerald {
    private String admin;
    private String project;

    @Override
    protected HeraldConfig config() {
        // Real pace: a placed call stays live long enough to meet the limit.
        return store().config().withVoice(new VoiceSettings(1.0));
    }

    @BeforeEach
    void workspace() {
        String ws = "ws-" + UUID.randomUUID();
        IssuedKey a = herald.services().bootstrap().createKey(ws, null, "admin");
        IssuedKey p = herald.services().bootstrap().createKey(ws, "sales", "k");
        admin = a.secret().reveal();
        project = p.secret().reveal();
    }

    @Test
    void startsWithTheDefaultsUntilAnAdminSetsThem() {
        JsonNode s = ok(http.get("/api/v1/voice/settings", project));
        assertThat(s.path("time_zone").asText()).isEqualTo("UTC");
        assertThat(s.path("max_concurrent_calls").asInt()).isEqualTo(20);
        assertThat(s.path("updated_at").isNull()).isTrue();

        assertThat(put("/api/v1/voice/settings", project, "{\"time_zone\":\"Europe/Berlin\"}").status())
                .as("a project key may read but not change the settings").isEqualTo(403);
        JsonNode set = ok(put("/api/v1/voice/settings", admin,
                "{\"time_zone\":\"America/New_York\",\"max_concurrent_calls\":150}"));
        assertThat(set.path("time_zone").asText()).isEqualTo("America/New_York");
        assertThat(set.path("max_concurrent_calls").asInt()).isEqualTo(150);
        assertThat(set.path("updated_at").isTextual()).isTrue();
        assertThat(ok(http.get("/api/v1/voice/settings", project))).isEqualTo(set);

        JsonNode reset = ok(put("/api/v1/voice/settings", admin, "{}"));
        assertThat(reset.path("time_zone").asText()).as("a member left out takes its default").isEqualTo("UTC");
        assertThat(reset.path("max_concurrent_calls").asInt()).isEqualTo(20);
    }

    @Test
    void rejectsABadZoneAndLimitNamingBothFieldsAndKeepsTheOldSettings() {
        ok(put("/api/v1/voice/settings", admin, "{\"time_zone\":\"Asia/Tokyo\",\"max_concurrent_calls\":7}"));
        Http.Response bad = put("/api/v1/voice/settings", admin, "{\"time_zone\":\"Mars/Olympus\",\"max_concurrent_calls\":0}");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.header("Content-Type")).startsWith("application/problem+json");
        List<String> fields = bad.json().path("errors").findValuesAsText("field");
        assertThat(fields).containsExactlyInAnyOrder("time_zone", "max_concurrent_calls");
        assertThat(put("/api/v1/voice/settings", admin, "{\"max_concurrent_calls\":1001}").status()).isEqualTo(422);
        assertThat(put("/api/v1/voice/settings", admin, "{\"max_concurrent_calls\":\"many\"}").status()).isEqualTo(422);
        assertThat(put("/api/v1/voice/settings", admin, "{\"colour\":\"red\"}").status()).isBetween(400, 422);
        JsonNode kept = ok(http.get("/api/v1/voice/settings", project));
        assertThat(kept.path("time_zone").asText()).isEqualTo("Asia/Tokyo");
        assertThat(kept.path("max_concurrent_calls").asInt()).isEqualTo(7);
    }

    @Test
    void metricsCountDaysInTheWorkspaceZoneUnlessTheRequestNamesOne() {
        assertThat(ok(http.get("/api/v1/voice/metrics", project)).path("time_zone").asText()).isEqualTo("UTC");
        ok(put("/api/v1/voice/settings", admin, "{\"time_zone\":\"Australia/Sydney\"}"));
        assertThat(ok(http.get("/api/v1/voice/metrics?group_by=day", project)).path("time_zone").asText())
                .isEqualTo("Australia/Sydney");
        assertThat(ok(http.get("/api/v1/voice/metrics?time_zone=Europe/Paris", project)).path("time_zone").asText())
                .isEqualTo("Europe/Paris");
    }

    @Test
    void directCallsOverTheLiveCallLimitAreDeferredAndCampaignsMayNotExceedIt() {
        ok(put("/api/v1/voice/settings", admin, "{\"max_concurrent_calls\":1}"));
        String profile = created(http.post("/api/v1/voice/profiles", project, "{\"name\":\"Ava\"}")).path("id").asText();
        String zone = daytimeZone();
        String first = lead("+14155550201", zone);
        String second = lead("+14155550202", zone);
        String live = created(http.post("/api/v1/voice/calls", project, call(first, profile))).path("id").asText();

        Http.Response deferred = http.post("/api/v1/voice/calls", project, call(second, profile));
        assertThat(deferred.status()).as(deferred.body()).isEqualTo(409);
        assertThat(deferred.json().path("detail").asText()).contains("workspace");

        Http.Response campaign = http.post("/api/v1/voice/campaigns", project, "{\"lead_ids\":[\"" + second
                + "\"],\"objective\":\"qualify_for_demo\",\"profile_id\":\"" + profile + "\",\"max_concurrent_calls\":2}");
        assertThat(campaign.status()).as(campaign.body()).isEqualTo(422);
        assertThat(campaign.json().path("errors").findValuesAsText("field")).containsExactly("max_concurrent_calls");
        assertThat(campaign.json().path("errors").get(0).path("reason").asText()).contains("limit, 1 ");

        ok(http.post("/api/v1/voice/calls/" + live + "/hangup", project, ""));
    }

    @Test
    void placementsRacingFromManyThreadsNeverTakeMoreLinesThanTheLimit() throws Exception {
        VoiceWorkspace w = VoiceWorkspace.create(herald, http);
        ok(put("/api/v1/voice/settings", w.key(), "{\"max_concurrent_calls\":3}"));
        String profile = w.profile();
        List<String> leads = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            leads.add(w.leadPlayedAs(Persona.QUALIFIED_BUYER)); // a long call at real pace: nobody hangs up meanwhile
        }
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<Http.Response>> answers = new java.util.ArrayList<>();
        try (var threads = java.util.concurrent.Executors.newFixedThreadPool(leads.size())) {
            for (String lead : leads) {
                answers.add(threads.submit(() -> {
                    go.await();
                    return http.post("/api/v1/voice/calls", w.key(), call(lead, profile));
                }));
            }
            go.countDown();
            List<String> placed = new java.util.ArrayList<>();
            for (var answer : answers) {
                Http.Response r = answer.get();
                assertThat(r.status()).as(r.body()).isIn(201, 409);
                if (r.status() == 201) {
                    placed.add(r.json().path("id").asText());
                }
            }
            assertThat(placed).as("calls that got a line").hasSize(3);
            for (String id : placed) {
                ok(http.post("/api/v1/voice/calls/" + id + "/hangup", w.key(), ""));
            }
        }
    }

    private String lead(String phone, String zone) {
        return created(http.post("/api/v1/crm/leads", project, "{\"name\":\"Lead " + phone + "\",\"phone\":\"" + phone
                + "\",\"time_zone\":\"" + zone + "\",\"consent\":\"granted\"}")).path("id").asText();
    }

    private Http.Response put(String path, String key, String json) {
        return http.send("PUT", path, key, "application/json", json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String call(String lead, String profile) {
        return "{\"direction\":\"outbound\",\"lead_id\":\"" + lead + "\",\"profile_id\":\"" + profile + "\"}";
    }

    /** A zone where it is now mid-day, so the calling window (08:00-21:00 local) is open. */
    private static String daytimeZone() {
        for (String z : List.of("America/New_York", "Europe/London", "Asia/Tokyo", "America/Los_Angeles",
                "Asia/Kolkata", "Australia/Sydney", "Europe/Berlin", "America/Sao_Paulo", "Pacific/Honolulu")) {
            int hour = ZonedDateTime.now(ZoneId.of(z)).getHour();
            if (hour >= 10 && hour < 19) {
                return z;
            }
        }
        throw new IllegalStateException("no listed zone is in daytime now");
    }

    private static JsonNode ok(Http.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static JsonNode created(Http.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }
}
