package dev.herald.voice.numbers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.server.testing.Http;
import dev.herald.server.testing.RunningHerald;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Inbound numbers over a real port: E.164 numbers normalized or refused with the reason, one route
 * per number in a workspace, routes only to an existing profile and objective, merge-patch updates,
 * deletes, workspaces apart, and the ring route's refusals (unknown number, bad caller number).
 */
abstract class NumberApiContract extends RunningHerald {
    private static final String BASE = "/api/v1/voice/numbers";
    private final ObjectMapper mapper = new ObjectMapper();

    private String projectKey() {
        return herald.services().bootstrap().createKey("ws-" + UUID.randomUUID(), "sales", "k").secret().reveal();
    }

    /** A profile with the default objective and a second one, {@code renewal}. */
    private String profile(String key) throws Exception {
        Http.Response created = http.post("/api/v1/voice/profiles", key, "{\"name\":\"Front desk\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        ArrayNode objectives = (ArrayNode) created.json().path("objectives").deepCopy();
        ObjectNode renewal = objectives.get(0).deepCopy();
        renewal.put("key", "renewal");
        objectives.add(renewal);
        ObjectNode patch = mapper.createObjectNode();
        patch.set("objectives", objectives);
        String id = created.json().path("id").asText();
        Http.Response patched = http.send("PATCH", "/api/v1/voice/profiles/" + id, key, "application/merge-patch+json",
                mapper.writeValueAsBytes(patch));
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        return id;
    }

    private static List<String> fields(Http.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        List<String> fields = new ArrayList<>();
        r.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
        return fields;
    }

    private Http.Response patch(String key, String id, String body) {
        return http.send("PATCH", BASE + "/" + id, key, "application/merge-patch+json", body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aNumberIsCreatedNormalizedReadListedUpdatedAndDeleted() throws Exception {
        String key = projectKey();
        String profile = profile(key);
        Http.Response created = http.post(BASE, key, "{\"number\":\"+1 (415) 555-0100\",\"profile_id\":\"" + profile
                + "\"}", "Idempotency-Key", "n-1");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode n = created.json();
        assertThat(n.path("id").asText()).startsWith("num_");
        assertThat(n.path("number").asText()).isEqualTo("+14155550100");
        assertThat(n.path("objective").asText()).isEqualTo("qualify_for_demo");
        assertThat(n.path("provider").asText()).isEqualTo("simulated");
        Http.Response replay = http.post(BASE, key, "{\"number\":\"+1 (415) 555-0100\",\"profile_id\":\"" + profile
                + "\"}", "Idempotency-Key", "n-1");
        assertThat(replay.json().path("id")).isEqualTo(n.path("id"));
        String id = n.path("id").asText();

        assertThat(http.get(BASE + "/" + id, key).json()).isEqualTo(n);
        assertThat(http.get(BASE, key).json().path("data").size()).isEqualTo(1);

        Http.Response updated = patch(key, id, "{\"objective\":\"renewal\",\"provider\":\"twilio\"}");
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().path("objective").asText()).isEqualTo("renewal");
        assertThat(updated.json().path("provider").asText()).isEqualTo("twilio");
        assertThat(updated.json().path("number").asText()).isEqualTo("+14155550100");
        assertThat(fields(patch(key, id, "{\"objective\":null,\"number\":\"0415\"}")))
                .containsExactlyInAnyOrder("objective");
        assertThat(fields(patch(key, id, "{\"number\":\"0415\"}"))).containsExactly("number");

        assertThat(http.send("DELETE", BASE + "/" + id, key, null, null).status()).isEqualTo(204);
        assertThat(http.get(BASE + "/" + id, key).status()).isEqualTo(404);
        assertThat(http.send("DELETE", BASE + "/" + id, key, null, null).status()).isEqualTo(404);
    }

    @Test
    void aNumberRoutesOncePerWorkspace() throws Exception {
        String key = projectKey();
        String profile = profile(key);
        String body = "{\"number\":\"+442079460958\",\"profile_id\":\"" + profile + "\"}";
        assertThat(http.post(BASE, key, body).status()).isEqualTo(201);
        Http.Response again = http.post(BASE, key, "{\"number\":\"+44 20 7946 0958\",\"profile_id\":\"" + profile + "\"}");
        assertThat(again.status()).as(again.body()).isEqualTo(409);
        String other = projectKey();
        assertThat(http.post(BASE, other, "{\"number\":\"+442079460958\",\"profile_id\":\"" + profile(other) + "\"}")
                .status()).as("another workspace may route the same number").isEqualTo(201);
    }

    @Test
    void concurrentCreatesOfOneNumberLeaveOneRoute() throws Exception {
        String key = projectKey();
        String profile = profile(key);
        List<Integer> statuses = new ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
            List<java.util.concurrent.Future<Http.Response>> futures = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                futures.add(pool.submit(() -> http.post(BASE, key, "{\"number\":\"+14155550123\",\"profile_id\":\""
                        + profile + "\"}")));
            }
            for (var f : futures) {
                statuses.add(f.get().status());
            }
        }
        assertThat(statuses).containsOnly(201, 409).containsOnlyOnce(201);
        assertThat(http.get(BASE, key).json().path("data").size()).isEqualTo(1);
    }

