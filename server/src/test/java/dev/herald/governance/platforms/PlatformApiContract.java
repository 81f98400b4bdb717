package dev.herald.governance.platforms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.server.Herald;
import dev.herald.platform.auth.Caller;
import dev.herald.server.testing.Http;
import dev.herald.server.testing.LogCapture;
import dev.herald.server.testing.StandardWebhooks;
import dev.herald.server.testing.StoreExtension;
import dev.herald.server.testing.WebhookReceiver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Platform registration over a real port: secrets shown once, the signed {@code platform.registered}
 * callback received on a real HTTP receiver, rotation, policy approval, disabling, tenant isolation,
 * and no secret in logs or in stored replays.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PlatformApiContract {
    Herald herald;
    Http http;
    WebhookReceiver receiver;

    abstract StoreExtension store();

    @BeforeAll
    void start() {
        // The callback receivers listen on 127.0.0.1: the development setting is turned on explicitly.
        herald = Herald.start(store().config().withPrivateTargets(true));
        http = Http.validating(herald.baseUrl());
        receiver = new WebhookReceiver();
    }

    @AfterAll
    void stop() {
        herald.close();
        receiver.close();
    }

    private String adminKey() {
        return herald.services().bootstrap().createKey("ws-" + UUID.randomUUID(), null, "admin").secret().reveal();
    }

    private Http.Response register(String admin, String name, String idempotencyKey) {
        String body = "{\"surface\":\"voice\",\"name\":\"" + name + "\",\"callback_url\":\"" + receiver.url()
                + "\",\"project\":\"calls\"}";
        return idempotencyKey == null ? http.post("/v1/platforms", admin, body)
                : http.post("/v1/platforms", admin, body, "Idempotency-Key", idempotencyKey);
    }

    private String createProject(String admin) {
        Http.Response r = http.post("/v1/projects", admin, "{\"name\":\"calls\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("id").asText();
    }

    private WebhookReceiver.Received awaitCallback(String platformId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            for (WebhookReceiver.Received r : receiver.received()) {
                if (r.body().contains(platformId)) {
                    return r;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no callback for " + platformId);
    }

    @Test
    void registrationShowsEachSecretOnceAndTheCallbackReceivesASignedPlatformRegistered() throws Exception {
        String admin = adminKey();
        createProject(admin);
        List<String> secrets = new ArrayList<>();
        JsonNode first;
        try (LogCapture logs = new LogCapture()) {
            Http.Response r = register(admin, "acme-voice", "reg-1");
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            first = r.json();
            secrets.add(first.path("api_key").asText());
            secrets.add(first.path("signing_secret").asText());
            secrets.add(first.path("webhook_secret").asText());
            assertThat(secrets.get(0)).startsWith("hk_live_");
            assertThat(secrets.get(1)).startsWith("hsig_");
            assertThat(secrets.get(2)).startsWith("whsec_");

            Http.Response replay = register(admin, "acme-voice", "reg-1");
            assertThat(replay.status()).isEqualTo(201);
            assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(replay.json().path("platform").path("id").asText())
                    .isEqualTo(first.path("platform").path("id").asText());
            for (String field : List.of("api_key", "signing_secret", "webhook_secret")) {
                assertThat(replay.json().path(field).isNull()).as(field).isTrue();
            }

            String platformId = first.path("platform").path("id").asText();
            WebhookReceiver.Received callback = awaitCallback(platformId);
            assertThat(StandardWebhooks.libraryAccepts(secrets.get(2), callback)).isTrue();
            JsonNode event = new com.fasterxml.jackson.databind.ObjectMapper().readTree(callback.body());
            assertThat(event.path("type").asText()).isEqualTo("platform.registered");
            assertThat(event.path("data").path("platform_id").asText()).isEqualTo(platformId);

            // The platform's own key works and sees its platform.
            Http.Response own = http.get("/v1/platforms/" + platformId, secrets.get(0));
            assertThat(own.status()).as(own.body()).isEqualTo(200);
            assertThat(own.json().path("voice_policy").path("required_session_scopes"))
                    .extracting(JsonNode::asText).containsExactly("meeting:attend", "meeting:speak");
            assertThat(own.body()).doesNotContain(secrets.get(1)).doesNotContain(secrets.get(2));

            // The callback's delivery log shows the message as delivered.
            Http.Response log = http.get("/v1/webhooks/deliveries?endpoint_id="
                    + first.path("platform").path("webhook_endpoint_id").asText(), admin);
            assertThat(log.status()).as(log.body()).isEqualTo(200);
            assertThat(log.json().path("data").get(0).path("id").asText()).isEqualTo(callback.header("webhook-id"));
        }
        // Never stored in clear: not in the idempotency record nor in any row we own.
        String stored = herald.services().db().read(h -> String.join("\n",
                h.createQuery("SELECT body FROM idempotency_records").mapTo(String.class).list())
                + h.createQuery("SELECT signing_secret_enc FROM platforms").mapTo(String.class).list()
                + h.createQuery("SELECT secret_enc FROM webhook_endpoints").mapTo(String.class).list()
                + h.createQuery("SELECT secret_hash FROM api_keys").mapTo(String.class).list());
        for (String secret : secrets) {
            assertThat(stored).doesNotContain(secret);
        }
    }

    @Test
    void onlyAnAdminKeyRegistersPlatformsNeitherAProjectKeyNorAPlatformsOwnKey() {
        String admin = adminKey();
        createProject(admin);
        String projectKey = http.post("/v1/api-keys", admin, "{\"project\":\"calls\"}").json().path("key").asText();
        JsonNode registered = register(admin, "acme-voice", null).json();
        // The same name from a project key: 403, not the 409 that would confirm the name exists.
        String byProjectBody = "{\"surface\":\"voice\",\"name\":\"acme-voice\",\"callback_url\":\""
                + receiver.url() + "\"}";
        assertForbidden(http.post("/v1/platforms", projectKey, byProjectBody));

        String platformKey = registered.path("api_key").asText();
        String platformId = registered.path("platform").path("id").asText();
        assertThat(http.get("/v1/me", platformKey).json().path("scopes").toString()).isEqualTo("[\"platform\"]");
        assertForbidden(http.post("/v1/platforms", platformKey, byProjectBody));
        assertForbidden(http.post("/v1/api-keys", platformKey, "{\"project\":\"calls\"}"));
        assertForbidden(http.post("/v1/platforms/" + platformId + "/rotate-secret", platformKey,
                "{\"secret\":\"api_key\"}"));
        // Configuring the project is the organization's: a platform's key runs calls, it sets no policy.
        assertForbidden(http.post("/v1/policies", platformKey, "{\"name\":\"open\",\"policy_json\":{}}"));
        assertThat(http.get("/v1/platforms/" + platformId, platformKey).status()).isEqualTo(200);
        assertThat(http.get("/v1/platforms", admin).json().path("data")).hasSize(1);
    }

    private static void assertForbidden(Http.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(403);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().path("type").asText()).isEqualTo("urn:herald:problem:forbidden");
    }

    @Test
    void secretsNeverReachTheLogs() {
        String admin = adminKey();
        createProject(admin);
        List<String> secrets = new ArrayList<>();
        List<String> lines;
        try (LogCapture logs = new LogCapture()) {
            JsonNode reg = register(admin, "logged-voice", null).json();
            String id = reg.path("platform").path("id").asText();
            secrets.add(reg.path("api_key").asText());
            secrets.add(reg.path("signing_secret").asText());
            secrets.add(reg.path("webhook_secret").asText());
            for (String kind : List.of("api_key", "signing_secret", "webhook_secret")) {
                Http.Response r = http.post("/v1/platforms/" + id + "/rotate-secret", admin,
                        "{\"secret\":\"" + kind + "\"}");
                assertThat(r.status()).as(r.body()).isEqualTo(200);
                secrets.add(r.json().path("secret").asText());
            }
            // A bad request carrying a secret-looking value must not echo it into logs either.
            http.post("/v1/platforms", admin, "{\"surface\":\"voice\",\"name\":\"x\",\"callback_url\":\""
                    + secrets.get(2) + "\"}");
            lines = logs.lines();
        }
        assertThat(lines).isNotEmpty();
        for (String secret : secrets) {
            assertThat(secret).isNotBlank();
            assertThat(lines).noneMatch(line -> line.contains(secret));
        }
    }

    @Test
    void rotationReplacesTheApiKeyAndSigningSecretAtOnce() {
        String admin = adminKey();
        createProject(admin);
        JsonNode reg = register(admin, "rotating", null).json();
        String id = reg.path("platform").path("id").asText();
        String oldKey = reg.path("api_key").asText();
        Http.Response rotated = http.post("/v1/platforms/" + id + "/rotate-secret", admin, "{\"secret\":\"api_key\"}");
        String newKey = rotated.json().path("secret").asText();
        assertThat(http.get("/v1/me", oldKey).status()).isEqualTo(401);
        assertThat(http.get("/v1/platforms/" + id, newKey).status()).isEqualTo(200);

        String oldSigning = reg.path("signing_secret").asText();
        String newSigning = http.post("/v1/platforms/" + id + "/rotate-secret", admin,
                "{\"secret\":\"signing_secret\"}").json().path("secret").asText();
        Platform platform = herald.services().platforms().get(callerFor(admin), id);
        byte[] body = "{\"turn\":1}".getBytes(StandardCharsets.UTF_8);
        long ts = 1_700_000_000L;
        assertThat(herald.services().platforms().verifyRequestSignature(platform, "req_1", ts, body,
                hmac(newSigning, "req_1", ts, body))).isTrue();
        assertThat(herald.services().platforms().verifyRequestSignature(platform, "req_1", ts, body,
                hmac(oldSigning, "req_1", ts, body))).isFalse();

        Http.Response webhook = http.post("/v1/platforms/" + id + "/rotate-secret", admin,
                "{\"secret\":\"webhook_secret\",\"grace_seconds\":600}");
        assertThat(webhook.json().path("secret").asText()).startsWith("whsec_");
        assertThat(webhook.json().path("previous_valid_until").asLong()).isPositive();
        Http.Response bad = http.post("/v1/platforms/" + id + "/rotate-secret", admin,
                "{\"secret\":\"api_key\",\"grace_seconds\":600}");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().path("errors").get(0).path("field").asText()).isEqualTo("grace_seconds");
    }

    private Caller callerFor(String key) {
        return herald.services().apiKeys().authenticate(key).orElseThrow();
    }

    private static String hmac(String secret, String id, long ts, byte[] body) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
            mac.update((id + "." + ts + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + java.util.Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theOrganizationApprovesAVoicePolicy() {
        String admin = adminKey();
        createProject(admin);
        JsonNode reg = register(admin, "policy-voice", null).json();
        String id = reg.path("platform").path("id").asText();
        String platformKey = reg.path("api_key").asText();
        JsonNode dflt = http.get("/v1/platforms/" + id + "/voice-policy", platformKey).json();
        assertThat(dflt.path("proof_required").asBoolean()).isTrue();
        assertThat(dflt.path("action_scopes").path("tool_call").asText()).isEqualTo("execute:tool");
        assertThat(dflt.path("action_scopes").path("crm_write").asText()).isEqualTo("data:write");
        assertThat(dflt.path("action_scopes").path("outbound_message").asText()).isEqualTo("comms:message:send");

        String policy = "{\"required_session_scopes\":[\"meeting:attend\",\"meeting:speak\",\"execute:tool\"],"
                + "\"proof_required\":false}";
        assertThat(http.send("PUT", "/v1/platforms/" + id + "/voice-policy", platformKey, "application/json",
                policy.getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(403);
        Http.Response approved = http.send("PUT", "/v1/platforms/" + id + "/voice-policy", admin, "application/json",
                policy.getBytes(StandardCharsets.UTF_8));
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().path("proof_required").asBoolean()).isFalse();
        assertThat(approved.json().path("approved_by").asText()).startsWith("key_");
        assertThat(approved.json().path("action_scopes").path("tool_call").asText()).isEqualTo("execute:tool");

        Http.Response invalid = http.send("PUT", "/v1/platforms/" + id + "/voice-policy", admin, "application/json",
                "{\"required_session_scopes\":[\"meeting:dance\"]}".getBytes(StandardCharsets.UTF_8));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.json().path("errors").get(0).path("field").asText())
                .isEqualTo("required_session_scopes[0]");
    }

    @Test
    void disablingRevokesTheKeyAndAnotherWorkspaceSeesNothing() {
        String admin = adminKey();
        createProject(admin);
        JsonNode reg = register(admin, "tenant-voice", null).json();
        String id = reg.path("platform").path("id").asText();
        String endpointId = reg.path("platform").path("webhook_endpoint_id").asText();

        String stranger = adminKey();
        assertThat(http.get("/v1/platforms/" + id, stranger).status()).isEqualTo(404);
        assertThat(http.get("/v1/platforms/" + id + "/voice-policy", stranger).status()).isEqualTo(404);
        assertThat(http.post("/v1/platforms/" + id + "/disable", stranger, "{}").status()).isEqualTo(404);
        assertThat(http.get("/v1/webhooks/endpoints/" + endpointId, stranger).status()).isEqualTo(404);
        assertThat(http.get("/v1/webhooks/deliveries?endpoint_id=" + endpointId, stranger).status()).isEqualTo(404);
        assertThat(http.get("/v1/webhooks/deliveries", stranger).json().path("data")).isEmpty();
        assertThat(http.get("/v1/platforms", stranger).json().path("data")).isEmpty();
        String someDelivery = http.get("/v1/webhooks/deliveries", admin).json().path("data").get(0).path("id").asText();
        assertThat(http.get("/v1/webhooks/deliveries/" + someDelivery, stranger).status()).isEqualTo(404);
        assertThat(http.post("/v1/webhooks/deliveries/" + someDelivery + "/redeliver", stranger, "{}").status())
                .isEqualTo(404);

        Http.Response disabled = http.post("/v1/platforms/" + id + "/disable", admin, "{}");
        assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
        assertThat(disabled.json().path("status").asText()).isEqualTo("disabled");
        assertThat(http.get("/v1/me", reg.path("api_key").asText()).status()).isEqualTo(401);
        assertThat(http.get("/v1/webhooks/endpoints/" + endpointId, admin).json().path("status").asText())
                .isEqualTo("disabled");
        assertThat(Set.of(409)).contains(http.post("/v1/platforms/" + id + "/rotate-secret", admin,
                "{\"secret\":\"api_key\"}").status());
    }

    @Test
    void badRegistrationsNameTheField() {
        String admin = adminKey();
        createProject(admin);
        Http.Response r = http.post("/v1/platforms", admin,
                "{\"surface\":\"video\",\"name\":\"ok\",\"callback_url\":\"ftp://x\",\"project\":\"calls\"}");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().path("errors")).extracting(e -> e.path("field").asText())
                .contains("surface", "callback_url");
        Http.Response noProject = http.post("/v1/platforms", admin,
                "{\"surface\":\"voice\",\"name\":\"ok\",\"callback_url\":\"https://example.com/cb\"}");
        assertThat(noProject.status()).isEqualTo(422);
        assertThat(noProject.json().path("errors").get(0).path("field").asText()).isEqualTo("project");
        assertThat(register(admin, "dup", null).status()).isEqualTo(201);
        assertThat(register(admin, "dup", null).status()).isEqualTo(409);
    }

    @Test
    void webhookEndpointsOverHttpShowTheSecretOnceAndNeedAnAdminKey() throws Exception {
        String admin = adminKey();
        createProject(admin);
        String body = "{\"url\":\"" + receiver.url() + "\",\"event_types\":[\"session.ended\",\"agent.revoked\"]}";
        Http.Response created = http.post("/v1/webhooks/endpoints", admin, body, "Idempotency-Key", "ep-1");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("id").asText();
        assertThat(created.json().path("secret").asText()).startsWith("whsec_");
        assertThat(created.json().path("event_types")).extracting(JsonNode::asText)
                .containsExactly("agent.revoked", "session.ended");
        Http.Response replay = http.post("/v1/webhooks/endpoints", admin, body, "Idempotency-Key", "ep-1");
        assertThat(replay.json().path("id").asText()).isEqualTo(id);
        assertThat(replay.json().path("secret").isNull()).isTrue();

        Http.Response rotated = http.post("/v1/webhooks/endpoints/" + id + "/rotate-secret", admin,
                "{\"grace_seconds\":3600}");
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        assertThat(rotated.json().path("secret").asText()).startsWith("whsec_")
                .isNotEqualTo(created.json().path("secret").asText());
        assertThat(rotated.json().path("previous_secret_until").asLong()).isPositive();
        assertThat(http.post("/v1/webhooks/endpoints/" + id + "/rotate-secret", admin,
                "{\"grace_seconds\":99999999}").status()).isEqualTo(422);

        assertThat(http.post("/v1/webhooks/endpoints/" + id + "/disable", admin, "{}").json().path("status").asText())
                .isEqualTo("disabled");
        assertThat(http.post("/v1/webhooks/endpoints/" + id + "/enable", admin, "{}").json().path("status").asText())
                .isEqualTo("enabled");
        assertThat(http.get("/v1/webhooks/endpoints", admin).json().path("data")).extracting(e -> e.path("id").asText())
                .contains(id);
        Http.Response bad = http.post("/v1/webhooks/endpoints", admin, "{\"url\":\"ftp://x\",\"event_types\":[\"Nope\"]}");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().path("errors")).extracting(e -> e.path("field").asText())
                .contains("url", "event_types[0]");

        String platformKey = register(admin, "ep-platform", null).json().path("api_key").asText();
        assertThat(http.get("/v1/webhooks/endpoints/" + id, platformKey).status()).isEqualTo(403);
        assertThat(http.get("/v1/webhooks/deliveries", platformKey).status()).isEqualTo(403);
    }
}
