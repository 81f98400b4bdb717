package dev.herald.voice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.server.HeraldConfig;
import dev.herald.server.cli.Cli;
import dev.herald.server.testing.Http;
import dev.herald.server.testing.RunningHerald;
import dev.herald.server.testing.SseClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The worked example of docs/voice.md, step by step with the same requests and the same example
 * files: create a profile, import 20 leads from CSV, upload a knowledge document, start a campaign,
 * watch one call's transcript stream live, then read the results and metrics, and verify with
 * {@code herald verify} the attestation of a call whose verdict was written back to its lead.
 * Calls run at twenty times real pace (the documented demo runs at ten).
 */
abstract class WorkedExampleContract extends RunningHerald {
    private static final Path EXAMPLES = Path.of(System.getProperty("herald.root", ".."), "docs", "examples");

    @Override
    protected HeraldConfig config() {
        return store().config().withVoice(new VoiceSettings(20));
    }

    @Test
    void theDocumentedCurlSessionRunsEndToEnd() throws Exception {
        String key = herald.services().bootstrap().createKey("example-" + UUID.randomUUID(), null, "admin")
                .secret().reveal();

        // 1. A profile from the qualify_for_demo template.
        String profile = status(http.post("/api/v1/voice/profiles", key, "{\"name\":\"Ava\"}"), 201).path("id").asText();

        // 2. Twenty leads from CSV.
        byte[] csv = Files.readAllBytes(EXAMPLES.resolve("voice-leads.csv"));
        JsonNode imported = status(http.send("POST", "/api/v1/crm/leads/import", key, "text/csv", csv), 200);
        assertThat(imported.path("imported").asInt()).isEqualTo(20);
        List<String> leads = new ArrayList<>();
        imported.path("lead_ids").forEach(id -> leads.add(id.asText()));

        // 3. A knowledge document.
        byte[] pricing = Files.readAllBytes(EXAMPLES.resolve("voice-pricing.md"));
        status(http.send("POST", "/api/v1/voice/knowledge/documents?title=Pricing", key, "text/markdown", pricing), 201);

        // 4. The campaign (demo window: any hour; one dial per lead).
        JsonNode campaign = status(http.post("/api/v1/voice/campaigns", key, campaignBody(leads, profile)), 201);
        String campaignId = campaign.path("id").asText();

        // 5. Watch one call's transcript live, from its first event to its verdict.
        String callId = firstCall(key, campaignId);
        List<String> types = new ArrayList<>();
        try (SseClient stream = SseClient.authorized(herald.port(), "/api/v1/voice/calls/" + callId + "/events", key,
                null)) {
            assertThat(stream.status()).isEqualTo(200);
            for (SseClient.Item item; (item = stream.nextEvent(Duration.ofSeconds(60))) != null; ) {
                types.add(item.event());
                if (item.event().equals("call.verdict") || item.event().equals("call.refused")) {
                    break;
                }
            }
        }
        assertThat(types).as("events of " + callId).isNotEmpty();
        assertThat(types.getLast()).isIn("call.verdict", "call.refused");

        // 6. Results once the campaign completes.
        awaitCompleted(key, campaignId);
        JsonNode results = status(http.get("/api/v1/voice/campaigns/" + campaignId + "/results?limit=100", key), 200);
        assertThat(results.path("data")).hasSize(20);

        // 7. Metrics over the campaign.
        JsonNode metrics = status(http.get("/api/v1/voice/metrics?group_by=campaign", key), 200);
        assertThat(metrics.toString()).contains(campaignId);

        // 8. A qualified-or-not verdict on a lead, and its call's attestation through herald verify.
        JsonNode calls = status(http.get("/api/v1/voice/calls?campaign_id=" + campaignId + "&limit=100", key), 200);
        String answeredId = null;
        for (JsonNode c : calls.path("data")) {
            if (c.path("answered_at").isTextual()) {
                answeredId = c.path("id").asText();
                break;
            }
        }
        assertThat(answeredId).as("an answered call among 20 simulated leads: " + calls).isNotNull();
        JsonNode answered = status(http.get("/api/v1/voice/calls/" + answeredId, key), 200);
        JsonNode lead = status(http.get("/api/v1/crm/leads/" + answered.path("lead").path("id").asText(), key), 200);
        JsonNode verdict = lead.path("verdicts").get(0);
        assertThat(verdict.path("call_id").asText()).isEqualTo(answeredId);
        assertThat(verdict.path("chain_head_hash").asText())
                .isEqualTo(answered.path("governance").path("chain_head_hash").asText());
        Http.Response artifact = http.get(answered.path("governance").path("attestation").asText(), key);
        assertThat(artifact.status()).as(artifact.body()).isEqualTo(200);
        Path dir = Files.createTempDirectory(store().dataDir(), "example");
        Path file = Files.write(dir.resolve("call-attestation.json"), artifact.bytes());
        Path issuerKeys = Files.writeString(dir.resolve("issuer-keys.json"),
                http.get("/.well-known/herald/issuer-keys.json", null).body());
        assertThat(cli("verify", file.toString(), "--data-dir", store().dataDir().toString(), "--issuer-keys",
                issuerKeys.toString(), "--require-trust")).startsWith("0\n").endsWith("VERIFIED attestation_artifact\n");
    }

    static String campaignBody(List<String> leads, String profile) {
        return "{\"name\":\"Webinar follow-up\",\"lead_ids\":" + leads.stream().map(l -> "\"" + l + "\"").toList()
                + ",\"objective\":\"qualify_for_demo\",\"profile_id\":\"" + profile + "\","
                + "\"max_concurrent_calls\":10,\"calls_per_minute\":600,"
                + "\"calling_window\":{\"start\":\"00:00\",\"end\":\"23:59\"},"
                + "\"retry\":{\"no_answer\":{\"max_attempts\":1},\"busy\":{\"max_attempts\":1},"
                + "\"voicemail\":{\"max_attempts\":1},\"failed\":{\"max_attempts\":1}}}";
    }

    private String firstCall(String key, String campaignId) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            JsonNode page = http.get("/api/v1/voice/calls?campaign_id=" + campaignId + "&limit=1", key).json();
            if (!page.path("data").isEmpty()) {
                return page.path("data").get(0).path("id").asText();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the campaign placed no call within 30 s");
    }

    private void awaitCompleted(String key, String campaignId) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(180);
        JsonNode c = null;
        while (Instant.now().isBefore(deadline)) {
            c = http.get("/api/v1/voice/campaigns/" + campaignId, key).json();
            if (c.path("state").asText().equals("completed")) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("campaign not completed within 180 s: " + c);
    }

    private static JsonNode status(Http.Response r, int expected) {
        assertThat(r.status()).as(r.body()).isEqualTo(expected);
        return r.json();
    }

    /** {@code herald <args>}: the exit code, a newline, then standard output. */
    private static String cli(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int exit = Cli.execute(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return exit + "\n" + out.toString(StandardCharsets.UTF_8) + (exit == 0 ? "" : err.toString(StandardCharsets.UTF_8));
    }
}
