package dev.herald.governance.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.evidence.verify.CheckStatus;
import dev.herald.evidence.verify.Check;
import dev.herald.server.Herald;
import dev.herald.server.HeraldConfig;
import dev.herald.server.Services;
import dev.herald.server.testing.Http;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issuer keys across restarts, configured TSAs with fail-over, failed sessions, and start hooks. */
abstract class AttestationContract extends RealtimeTestBase {

    @Test
    void configuredTsas_areTriedInOrder_andTheArtifactRecordsEveryAttempt() {
        // A second Herald on its own store stamps through the first one's TSA over HTTP, after a dead URL.
        HeraldConfig second = new HeraldConfig(0, store().dataDir().resolve("second"),
                HeraldConfig.sqliteUrl(store().dataDir().resolve("second")), java.time.Duration.ofSeconds(5),
                List.of(URI.create("http://127.0.0.1:1/tsa"), herald.baseUrl().resolve("/tsa")));
        try (Herald other = Herald.start(second)) {
            RealtimeTestBase.Tenant t = tenantOn(other);
            Http client = new Http(other.baseUrl());
            String id = client.post("/v1/sessions", t.key(), startBody(t, "idem-tsa", null).toString()).json()
                    .get("session_id").asText();
            JsonNode artifact = client.post("/v1/sessions/" + id + "/end", t.key(), "{}").json().get("attestation_artifact");
            JsonNode attempts = artifact.get("rfc3161_timestamp_attempts");
            assertThat(attempts).hasSize(2);
            assertThat(attempts.get(0).get("status").asText()).isEqualTo("transport_error");
            assertThat(attempts.get(1).get("status").asText()).isEqualTo("granted");
            assertThat(artifact.get("tsa_status").asText()).isEqualTo("granted");
            // Trusting the first install's TSA root (which signed the receipt) and pinning the second's issuer key.
            var options = dev.herald.evidence.verify.VerifyOptions.defaults()
                    .withTrustAnchors(List.of(herald.tsa().credentials().root()))
                    .withPinnedKeys(other.services().attestation().keys().verificationKeys());
            var report = new dev.herald.evidence.verify.EvidenceVerifier(options).verify(artifact.toString().getBytes());
            assertThat(report.status(Check.TSA_CERTIFICATE_CHAIN)).isEqualTo(CheckStatus.PASS);
            assertThat(report.verified()).isTrue();
        }
    }

    private Tenant tenantOn(Herald h) {
        String ws = "ws-" + java.util.UUID.randomUUID();
        var admin = h.services().bootstrap().createKey(ws, null, "admin");
        var project = h.services().bootstrap().createKey(ws, "voice", "k");
        return new Tenant(project.projectId(), project.secret().reveal(), admin.secret().reveal());
    }

    /**
     * A server artifact's project chain head is its project ledger entry, recomputed by the
     * verifier from the session chain head: dropping the last entry, relinking the chain and
     * re-signing with a fresh key fails without any pin. The published issuer-keys document,
     * saved to a file, authenticates the genuine artifact through {@code herald verify --issuer-keys}.
     */
    @Test
    void serverArtifact_bindsItsProjectChainHead_andTheSavedIssuerKeysDocumentAuthenticatesIt() throws Exception {
        Tenant t = tenant();
        String id = start(t, null);
        JsonNode artifact = end(t, id).get("attestation_artifact");
        var trustTsa = dev.herald.evidence.verify.VerifyOptions.defaults()
                .withTrustAnchors(List.of(herald.tsa().credentials().root()));
        var genuine = new dev.herald.evidence.verify.EvidenceVerifier(trustTsa).verify(artifact.toString().getBytes());
        assertThat(genuine.status(Check.PROJECT_CHAIN_HEAD_BINDING)).as(genuine.checks().toString()).isEqualTo(CheckStatus.PASS);
        assertThat(genuine.result(Check.PROJECT_CHAIN_HEAD_BINDING).orElseThrow().detail()).contains("project ledger entry");
        assertThat(genuine.status(Check.ISSUER_AUTHENTICATED)).isEqualTo(CheckStatus.NOT_VALIDATED);
        assertThat(genuine.verified()).isTrue();

        var forged = (com.fasterxml.jackson.databind.node.ObjectNode) MAPPER.readTree(artifact.toString());
        var chain = (com.fasterxml.jackson.databind.node.ArrayNode) forged.get("chain");
        assertThat(chain.size()).isGreaterThan(1);
        chain.remove(chain.size() - 1);
        JsonNode last = chain.get(chain.size() - 1);
        ((com.fasterxml.jackson.databind.node.ObjectNode) forged.get("chain_head"))
                .put("content_hash", last.get("content_hash").asText()).put("event_count", chain.size())
                .put("sequence", last.get("sequence").asLong());
        byte[] forgedBytes = dev.herald.evidence.artifact.ArtifactSigner.sign(forged,
                dev.herald.evidence.keys.IssuerKeyPair.generate(new java.security.SecureRandom()), java.time.Instant.now());
        var report = new dev.herald.evidence.verify.EvidenceVerifier(trustTsa).verify(forgedBytes);
        assertThat(report.status(Check.CHAIN_INTEGRITY)).isEqualTo(CheckStatus.PASS);
        assertThat(report.status(Check.RFC3161_TIMESTAMP_RECEIPT)).isEqualTo(CheckStatus.PASS);
        assertThat(report.status(Check.PROJECT_CHAIN_HEAD_BINDING)).isEqualTo(CheckStatus.FAIL);
        assertThat(report.verified()).isFalse();

        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory(store().dataDir(), "verify");
        java.nio.file.Path keys = dir.resolve("issuer-keys.json");
        java.nio.file.Files.writeString(keys, http.get("/.well-known/herald/issuer-keys.json", null).body());
        java.nio.file.Path genuineFile = java.nio.file.Files.writeString(dir.resolve("genuine.json"), artifact.toString());
        java.nio.file.Path forgedFile = java.nio.file.Files.write(dir.resolve("forged.json"), forgedBytes);
        String data = store().dataDir().toString();
        assertThat(cli("verify", genuineFile.toString(), "--data-dir", data)).startsWith("0\n")
                .endsWith("VERIFIED attestation_artifact (issuer not authenticated)\n");
        assertThat(cli("verify", genuineFile.toString(), "--data-dir", data, "--require-trust")).startsWith("1\n");
        assertThat(cli("verify", genuineFile.toString(), "--data-dir", data, "--issuer-keys", keys.toString(),
                "--require-trust")).startsWith("0\n").contains("PASS issuer_authenticated").endsWith("VERIFIED attestation_artifact\n");
        assertThat(cli("verify", forgedFile.toString(), "--data-dir", data, "--issuer-keys", keys.toString()))
                .startsWith("1\n").contains("FAIL issuer_authenticated [key_not_pinned]");
        assertThat(cli("verify", genuineFile.toString(), "--issuer-keys", dir.resolve("missing.json").toString()))
                .startsWith("2\n");
    }