    @Test
    void badNumbersProfilesAndObjectivesAreNamed() throws Exception {
        String key = projectKey();
        String profile = profile(key);
        Http.Response national = http.post(BASE, key, "{\"number\":\"(415) 555-0100\",\"profile_id\":\"" + profile + "\"}");
        assertThat(fields(national)).containsExactly("number");
        assertThat(national.json().path("errors").get(0).path("reason").asText()).contains("missing_plus");
        assertThat(fields(http.post(BASE, key, "{\"number\":\"+44 (0)20 7946 0958\",\"profile_id\":\"" + profile + "\"}")))
                .containsExactly("number");
        assertThat(fields(http.post(BASE, key, "{\"number\":\"+14155550100\",\"profile_id\":\"vpr_nope\"}")))
                .containsExactly("profile_id");
        assertThat(fields(http.post(BASE, key, "{\"number\":\"+14155550100\",\"profile_id\":\"" + profile
                + "\",\"objective\":\"sell_cars\"}"))).containsExactly("objective");
        assertThat(fields(http.post(BASE, key, "{\"provider\":\"fax\"}"))).containsExactly("number", "profile_id", "provider");
        assertThat(fields(http.post(BASE, key, "{\"number\":\"+14155550100\",\"profile_id\":\"" + profile
                + "\",\"extension\":1}"))).containsExactly("extension");
        assertThat(http.get(BASE, key).json().path("data").size()).isZero();
    }

    @Test
    void aRingOnThisStoreReachesThePortWithTheNumbersRoute() throws Exception {
        String key = projectKey();
        String ws = http.get("/v1/me", key).json().path("workspace").path("id").asText();
        String profile = profile(key);
        String id = http.post(BASE, key, "{\"number\":\"+14155550100\",\"profile_id\":\"" + profile
                + "\",\"objective\":\"renewal\"}").json().path("id").asText();
        // The server's port is the calls feature's; this one, over the same store and profiles, records the routed call.
        List<String> rang = new ArrayList<>();
        var s = herald.services();
        NumberService routed = new NumberService(s.db(), s.ids(), s.clock(), s.voice().profiles(),
                (w, number, from, idem) -> {
                    rang.add(w + " " + number.id() + " " + number.profileId() + " " + number.objective() + " "
                            + number.provider() + " " + from + " " + idem);
                    return java.util.Map.of("status", "queued");
                });
        assertThat(routed.ring(ws, id, "+1 (212) 555-0199", "ring-1")).isEqualTo(java.util.Map.of("status", "queued"));
        assertThat(rang).containsExactly(ws + " " + id + " " + profile + " renewal simulated +12125550199 ring-1");
    }

    @Test
    void aRingOfAnUnknownNumberOrFromABadNumberIsRefused() throws Exception {
        String key = projectKey();
        String profile = profile(key);
        String id = http.post(BASE, key, "{\"number\":\"+14155550100\",\"profile_id\":\"" + profile + "\"}").json()
                .path("id").asText();
        assertThat(http.post(BASE + "/num_missing/calls", key, "{\"from\":\"+12125550199\"}").status()).isEqualTo(404);
        Http.Response bad = http.post(BASE + "/" + id + "/calls", key, "{\"from\":\"212-555-0199\"}");
        assertThat(fields(bad)).containsExactly("from");
        assertThat(bad.json().path("errors").get(0).path("reason").asText()).contains("missing_plus");
        assertThat(fields(http.post(BASE + "/" + id + "/calls", key, "{}"))).containsExactly("from");
        String other = projectKey();
        assertThat(http.post(BASE + "/" + id + "/calls", other, "{\"from\":\"+12125550199\"}").status()).isEqualTo(404);
        assertThat(http.get(BASE + "/" + id, other).status()).isEqualTo(404);
        assertThat(patch(other, id, "{\"provider\":\"twilio\"}").status()).isEqualTo(404);
        assertThat(http.send("DELETE", BASE + "/" + id, other, null, null).status()).isEqualTo(404);
    }
}
