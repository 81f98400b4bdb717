package dev.herald.voice.profiles;

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
 * Agent voice profiles over a real port: create from a template with a name alone, versions made
 * by merge patches (and none by a patch that changes nothing), old versions readable, every
 * invalid field named in one 422, the agent's scopes following the tools, and workspaces apart.
 */
abstract class ProfileApiContract extends RunningHerald {
    private static final String BASE = "/api/v1/voice/profiles";
    private static final String MERGE_PATCH = "application/merge-patch+json";
    private final ObjectMapper mapper = new ObjectMapper();

    private String projectKey() {
        return herald.services().bootstrap().createKey("ws-" + UUID.randomUUID(), "sales", "k").secret().reveal();
    }

    private Http.Response patch(String key, String id, String contentType, String body) {
        return http.send("PATCH", BASE + "/" + id, key, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode create(String key, String body) {
        Http.Response r = http.post(BASE, key, body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    private static List<String> fields(Http.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        List<String> fields = new ArrayList<>();
        r.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
        return fields;
    }

    @Test
    void aNameAloneGivesAWorkingProfileFromTheDefaultTemplate() {
        String key = projectKey();
        JsonNode p = create(key, "{\"name\":\"Inbound demo\"}");
        assertThat(p.path("id").asText()).startsWith("vpr_");
        assertThat(p.path("version").asInt()).isEqualTo(1);
        assertThat(p.path("name").asText()).isEqualTo("Inbound demo");
        assertThat(p.path("agent_id").asText()).hasSize(32);
        assertThat(p.path("provider").asText()).isEqualTo("simulated");
        assertThat(p.path("objectives").get(0).path("key").asText()).isEqualTo("qualify_for_demo");
        assertThat(p.path("objectives").get(0).path("questions").size()).isGreaterThan(0);
        assertThat(p.path("tools").size()).isEqualTo(7);
        assertThat(p.path("turn_detection").path("mode").asText()).isEqualTo("server_vad");

        JsonNode read = http.get(BASE + "/" + p.path("id").asText(), key).json();
        assertThat(read).isEqualTo(p);
        JsonNode withTemplate = create(key, "{\"name\":\"Two\",\"template\":\"qualify_for_demo\",\"voice\":\"verse\"}");
        assertThat(withTemplate.path("voice").asText()).isEqualTo("verse");
        assertThat(withTemplate.path("agent_id").asText()).isNotEqualTo(p.path("agent_id").asText());
    }

    @Test
    void aCreateReplaysUnderItsIdempotencyKey() {
        String key = projectKey();
        Http.Response first = http.post(BASE, key, "{\"name\":\"Once\"}", "Idempotency-Key", "create-1");
        Http.Response again = http.post(BASE, key, "{\"name\":\"Once\"}", "Idempotency-Key", "create-1");
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.json().path("id")).isEqualTo(first.json().path("id"));
        assertThat(http.get(BASE, key).json().path("data").size()).isEqualTo(1);
        Http.Response other = http.post(BASE, key, "{\"name\":\"Other\"}", "Idempotency-Key", "create-1");
        assertThat(other.status()).isEqualTo(409);
    }

    @Test
    void aPatchMakesTheNextVersionAndAnUnchangedOneMakesNone() {
        String key = projectKey();
        String id = create(key, "{\"name\":\"Versioned\"}").path("id").asText();
        Http.Response v2 = patch(key, id, MERGE_PATCH, "{\"system_prompt\":\"Be very brief.\",\"voice\":\"verse\"}");
        assertThat(v2.status()).as(v2.body()).isEqualTo(200);
        assertThat(v2.json().path("version").asInt()).isEqualTo(2);
        assertThat(v2.json().path("system_prompt").asText()).isEqualTo("Be very brief.");

        Http.Response same = patch(key, id, "application/json", "{\"voice\":\"verse\"}");
        assertThat(same.status()).isEqualTo(200);
        assertThat(same.json().path("version").asInt()).isEqualTo(2);
        assertThat(patch(key, id, MERGE_PATCH, "{}").json().path("version").asInt()).isEqualTo(2);

        JsonNode v1 = http.get(BASE + "/" + id + "?version=1", key).json();
        assertThat(v1.path("version").asInt()).isEqualTo(1);
        assertThat(v1.path("voice").asText()).isEqualTo("alloy");
        assertThat(v1.path("system_prompt").asText()).isNotEqualTo("Be very brief.");

        JsonNode versions = http.get(BASE + "/" + id + "/versions?limit=1", key).json();
        assertThat(versions.path("data").get(0).path("version").asInt()).isEqualTo(1);
        assertThat(versions.path("has_more").asBoolean()).isTrue();
        JsonNode rest = http.get(BASE + "/" + id + "/versions?limit=1&cursor=" + versions.path("next_cursor").asText(),
                key).json();
        assertThat(rest.path("data").get(0).path("version").asInt()).isEqualTo(2);
        assertThat(rest.path("has_more").asBoolean()).isFalse();

        assertThat(http.get(BASE + "/" + id + "?version=3", key).status()).isEqualTo(404);
        assertThat(fields(http.get(BASE + "/" + id + "?version=0", key))).containsExactly("version");
    }

    @Test
    void anInvalidPatchNamesEveryFieldAndWritesNothing() {
        String key = projectKey();
        String id = create(key, "{\"name\":\"Strict\"}").path("id").asText();
        List<String> invalid = fields(patch(key, id, MERGE_PATCH, "{\"greeting\":\"Hi {nobody}\",\"language\":\"??\","
                + "\"turn_detection\":{\"silence_ms\":10},\"tools\":[\"search_knowledge\"]}"));
        assertThat(invalid).contains("greeting", "language", "turn_detection.silence_ms", "tools");
        List<String> structural = fields(patch(key, id, MERGE_PATCH,
                "{\"name\":null,\"tools\":[\"fly\"],\"provider\":\"carrier-pigeon\",\"objectives\":[{\"key\":\"x\"}]}"));
        assertThat(structural).contains("name", "tools[0]", "provider", "objectives[0].questions",
                "objectives[0].criteria", "objectives[0].passing_score");
        assertThat(fields(patch(key, id, MERGE_PATCH, "{\"colour\":\"blue\"}"))).containsExactly("colour");
        assertThat(http.get(BASE + "/" + id, key).json().path("version").asInt()).isEqualTo(1);
        assertThat(http.get(BASE + "/" + id + "/versions", key).json().path("data").size()).isEqualTo(1);
    }

    @Test
    void aCreateWithoutANameOrWithAnUnknownTemplateIsRefused() {
        String key = projectKey();
        assertThat(fields(http.post(BASE, key, "{\"voice\":\"alloy\"}"))).containsExactly("name");
        assertThat(fields(http.post(BASE, key, "{\"name\":\"x\",\"template\":\"sell_cars\"}"))).containsExactly("template");
        assertThat(http.get(BASE, key).json().path("data").size()).isZero();
    }

    @Test
    void theAgentsScopesFollowTheTools() throws Exception {
        String key = projectKey();
        JsonNode p = create(key, "{\"name\":\"Scoped\"}");
        String id = p.path("id").asText();
        String ws = http.get("/v1/me", key).json().path("workspace").path("id").asText();
        var agents = herald.services().voice().agents();
        assertThat(agents.identity(ws, id).scopes())
                .containsExactly("meeting:attend", "meeting:speak", "execute:tool", "data:write", "comms:message:send");
        assertThat(fields(patch(key, id, MERGE_PATCH, "{\"tools\":[\"search_knowledge\"]}"))).containsExactly("tools", "tools");
        ArrayNode objectives = (ArrayNode) p.path("objectives").deepCopy();
        ((ObjectNode) objectives.get(0)).putNull("meeting_minutes");
        ObjectNode body = mapper.createObjectNode();
        body.set("objectives", objectives);
        body.set("tools", mapper.valueToTree(List.of("search_knowledge", "lookup_lead", "end_call")));
        Http.Response narrowed = patch(key, id, MERGE_PATCH, mapper.writeValueAsString(body));
        assertThat(narrowed.status()).as(narrowed.body()).isEqualTo(200);
        assertThat(narrowed.json().path("version").asInt()).isEqualTo(2);
        assertThat(narrowed.json().path("agent_id")).isEqualTo(p.path("agent_id"));
        assertThat(agents.identity(ws, id).scopes()).containsExactly("meeting:attend", "meeting:speak", "execute:tool");
    }

    @Test
    void anotherWorkspacesProfileIsNotFound() {
        String mine = projectKey();
        String theirs = projectKey();
        String id = create(mine, "{\"name\":\"Mine\"}").path("id").asText();
        assertThat(http.get(BASE + "/" + id, theirs).status()).isEqualTo(404);
        assertThat(patch(theirs, id, MERGE_PATCH, "{\"voice\":\"verse\"}").status()).isEqualTo(404);
        assertThat(http.get(BASE + "/" + id + "/versions", theirs).status()).isEqualTo(404);
        assertThat(http.get(BASE, theirs).json().path("data").size()).isZero();
        assertThat(http.get(BASE + "/vpr_nope", mine).status()).isEqualTo(404);
    }

    @Test
    void concurrentPatchesNeverForkAVersion() throws Exception {
        String key = projectKey();
        String id = create(key, "{\"name\":\"Contended\"}").path("id").asText();
        int writers = 6;
        List<Http.Response> answers;
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(writers)) {
            List<java.util.concurrent.Future<Http.Response>> futures = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String body = "{\"voice\":\"voice-" + i + "\"}";
                futures.add(pool.submit(() -> patch(key, id, MERGE_PATCH, body)));
            }
            answers = new ArrayList<>();
            for (var f : futures) {
                answers.add(f.get());
            }
        }
        List<Integer> made = new ArrayList<>();
        for (Http.Response r : answers) {
            assertThat(r.status()).as(r.body()).isIn(200, 409);
            if (r.status() == 200) {
                made.add(r.json().path("version").asInt());
            }
        }
        assertThat(made).isNotEmpty().doesNotHaveDuplicates();
        JsonNode versions = http.get(BASE + "/" + id + "/versions?limit=100", key).json().path("data");
        assertThat(versions.size()).isEqualTo(1 + made.size());
        for (int i = 0; i < versions.size(); i++) {
            assertThat(versions.get(i).path("version").asInt()).isEqualTo(i + 1);
        }
        assertThat(http.get(BASE + "/" + id, key).json().path("version").asInt()).isEqualTo(versions.size());
    }

    @Test
    void concurrentFirstProfilesOfAWorkspaceShareOneRoot() throws Exception {
        String key = projectKey();
        String ws = http.get("/v1/me", key).json().path("workspace").path("id").asText();
        List<Http.Response> answers = new ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
            List<java.util.concurrent.Future<Http.Response>> futures = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String body = "{\"name\":\"First " + i + "\"}";
                futures.add(pool.submit(() -> http.post(BASE, key, body)));
            }
            for (var f : futures) {
                answers.add(f.get());
            }
        }
        List<String> roots = new ArrayList<>();
        for (Http.Response r : answers) {
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            roots.add(herald.services().voice().agents().identity(ws, r.json().path("id").asText()).rootId());
        }
        assertThat(roots).hasSize(4).containsOnly(roots.getFirst());
    }

    @Test
    void theListIsCursorPaged() {
        String key = projectKey();
        create(key, "{\"name\":\"A\"}");
        create(key, "{\"name\":\"B\"}");
        JsonNode first = http.get(BASE + "?limit=1", key).json();
        assertThat(first.path("has_more").asBoolean()).isTrue();
        JsonNode second = http.get(BASE + "?limit=1&cursor=" + first.path("next_cursor").asText(), key).json();
        assertThat(second.path("data").get(0).path("name").asText()).isEqualTo("B");
        assertThat(second.path("has_more").asBoolean()).isFalse();
    }
}