    /** {@code herald <args>}: the exit code, a newline, then standard output. */
    private static String cli(String... args) {
        var out = new java.io.ByteArrayOutputStream();
        var err = new java.io.ByteArrayOutputStream();
        int exit = dev.herald.server.cli.Cli.execute(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
                new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8), args);
        return exit + "\n" + out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void chainEntries_storeOnlyTheirOwnMembers_andRowsHoldingTheWholeEntryStillReproduceTheirHashes() {
        Sidecar sidecar = new Sidecar("gw");
        Tenant t = tenant(sidecar);
        String id = start(t, null);
        acceptedEvents(t, id, sidecar.signEd(id, audio("inbound")), sidecar.signEd(id, transcript("outbound", "hello")));
        assertThat(turn(t, id, 3, 4, 5).status()).isEqualTo(200);
        JsonNode chain = end(t, id).get("attestation_artifact").get("chain");
        var db = herald.services().db();
        List<String> stored = db.read(h -> h.createQuery("SELECT attributes FROM session_events WHERE session_id = :s "
                + "ORDER BY seq").bind("s", id).mapTo(String.class).list());
        assertThat(stored).hasSize(chain.size()).noneMatch(a -> a.contains("chain_scope") || a.contains("sequence"));

        // A row written before only the caller's members were stored held the whole canonical entry:
        // put every row back in that form and assemble again.
        db.write(h -> {
            for (JsonNode entry : chain) {
                var whole = ((com.fasterxml.jackson.databind.node.ObjectNode) entry.deepCopy()).without("content_hash");
                byte[] bytes = dev.herald.evidence.json.CanonicalJson.bytes(whole);
                assertThat(dev.herald.evidence.json.Sha256.of(bytes).prefixed())
                        .isEqualTo(entry.get("content_hash").asText());
                h.createUpdate("UPDATE session_events SET attributes = :a WHERE session_id = :s AND seq = :q")
                        .bind("a", new String(bytes, java.nio.charset.StandardCharsets.UTF_8)).bind("s", id)
                        .bind("q", entry.get("sequence").asLong()).execute();
            }
            h.createUpdate("DELETE FROM session_attestations WHERE session_id = :s").bind("s", id).execute();
            return null;
        });
        JsonNode again = herald.services().attestation().assemble(id);
        assertThat(again.get("chain")).isEqualTo(chain);
        assertThat(verify(again).verified()).isTrue();
    }

    @Test
    void issuerKey_persistsAcrossRestarts() {
        Tenant t = tenant();
        String id = start(t, null);
        JsonNode artifact = end(t, id).get("attestation_artifact");
        String keyId = artifact.get("signatures").get(0).get("key_id").asText();
        herald.close();
        herald = Herald.start(config(), List.of(), realtimeExtensions());
        http = new Http(herald.baseUrl());
        assertThat(herald.services().attestation().keys().active().keyId()).isEqualTo(keyId);
        JsonNode published = http.get("/.well-known/herald/issuer-keys.json", null).json().get("keys");
        assertThat(published.get(0).get("key_id").asText()).isEqualTo(keyId);
        assertThat(published.get(0).get("status").asText()).isEqualTo("active");
        assertThat(published.get(0).has("valid_from")).isTrue();
        assertThat(verify(get(t, "/v1/sessions/" + id + "/attestation").json()).verified()).isTrue();
        String next = start(t, null);
        assertThat(end(t, next).get("attestation_artifact").get("signatures").get(0).get("key_id").asText())
                .isEqualTo(keyId);
    }

