package dev.herald.governance.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.evidence.json.CanonicalJson;
import dev.herald.evidence.verify.CheckResult;
import dev.herald.evidence.verify.CheckStatus;
import dev.herald.evidence.verify.EvidenceVerifier;
import dev.herald.evidence.verify.VerificationReport;
import dev.herald.evidence.verify.VerifyOptions;
import dev.herald.ratify.Bytes;
import dev.herald.ratify.HybridKeyPair;
import dev.herald.ratify.Issuer;
import dev.herald.ratify.RatifyJson;
import dev.herald.ratify.StreamedTurn;
import dev.herald.server.cli.Cli;
import dev.herald.server.Herald;
import dev.herald.server.testing.Http;
import dev.herald.server.testing.MppToolCalls;
import dev.herald.server.testing.StandardWebhooks;
import dev.herald.server.testing.StoreExtension;
import dev.herald.server.testing.WebhookReceiver;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worked example of docs/voice-gateway.md, run against a real server: a voice gateway
 * registers its platform, an organization creates a root and an agent with {@code herald ratify}
 * and delegates the voice scopes, the gateway starts a session with a proof, ingests signed atoms,
 * runs turns with the session token, makes a tool call that needs {@code execute:tool}, is revoked
 * mid-call, and the artifact verifies offline.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class VoiceGatewayExampleContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Issuer sdk = new Issuer(Clock.systemUTC(), RANDOM);
    Herald herald;
    Http http;
    WebhookReceiver callbacks;
    @TempDir
    Path dir;

    abstract StoreExtension store();

    @BeforeAll
    void start() {
        // The callback receivers listen on 127.0.0.1: the development setting is turned on explicitly.
        herald = Herald.start(store().config().withPrivateTargets(true));
        http = Http.validating(herald.baseUrl());
        callbacks = new WebhookReceiver();
    }

    @AfterAll
    void stop() {
        herald.close();
        callbacks.close();
    }

    // ---- the gateway's helpers -------------------------------------------------------------

    /** {@code herald ratify ...} in process; returns standard output. */
    private String heraldRatify(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of("ratify"));
        all.addAll(List.of(args));
        int exit = Cli.execute(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), all.toArray(String[]::new));
        assertThat(exit).as(String.join(" ", args) + ": " + err).isZero();
        return out.toString(StandardCharsets.UTF_8).strip();
    }

    private String file(String name) {
        return dir.resolve(name).toString();
    }

    private HybridKeyPair keyFile(String name) throws Exception {
        return RatifyJson.decodeKeyPairFile(Files.readAllBytes(dir.resolve(name))).keyPair();
    }

    private JsonNode ok(Http.Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        return r.json();
    }

    private WebhookReceiver.Received awaitCallback(String type, String sessionOrPlatform) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            for (WebhookReceiver.Received r : callbacks.received()) {
                if (r.body().contains("\"type\":\"" + type + "\"") && r.body().contains(sessionOrPlatform)) {
                    return r;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + type + " callback for " + sessionOrPlatform);
    }

    /** A platform in a fresh workspace: admin key, platform key, webhook secret, platform id, project id. */
    record Gateway(String admin, String key, String webhookSecret, String platformId, String projectId) {
    }

    private Gateway registerPlatform() {
        String admin = herald.services().bootstrap().createKey("ws-" + UUID.randomUUID(), null, "admin")
                .secret().reveal();
        String projectId = ok(http.post("/v1/projects", admin, "{\"name\":\"calls\"}"), 201).path("id").asText();
        JsonNode reg = ok(http.post("/v1/platforms", admin, "{\"surface\":\"voice\",\"name\":\"acme-voice\","
                + "\"callback_url\":\"" + callbacks.url() + "\",\"project\":\"calls\"}"), 201);
        return new Gateway(admin, reg.path("api_key").asText(), reg.path("webhook_secret").asText(),
                reg.path("platform").path("id").asText(), projectId);
    }

    private ObjectNode startBody(Gateway g, String idempotencyKey, String proof) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode permit = body.putObject("permit");
        permit.put("project_id", g.projectId());
        permit.put("idempotency_key", idempotencyKey);
        permit.putObject("subject").put("type", "user").put("id", "caller-555-0100");
        permit.putObject("action").put("name", "realtime.session");
        ObjectNode resource = permit.putObject("resource");
        resource.put("type", "call").put("id", "call-" + idempotencyKey);
        resource.putObject("attributes").put("provider", "openai").put("model", "gpt-4o-realtime-preview");
        if (proof != null) {
            body.put("proof", proof);
        }
        return body;
    }

    /** Root, agent and a delegation of {@code scopes}, made with the CLI; root and cert registered with Herald. */
    private String[] rootAgentAndCert(Gateway g, String scopes) throws Exception {
        String rootId = heraldRatify("init", "-o", file("root.json"));
        String agentId = heraldRatify("agent", "-o", file("agent.json"), "--name", "Ava");
        heraldRatify("delegate", "--issuer", file("root.json"), "--subject", file("agent.json"), "--scope", scopes,
                "--expires", "2h", "-o", file("cert.json"));
        String rootKey = new String(RatifyJson.encode(keyFile("root.json").publicKey()), StandardCharsets.UTF_8);
        ok(http.post("/v1/ratify/principals", g.admin(), "{\"public_key\":" + rootKey + "}"), 201);
        String agentKey = new String(RatifyJson.encode(keyFile("agent.json").publicKey()), StandardCharsets.UTF_8);
        ok(http.post("/v1/ratify/agents", g.key(), "{\"public_key\":" + agentKey
                + ",\"name\":\"Ava\",\"agent_type\":\"voice_agent\"}"), 201);
        ok(http.post("/v1/ratify/delegations", g.key(), "{\"cert\":" + Files.readString(dir.resolve("cert.json")) + "}"), 201);
        return new String[] {rootId, agentId, JSON.readTree(dir.resolve("cert.json").toFile()).path("cert_id").asText()};
    }

    /** Asks Herald for a start challenge bound to this start, and signs it with the CLI. */
    private String startProof(Gateway g, String agentId, String idempotencyKey) {
        JsonNode c = ok(http.post("/v1/voice/challenges", g.key(), "{\"purpose\":\"session_start\",\"agent_id\":\""
                + agentId + "\",\"idempotency_key\":\"" + idempotencyKey + "\"}"), 200);
        return heraldRatify("present", "--agent", file("agent.json"), "--challenge", c.path("challenge").asText(),
                "--cert", file("cert.json"), "--session-context", c.path("session_context").asText(), "--base64");
    }

    /** A streamed-turn proof: a turn challenge from Herald, signed by the agent key with the SDK. */
    private ObjectNode turnProof(Gateway g, String sessionId, String sessionToken) throws Exception {
        JsonNode c = ok(http.post("/v1/voice/challenges", g.key(),
                "{\"purpose\":\"turn\",\"session_id\":\"" + sessionId + "\"}"), 200);
        StreamedTurn turn = sdk.presentTurn(keyFile("agent.json"), Bytes.fromBase64(c.path("challenge").asText()),
                Issuer.Binding.stream(Bytes.fromBase64(c.path("session_context").asText()),
                        Bytes.fromBase64(c.path("stream_id").asText()), c.path("stream_seq").asLong()));
        ObjectNode ratify = JSON.createObjectNode();
        ratify.put("session_token", sessionToken);
        ratify.put("turn", Base64.getEncoder().encodeToString(RatifyJson.encode(turn)));
        return ratify;
    }

    private ObjectNode turnBody(ObjectNode ratify) {
        ObjectNode body = JSON.createObjectNode().put("input_tokens", 40).put("output_tokens", 60)
                .put("risk_budget_used_micros", 0);
        if (ratify != null) {
            body.set("ratify", ratify);
        }
        return body;
    }

    private static byte[] ed25519Sign(KeyPair kp, byte[] message) throws Exception {
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(kp.getPrivate());
        s.update(message);
        return s.sign();
    }

    /** An atom signed as the documented canonical bytes (docs/realtime.md), by the gateway's sidecar key. */
    private static ObjectNode signedAtom(KeyPair sidecar, String sessionId, String type, String direction,
                                         ObjectNode payload) throws Exception {
        ObjectNode atom = JSON.createObjectNode().put("atom_type", type).put("idempotency_key", "evt-" + UUID.randomUUID())
                .put("captured_at_ns", String.valueOf(System.currentTimeMillis() * 1_000_000L)).put("direction", direction);
        atom.set("payload", payload);
        ObjectNode signed = JSON.createObjectNode().put("domain", "herald.voice_atom.v1").put("session_id", sessionId)
                .put("atom_type", type).put("idempotency_key", atom.path("idempotency_key").asText())
                .put("captured_at_ns", atom.path("captured_at_ns").asText()).put("direction", direction);
        signed.set("payload", payload);
        atom.putArray("signatures").addObject().put("algorithm", "ed25519").put("key_id", "gateway-ed")
                .put("signature", Base64.getEncoder().encodeToString(ed25519Sign(sidecar, CanonicalJson.bytes(signed))));
        return atom;
    }

    private long sessionCount(String projectId) {
        return herald.services().db().read(h -> h.createQuery("SELECT COUNT(*) FROM realtime_sessions WHERE project_id = :p")
                .bind("p", projectId).mapTo(Long.class).one());
    }

    // ---- the example -------------------------------------------------------------------------

    /** Turns saved by the guarded write, decided from a kept row or a read. */
    private double unlockedTurns() {
        Matcher m = Pattern.compile("(?m)^herald_turns_saved_total\\{path=\"(known|unlocked)\"[^}]*} (\\S+)$")
                .matcher(http.get("/metrics", null).body());
        double sum = 0;
        int found = 0;
        while (m.find()) {
            sum += Double.parseDouble(m.group(2));
            found++;
        }
        assertThat(found).isEqualTo(2);
        return sum;
    }

    /** Guarded turn saves refused (the chain moved or a gate's condition failed) and redone. */
    private double refusedSaves() {
        Matcher m = Pattern.compile("(?m)^herald_turns_chain_moved_total(?:\\{[^}]*})? (\\S+)$")
                .matcher(http.get("/metrics", null).body());
        assertThat(m.find()).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void aVoiceGatewayFromRegistrationToARevokedCallAndAVerifiedArtifact() throws Exception {
        // 1. The platform registers and gets its key and webhook secret (shown once).
        Gateway g = registerPlatform();
        assertThat(StandardWebhooks.libraryAccepts(g.webhookSecret(), awaitCallback("platform.registered",
                g.platformId()))).isTrue();

        // 2. The organization makes a root and an agent and delegates the voice scopes plus execute:tool.
        String[] ids = rootAgentAndCert(g, "meeting:attend,meeting:speak,execute:tool");
        String rootId = ids[0];
        String agentId = ids[1];
        String certId = ids[2];

        // 3. The gateway's sidecar key, to sign media atoms.
        KeyPair sidecar = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] spki = sidecar.getPublic().getEncoded();
        String sidecarKey = Base64.getEncoder().encodeToString(Arrays.copyOfRange(spki, spki.length - 32, spki.length));
        ok(http.post("/v1/sidecar-keys", g.key(), "{\"key_id\":\"gateway-ed\",\"algorithm\":\"ed25519\","
                + "\"public_key\":\"ed25519:" + sidecarKey + "\"}"), 201);

        // 4. Start the call with a proof bound to this start.
        String idem = "call-" + UUID.randomUUID();
        JsonNode session = ok(http.post("/v1/sessions", g.key(), startBody(g, idem, startProof(g, agentId, idem))
                .toString()), 201);
        String sessionId = session.path("session_id").asText();
        JsonNode ratify = session.path("ratify");
        assertThat(ratify.path("human_id").asText()).isEqualTo(rootId);
        assertThat(ratify.path("agent_id").asText()).isEqualTo(agentId);
        assertThat(ratify.path("granted_scope")).extracting(JsonNode::asText)
                .containsExactly("execute:tool", "meeting:attend", "meeting:speak");
        String token = ratify.path("session_token").asText();
        assertThat(RatifyJson.decodeSessionToken(Base64.getDecoder().decode(token)).sessionId()).isEqualTo(sessionId);
        assertThat(StandardWebhooks.libraryAccepts(g.webhookSecret(),
                awaitCallback("agent.session.authorized", sessionId))).isTrue();

        // 5. Signed atoms: the caller's audio and the agent's transcript.
        ObjectNode batch = JSON.createObjectNode().put("batch_idempotency_key", "b-" + UUID.randomUUID());
        batch.putArray("events")
                .add(signedAtom(sidecar, sessionId, "audio_chunk", "inbound", JSON.createObjectNode()
                        .put("content_hash", "sha256:" + "cd".repeat(32)).put("format", "pcm16").put("duration_ms", 1200)))
                .add(signedAtom(sidecar, sessionId, "transcript_span", "outbound", JSON.createObjectNode()
                        .put("text", "Hello, this is Ava, an AI assistant calling for Acme.").put("language", "en")));
        JsonNode ingested = ok(http.post("/v1/voice/sessions/" + sessionId + "/events", g.key(), batch.toString()), 200);
        assertThat(ingested.path("accepted_count").asInt()).as(ingested.toString()).isEqualTo(2);

        // 6. Turns with the session token and a fresh, stream-bound challenge each.
        ObjectNode proof1 = turnProof(g, sessionId, token);
        JsonNode turn1 = ok(http.post("/v1/sessions/" + sessionId + "/turns", g.key(), turnBody(proof1).toString()), 200);
        assertThat(turn1.path("decision").asText()).as(turn1.toString()).isEqualTo("allow");
        JsonNode replayed = ok(http.post("/v1/sessions/" + sessionId + "/turns", g.key(), turnBody(proof1).toString()), 200);
        assertThat(replayed.path("decision").asText()).isEqualTo("deny");
        // The replayed turn is refused on its stream position before its (consumed) challenge is looked up.
        assertThat(replayed.path("user_facing_reason").asText()).matches("(stream_seq_replay|unknown_challenge): .*");
        JsonNode turn2 = ok(http.post("/v1/sessions/" + sessionId + "/turns", g.key(),
                turnBody(turnProof(g, sessionId, token)).toString()), 200);
        assertThat(turn2.path("decision").asText()).as(turn2.toString()).isEqualTo("allow");
        // Only a turn proof makes the Ratify gate write, so a turn without one is decided unlocked,
        // and saved at the first attempt: nothing was revoked.
        double unlocked = unlockedTurns();
        double refusedBefore = refusedSaves();
        JsonNode plain = ok(http.post("/v1/sessions/" + sessionId + "/turns", g.key(), turnBody(null).toString()), 200);
        assertThat(plain.path("decision").asText()).as(plain.toString()).isEqualTo("allow");
        assertThat(unlockedTurns() - unlocked).isEqualTo(1);
        assertThat(refusedSaves() - refusedBefore).isZero();

        // 7. A tool call needs execute:tool (granted); a CRM write needs data:write (not granted).
        JsonNode tool = ok(http.post("/v1/sessions/" + sessionId + "/action-permits", g.key(),
                "{\"tool_name\":\"lookup_order\",\"call_id\":\"c1\",\"arguments\":{\"order\":\"A-17\"}}"), 201);
        assertThat(tool.path("decision").asText()).isEqualTo("allow");
        JsonNode crm = ok(http.post("/v1/sessions/" + sessionId + "/action-permits", g.key(),
                "{\"tool_name\":\"crm_create_case\",\"call_id\":\"c2\",\"action_kind\":\"crm_write\"}"), 200);
        assertThat(crm.path("decision").asText()).isEqualTo("deny");
        assertThat(crm.path("user_facing_reason").asText()).contains("data:write");

        // 8. The organization revokes the agent's delegation mid-call.
        heraldRatify("revoke", "--issuer", file("root.json"), "--cert-id", certId, "-o", file("revocations.json"));
        String rootKey = new String(RatifyJson.encode(keyFile("root.json").publicKey()), StandardCharsets.UTF_8);
        ok(http.send("PUT", "/v1/ratify/revocations/" + rootId, g.admin(), "application/json",
                ("{\"revocation_list\":" + Files.readString(dir.resolve("revocations.json")) + ",\"issuer_public_key\":"
                        + rootKey + "}").getBytes(StandardCharsets.UTF_8)), 200);
        WebhookReceiver.Received revoked = awaitCallback("agent.revoked", sessionId);
        assertThat(StandardWebhooks.libraryAccepts(g.webhookSecret(), revoked)).isTrue();
        assertThat(JSON.readTree(revoked.body()).path("data").path("revoked_cert_id").asText()).isEqualTo(certId);

        // 9. The next turn is denied and the session fails with reason "revoked". It is first decided
        // from the row the revocation's chain entry left on this node without a read, and its save
        // refused: the revocation is the condition the gate attached to it.
        double refused = refusedSaves();
        JsonNode cut = ok(http.post("/v1/sessions/" + sessionId + "/turns", g.key(), turnBody(null).toString()), 200);
        assertThat(refusedSaves() - refused).isEqualTo(1);
        assertThat(cut.path("decision").asText()).isEqualTo("deny");
        assertThat(cut.path("reason_code").asText()).isEqualTo("revoked");
        JsonNode failed = ok(http.get("/v1/sessions/" + sessionId, g.key()), 200);
        assertThat(failed.path("status").asText()).isEqualTo("failed");
        assertThat(failed.path("failure_reason").asText()).isEqualTo("revoked");
        assertThat(StandardWebhooks.libraryAccepts(g.webhookSecret(), awaitCallback("session.failed", sessionId)))
                .isTrue();
        assertThat(http.post("/v1/sessions/" + sessionId + "/turns", g.key(), turnBody(null).toString()).status())
                .isEqualTo(409);

        // 10. The artifact verifies offline and names who authorized the speaker and the revocation.
        JsonNode artifact = ok(http.get("/v1/sessions/" + sessionId + "/attestation", g.key()), 200);
        VerificationReport report = new EvidenceVerifier(VerifyOptions.defaults()
                .withTrustAnchors(List.of(herald.tsa().credentials().root()))
                .withPinnedKeys(herald.services().attestation().keys().verificationKeys()))
                .verify(artifact.toString().getBytes(StandardCharsets.UTF_8));
        for (CheckResult c : report.checks()) {
            assertThat(c.status()).as(c.check() + ": " + c.detail()).isIn(CheckStatus.PASS, CheckStatus.NOT_VALIDATED);
        }
        assertThat(report.verified()).isTrue();
        assertThat(artifact.toString()).contains("voice.agent.authorized").contains("voice.agent.revoked")
                .contains(agentId).contains(rootId);
    }

    // ---- rejections at start: nothing is created ----------------------------------------------

    @Test
    void forgedReplayedStaleAndWrongScopeProofsAreRejectedWithTheRatifyReason() throws Exception {
        Gateway g = registerPlatform();
        String[] ids = rootAgentAndCert(g, "meeting:attend");
        String agentId = ids[1];

        // Wrong scope: the policy requires meeting:speak too.
        String k1 = "call-" + UUID.randomUUID();
        Http.Response wrongScope = http.post("/v1/sessions", g.key(), startBody(g, k1, startProof(g, agentId, k1)).toString());
        assertThat(wrongScope.status()).as(wrongScope.body()).isEqualTo(403);
        assertThat(wrongScope.json().path("reason_code").asText()).isEqualTo("scope_denied");
        assertThat(wrongScope.json().path("detail").asText()).contains("meeting:speak");

        // Forged: the cert's scope widened after signing.
        String k2 = "call-" + UUID.randomUUID();
        JsonNode bundle = JSON.readTree(Base64.getDecoder().decode(startProof(g, agentId, k2)));
        ((com.fasterxml.jackson.databind.node.ArrayNode) bundle.path("delegations").get(0).path("scope")).add("meeting:speak");
        Http.Response forged = http.post("/v1/sessions", g.key(), startBody(g, k2,
                Base64.getEncoder().encodeToString(JSON.writeValueAsBytes(bundle))).toString());
        assertThat(forged.status()).as(forged.body()).isEqualTo(403);
        assertThat(forged.json().path("detail").asText()).isNotBlank();

        // Stale: signed with a clock ten minutes behind.
        String k3 = "call-" + UUID.randomUUID();
        JsonNode c = ok(http.post("/v1/voice/challenges", g.key(), "{\"purpose\":\"session_start\",\"agent_id\":\""
                + agentId + "\",\"idempotency_key\":\"" + k3 + "\"}"), 200);
        Issuer late = new Issuer(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10)), RANDOM);
        var stale = late.present(keyFile("agent.json"), List.of(RatifyJson.decodeDelegationCert(
                Files.readAllBytes(dir.resolve("cert.json")))), Bytes.fromBase64(c.path("challenge").asText()),
                Issuer.Binding.session(Bytes.fromBase64(c.path("session_context").asText())));
        Http.Response staleR = http.post("/v1/sessions", g.key(), startBody(g, k3,
                Base64.getEncoder().encodeToString(RatifyJson.encode(stale))).toString());
        assertThat(staleR.status()).as(staleR.body()).isEqualTo(403);
        assertThat(staleR.json().path("reason_code").asText()).isEqualTo("stale_challenge");

        // No proof at all where the policy requires one.
        Http.Response none = http.post("/v1/sessions", g.key(), startBody(g, "call-" + UUID.randomUUID(), null).toString());
        assertThat(none.status()).isEqualTo(403);
        assertThat(none.json().path("reason_code").asText()).isEqualTo("proof_required");
        assertThat(StandardWebhooks.libraryAccepts(g.webhookSecret(), awaitCallback("agent.session.denied",
                "proof_required"))).isTrue();

        assertThat(sessionCount(g.projectId())).isZero();
    }

    @Test
    void aProofCannotBeReplayedIntoAnotherStart() throws Exception {
        Gateway g = registerPlatform();
        String agentId = rootAgentAndCert(g, "meeting:attend,meeting:speak")[1];
        String k1 = "call-" + UUID.randomUUID();
        String proof = startProof(g, agentId, k1);
        ok(http.post("/v1/sessions", g.key(), startBody(g, k1, proof).toString()), 201);
        // The same start again is the idempotent replay of the first answer...
        Http.Response same = http.post("/v1/sessions", g.key(), startBody(g, k1, proof).toString());
        assertThat(same.status()).isEqualTo(201);
        assertThat(same.header("Idempotent-Replayed")).isEqualTo("true");
        // ...but the proof under another start is rejected, and nothing is created.
        Http.Response other = http.post("/v1/sessions", g.key(), startBody(g, "call-" + UUID.randomUUID(), proof)
                .toString());
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.json().path("reason_code").asText()).isIn("session_context_mismatch", "unknown_challenge");
        assertThat(sessionCount(g.projectId())).isEqualTo(1);
    }

    @Test
    void theSessionTokenIsStoredSealedAndAReplayedStartReturnsTheFirstAnswerByteForByte() throws Exception {
        Gateway g = registerPlatform();
        String agentId = rootAgentAndCert(g, "meeting:attend,meeting:speak")[1];
        String key = "call-" + UUID.randomUUID();
        String body = startBody(g, key, startProof(g, agentId, key)).toString();
        Http.Response first = http.post("/v1/sessions", g.key(), body);
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        String token = first.json().path("ratify").path("session_token").asText();
        assertThat(token).isNotEmpty();
        String sessionId = first.json().path("session_id").asText();

        String raw = herald.services().db().read(h -> h.createQuery(
                        "SELECT start_response FROM realtime_sessions WHERE id = :id")
                .bind("id", sessionId).mapTo(String.class).one());
        assertThat(raw).doesNotContain(token).contains("\"session_token\":\"v1:");
        byte[] tokenBytes = Base64.getDecoder().decode(token);
        assertThat(raw).doesNotContain(new String(tokenBytes, StandardCharsets.UTF_8))
                .doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(tokenBytes));

        Http.Response replay = http.post("/v1/sessions", g.key(), body);
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.bytes()).isEqualTo(first.bytes());
        // The replayed token still authorizes the session's turns.
        JsonNode turn = ok(http.post("/v1/sessions/" + sessionId + "/turns", g.key(),
                turnBody(turnProof(g, sessionId, replay.json().path("ratify").path("session_token").asText())).toString()),
                200);
        assertThat(turn.path("decision").asText()).as(turn.toString()).isEqualTo("allow");
    }

    @Test
    void aPolicyRequiringAProofOnEveryTurnDeniesATurnWithoutOne() throws Exception {
        Gateway g = registerPlatform();
        String policyPath = "/v1/platforms/" + g.platformId() + "/voice-policy";
        assertThat(ok(http.get(policyPath, g.admin()), 200).path("proof_required_on_every_turn").asBoolean()).isFalse();
        Http.Response contradictory = http.send("PUT", policyPath, g.admin(), "application/json",
                "{\"proof_required\":false,\"proof_required_on_every_turn\":true}".getBytes(StandardCharsets.UTF_8));
        assertThat(contradictory.status()).isEqualTo(422);
        assertThat(contradictory.json().path("errors").get(0).path("field").asText())
                .isEqualTo("proof_required_on_every_turn");

        String agentId = rootAgentAndCert(g, "meeting:attend,meeting:speak")[1];
        String key = "call-" + UUID.randomUUID();
        JsonNode started = ok(http.post("/v1/sessions", g.key(), startBody(g, key, startProof(g, agentId, key))
                .toString()), 201);
        String sessionId = started.path("session_id").asText();
        String token = started.path("ratify").path("session_token").asText();
        // Today's default: the turn proof is optional.
        JsonNode plain = ok(http.post("/v1/sessions/" + sessionId + "/turns", g.key(), turnBody(null).toString()), 200);
        assertThat(plain.path("decision").asText()).as(plain.toString()).isEqualTo("allow");

        JsonNode approved = ok(http.send("PUT", policyPath, g.admin(), "application/json",
                "{\"proof_required_on_every_turn\":true}".getBytes(StandardCharsets.UTF_8)), 200);
        assertThat(approved.path("proof_required_on_every_turn").asBoolean()).isTrue();
        assertThat(approved.path("proof_required").asBoolean()).isTrue();

        JsonNode denied = ok(http.post("/v1/sessions/" + sessionId + "/turns", g.key(), turnBody(null).toString()), 200);
        assertThat(denied.path("decision").asText()).isEqualTo("deny");
        assertThat(denied.path("reason_code").asText()).isEqualTo("turn_proof_required");
        assertThat(denied.path("user_facing_reason").asText()).contains("streamed-turn proof");
        JsonNode proved = ok(http.post("/v1/sessions/" + sessionId + "/turns", g.key(),
                turnBody(turnProof(g, sessionId, token)).toString()), 200);
        assertThat(proved.path("decision").asText()).as(proved.toString()).isEqualTo("allow");
    }

    @Test
    void anApprovedPolicyWithoutProofStartsAndEndsWithCallbacks() throws Exception {
        Gateway g = registerPlatform();
        ok(http.send("PUT", "/v1/platforms/" + g.platformId() + "/voice-policy", g.admin(), "application/json",
                "{\"proof_required\":false}".getBytes(StandardCharsets.UTF_8)), 200);
        JsonNode s = ok(http.post("/v1/sessions", g.key(), startBody(g, "call-" + UUID.randomUUID(), null).toString()), 201);
        String sessionId = s.path("session_id").asText();
        assertThat(s.has("ratify")).isFalse();
        ok(http.post("/v1/sessions/" + sessionId + "/end", g.key(), "{}"), 200);
        WebhookReceiver.Received ended = awaitCallback("session.ended", sessionId);
        assertThat(StandardWebhooks.libraryAccepts(g.webhookSecret(), ended)).isTrue();
        // Realtime sends it; the platform comes from identity's record of the session (no agent: no proof).
        assertThat(JSON.readTree(ended.body()).path("data").toString()).isEqualTo(JSON.createObjectNode()
                .put("session_id", sessionId).put("project_id", g.projectId()).put("status", "ended")
                .put("platform_id", g.platformId()).putNull("agent_id").put("turn_count", 0).toString());
    }

    @Test
    void aRevokedCertTheSessionWasNotMarkedFor_stillDeniesTheTurn_andFailsTheSession() throws Exception {
        Gateway g = registerPlatform();
        String[] ids = rootAgentAndCert(g, "meeting:attend,meeting:speak");
        String k = "call-" + UUID.randomUUID();
        String sessionId = ok(http.post("/v1/sessions", g.key(), startBody(g, k, startProof(g, ids[1], k)).toString()),
                201).path("session_id").asText();
        // A first turn: the node now knows the session's chain and checks it in one query from here on.
        assertThat(ok(http.post("/v1/sessions/" + sessionId + "/turns", g.key(), turnBody(null).toString()), 200)
                .path("decision").asText()).isEqualTo("allow");
        // The cert is revoked in the store without the revocation listener running (as when a
        // revocation lands between a session's start and its row): the turn gate asks the registry.
        herald.services().db().write(h -> h.createUpdate("INSERT INTO ratify_revoked_certs (workspace_id, cert_id, "
                        + "issuer_id) SELECT workspace_id, :c, 'issuer-of-test' FROM ratify_sessions WHERE session_id = :s")
                .bind("c", ids[2]).bind("s", sessionId).execute());

        JsonNode cut = ok(http.post("/v1/sessions/" + sessionId + "/turns", g.key(), turnBody(null).toString()), 200);

        assertThat(cut.path("decision").asText()).isEqualTo("deny");
        assertThat(cut.path("reason_code").asText()).isEqualTo("revoked");
        JsonNode view = ok(http.get("/v1/sessions/" + sessionId, g.key()), 200);
        assertThat(view.path("status").asText()).isEqualTo("failed");
        assertThat(view.path("failure_reason").asText()).isEqualTo("revoked");
        assertThat(awaitCallback("session.failed", sessionId).body()).contains("\"agent_id\":\"" + ids[1] + "\"");
    }

    @Test
    void aTokenFromAnotherSessionIsDeniedAndAPushRevocationCutsTheCallOff() throws Exception {
        Gateway g = registerPlatform();
        String[] ids = rootAgentAndCert(g, "meeting:attend,meeting:speak");
        String k1 = "call-" + UUID.randomUUID();
        JsonNode a = ok(http.post("/v1/sessions", g.key(), startBody(g, k1, startProof(g, ids[1], k1)).toString()), 201);
        String k2 = "call-" + UUID.randomUUID();
        JsonNode b = ok(http.post("/v1/sessions", g.key(), startBody(g, k2, startProof(g, ids[1], k2)).toString()), 201);
        String sessionB = b.path("session_id").asText();

        // Session A's token presented in session B.
        ObjectNode foreign = turnProof(g, sessionB, a.path("ratify").path("session_token").asText());
        JsonNode denied = ok(http.post("/v1/sessions/" + sessionB + "/turns", g.key(), turnBody(foreign).toString()), 200);
        assertThat(denied.path("decision").asText()).isEqualTo("deny");
        assertThat(denied.path("reason_code").asText()).isEqualTo("session_token_invalid");
        // A tool call needs execute:tool, which this delegation lacks: the reason names the scope.
        JsonNode tool = ok(http.post("/v1/sessions/" + sessionB + "/action-permits", g.key(),
                "{\"tool_name\":\"lookup\",\"call_id\":\"c1\"}"), 200);
        assertThat(tool.path("decision").asText()).isEqualTo("deny");
        assertThat(tool.path("user_facing_reason").asText())
                .isEqualTo("scope_denied: required scope \"execute:tool\" not in effective delegation scope");

        // The root pushes a revocation of the agent's cert: both live sessions are cut off.
        var push = sdk.signRevocationPush(keyFile("root.json"), 1, List.of(ids[2]));
        JsonNode pushed = ok(http.post("/v1/ratify/revocation-pushes", g.admin(),
                "{\"revocation_push\":" + new String(RatifyJson.encode(push), StandardCharsets.UTF_8) + "}"), 200);
        assertThat(pushed.path("newly_revoked").asInt()).isEqualTo(1);
        for (String sessionId : List.of(a.path("session_id").asText(), sessionB)) {
            assertThat(StandardWebhooks.libraryAccepts(g.webhookSecret(), awaitCallback("agent.revoked", sessionId)))
                    .isTrue();
            JsonNode cut = ok(http.post("/v1/sessions/" + sessionId + "/turns", g.key(), turnBody(null).toString()), 200);
            assertThat(cut.path("reason_code").asText()).isEqualTo("revoked");
            assertThat(ok(http.get("/v1/sessions/" + sessionId, g.key()), 200).path("failure_reason").asText())
                    .isEqualTo("revoked");
            WebhookReceiver.Received failed = awaitCallback("session.failed", sessionId);
            assertThat(StandardWebhooks.libraryAccepts(g.webhookSecret(), failed)).isTrue();
            assertThat(JSON.readTree(failed.body()).path("data").toString()).isEqualTo(JSON.createObjectNode()
                    .put("session_id", sessionId).put("project_id", g.projectId()).put("status", "failed")
                    .put("failure_reason", "revoked").put("platform_id", g.platformId()).put("agent_id", ids[1])
                    .put("turn_count", sessionId.equals(sessionB) ? 2 : 1).toString());
        }
        // Another workspace cannot ask for a turn challenge of these sessions.
        Gateway stranger = registerPlatform();
        assertThat(http.post("/v1/voice/challenges", stranger.key(), "{\"purpose\":\"turn\",\"session_id\":\""
                + sessionB + "\"}").status()).isEqualTo(404);
    }

    private static ObjectNode payment(String callId, long amountMinor) {
        return MppToolCalls.payment(callId, amountMinor, "100000", java.time.Instant.now().plusSeconds(1800).toString());
    }

    @Test
    void aPaymentNeedsPaymentsSendAndStaysWithinTheDelegationsMaxAmount() throws Exception {
        Gateway g = registerPlatform();
        String rootId = heraldRatify("init", "-o", file("root.json"));
        String agentId = heraldRatify("agent", "-o", file("agent.json"), "--name", "Ava");
        heraldRatify("delegate", "--issuer", file("root.json"), "--subject", file("agent.json"), "--scope",
                "meeting:attend,meeting:speak,execute:tool,payments:send", "--expires", "2h",
                "--constraint", "{\"type\":\"max_amount\",\"max_amount\":10,\"currency\":\"USD\"}",
                "-o", file("cert.json"));
        assertThat(rootId).hasSize(32);
        String k = "call-" + UUID.randomUUID();
        // The start is evaluated as moving no money, so the max_amount constraint lets it through.
        String sessionId = ok(http.post("/v1/sessions", g.key(), startBody(g, k, startProof(g, agentId, k)).toString()),
                201).path("session_id").asText();
        String path = "/v1/sessions/" + sessionId + "/action-permits";
        JsonNode within = ok(http.post(path, g.key(), payment("p1", 999).toString()), 201);
        assertThat(within.path("decision").asText()).as(within.toString()).isEqualTo("allow");
        JsonNode above = ok(http.post(path, g.key(), payment("p2", 1001).toString()), 200);
        assertThat(above.path("decision").asText()).isEqualTo("deny");
        assertThat(above.path("reason_code").asText()).isEqualTo("constraint_denied");
        assertThat(above.path("user_facing_reason").asText()).contains("10.01 USD exceeds max 10.00 USD");
        // The Ratify checks come before the policy engine in the trace.
        List<String> rules = new ArrayList<>();
        above.path("authorization_trace").forEach(step -> rules.add(step.path("rule").asText()));
        assertThat(rules.indexOf("ratify_constraints")).isLessThan(rules.indexOf("action_verb:mpp.payment.status") < 0
                ? rules.size() : rules.indexOf("action_verb:mpp.payment.status"));
        assertThat(rules.getFirst()).startsWith("ratify");
    }
}