    @Test
    void failedSession_isTerminal_andItsArtifactVerifies() {
        Tenant t = tenant();
        String id = start(t, null);
        herald.services().sessions().fail(t.projectId(), id, "delegation revoked");
        assertProblem(turn(t, id, 1, 1, 1), 409, null);
        JsonNode view = get(t, "/v1/sessions/" + id).json();
        assertThat(view.get("status").asText()).isEqualTo("failed");
        assertThat(view.get("failure_reason").asText()).isEqualTo("delegation revoked");
        JsonNode artifact = get(t, "/v1/sessions/" + id + "/attestation").json();
        assertThat(artifact.get("session_metadata").get("status").asText()).isEqualTo("failed");
        assertThat(artifact.get("chain").get(1).get("event_type").asText()).isEqualTo("voice.session.failed");
        assertThat(verify(artifact).verified()).isTrue();
    }

    /** A start hook present for the server's life: it acts only on starts whose metadata asks it to. */
    @Override
    protected Services.RealtimeExtensions realtimeExtensions() {
        StartAuthorization hook = (h, request, trace) -> {
            if (request.body().path("metadata").path("block").asBoolean(false)) {
                trace.fail("test_hook", "hook_denied", "Blocked by the test hook.", "metadata.block");
            } else {
                trace.pass("test_hook", "not blocked");
            }
            if (!request.body().path("metadata").path("hook").asBoolean(false)) {
                return StartAuthorization.NOTHING;
            }
            // What the check saw travels in the admission to the later steps of the same start.
            String seen = request.idempotencyKey();
            return new StartAuthorization.Admission() {
                @Override
                public void created(org.jdbi.v3.core.Handle h, StartedSession session) {
                    session.append("voice.test_hook.bound",
                            MAPPER.createObjectNode().put("checked_start", seen).put("created_session", session.sessionId()),
                            MAPPER.createObjectNode().put("hook", true));
                }
            };
        };
        return new Services.RealtimeExtensions(List.of(hook), List.of());
    }

    @Test
    void startHooks_canDenyAndCanChainEntries() {
        Tenant t = tenant();
        var blocked = startBody(t, "idem-hook-1", null);
        ((com.fasterxml.jackson.databind.node.ObjectNode) blocked.get("metadata")).put("block", true);
        Http.Response denied = post(t, "/v1/sessions", blocked);
        assertProblem(denied, 403, null);
        assertThat(denied.json().get("reason_code").asText()).isEqualTo("hook_denied");
        var hooked = startBody(t, "idem-hook-2", null);
        ((com.fasterxml.jackson.databind.node.ObjectNode) hooked.get("metadata")).put("hook", true);
        String id = post(t, "/v1/sessions", hooked).json().get("session_id").asText();
        assertThat(eventCount(id)).isEqualTo(2);
        herald.services().db().write(h -> {
            herald.services().liveSessions().append(h, t.projectId(), id, "voice.test.appended", null,
                    MAPPER.createObjectNode().put("n", 1));
            return null;
        });
        JsonNode artifact = end(t, id).get("attestation_artifact");
        assertThat(artifact.get("chain").get(1).get("event_type").asText()).isEqualTo("voice.test_hook.bound");
        assertThat(artifact.get("chain").get(2).get("event_type").asText()).isEqualTo("voice.test.appended");
        assertThat(verify(artifact).verified()).isTrue();
    }

    @Test
    void startAdmissions_carryEachStartsOwnCheck_intoItsLaterSteps_underConcurrency() throws Exception {
        Tenant t = tenant();
        int starts = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(starts);
        try {
            List<java.util.concurrent.Future<String[]>> started = new java.util.ArrayList<>();
            for (int i = 0; i < starts; i++) {
                String key = "idem-concurrent-" + i + "-" + java.util.UUID.randomUUID();
                started.add(pool.submit(() -> {
                    var body = startBody(t, key, null);
                    ((com.fasterxml.jackson.databind.node.ObjectNode) body.get("metadata")).put("hook", true);
                    Http.Response r = post(t, "/v1/sessions", body);
                    assertThat(r.status()).as(r.body()).isEqualTo(201);
                    return new String[] {key, r.json().get("session_id").asText()};
                }));
            }
            for (var f : started) {
                String[] keyAndId = f.get(60, java.util.concurrent.TimeUnit.SECONDS);
                JsonNode bound = end(t, keyAndId[1]).get("attestation_artifact").get("chain").get(1);
                assertThat(bound.get("event_type").asText()).isEqualTo("voice.test_hook.bound");
                assertThat(bound.get("checked_start").asText()).isEqualTo(keyAndId[0]);
                assertThat(bound.get("created_session").asText()).isEqualTo(keyAndId[1]);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
