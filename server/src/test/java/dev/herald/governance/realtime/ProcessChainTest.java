package dev.herald.governance.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.evidence.tsa.TrustAnchors;
import dev.herald.evidence.verify.CheckStatus;
import dev.herald.evidence.verify.EvidenceVerifier;
import dev.herald.evidence.verify.VerificationReport;
import dev.herald.evidence.verify.VerifyOptions;
import dev.herald.server.cli.Cli;
import dev.herald.server.HeraldConfig;
import dev.herald.governance.attest.IssuerKeyStore;
import dev.herald.governance.attest.TsaKeyStore;
import dev.herald.server.testing.ChainLoad;
import dev.herald.server.testing.GuideSidecar;
import dev.herald.server.testing.HeraldProcess;
import dev.herald.server.testing.Http;
import dev.herald.server.testing.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Herald as separate operating-system processes (real JVMs running {@code herald serve}):
 * two nodes on one PostgreSQL database write one session's chain without forking it, and a node
 * killed with SIGKILL in the middle of ingestion loses nothing it acknowledged, on PostgreSQL and
 * on SQLite, once restarted on the same store.
 */
class ProcessChainTest {
    @TempDir
    Path dir;

    /** A project key made with {@code herald keys create} (which also migrates the store). */
    private static String projectKey(String databaseUrl) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // keys create takes the store alone (--database-url); serve also needs the data dir for its keys.
        List<String> args = List.of("keys", "create", "--workspace", "ws-" + UUID.randomUUID(),
                "--project", "voice", "--database-url", databaseUrl);
        int exit = Cli.execute(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args.toArray(String[]::new));
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
        return lines[lines.length - 1].strip();
    }

    private static String startSession(Http http, String key, GuideSidecar sidecar) {
        assertThat(http.post("/v1/sidecar-keys", key, sidecar.registration()).status()).isEqualTo(201);
        String body = """
                {"permit": {"project_id": "voice", "idempotency_key": "proc-%s", "subject": {"type": "user", "id": "u1"},
                  "action": {"name": "realtime.session"},
                  "resource": {"type": "request", "id": "req-proc", "attributes": {"provider": "openai",
                    "model": "gpt-4o-realtime-preview"}}}}""".formatted(UUID.randomUUID());
        Http.Response r = http.post("/v1/sessions", key, body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("session_id").asText();
    }

    private static void assertVerifies(JsonNode artifact, Path dataDir) throws IOException {
        // Trust demanded: the install's TSA root and its issuer keys (the ring the process created).
        VerifyOptions options = VerifyOptions.defaults().withRequireTrust(true).withTrustAnchors(
                TrustAnchors.fromPem(Files.readString(TsaKeyStore.rootFile(dataDir), StandardCharsets.US_ASCII)))
                .withPinnedKeys(IssuerKeyStore.loadOrCreate(dataDir, new SecureRandom()).verificationKeys());
        VerificationReport report = new EvidenceVerifier(options).verify(artifact.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(report.checks()).allSatisfy(c -> assertThat(c.status()).as(c.check() + ": " + c.detail())
                .isIn(CheckStatus.PASS, CheckStatus.SKIPPED));
    }

    @Test
    void twoProcessesOnOnePostgresWriteOneSessionWithoutForkingItsChain() throws Exception {
        String url = TestPostgres.createDatabase("two_nodes");
        Path data = Files.createDirectories(dir.resolve("data"));
        try {
            String key = projectKey(url);
            try (HeraldProcess a = HeraldProcess.serve(data, url, dir, "node-a");
                 HeraldProcess b = HeraldProcess.serve(data, url, dir, "node-b")) {
                assertThat(a.pid()).isNotEqualTo(b.pid()).isNotEqualTo(ProcessHandle.current().pid());
                List<Http> nodes = List.of(Http.validating(a.baseUrl()), Http.validating(b.baseUrl()));
                JsonNode artifact = ChainConcurrencyContract.loadOneSessionAndCheckItsChain(null, nodes, key, "voice");
                assertVerifies(artifact, data);
                assertThat(a.stop()).isEqualTo(143);
                assertThat(b.stop()).isEqualTo(143);
            }
        } finally {
            TestPostgres.dropDatabase(url);
        }
    }

    @Test
    void sigkillMidIngestLosesNothingAcknowledged_onPostgres() throws Exception {
        String url = TestPostgres.createDatabase("kill_pg");
        try {
            killMidIngestAndRestart(Files.createDirectories(dir.resolve("pg-data")), url);
        } finally {
            TestPostgres.dropDatabase(url);
        }
    }

    @Test
    void sigkillMidIngestLosesNothingAcknowledged_onSqlite() throws Exception {
        Path data = Files.createDirectories(dir.resolve("sqlite-data"));
        killMidIngestAndRestart(data, HeraldConfig.sqliteUrl(data));
    }

    private void killMidIngestAndRestart(Path data, String url) throws Exception {
        int threads = 4;
        int atomsPerBatch = 20;
        String key = projectKey(url);
        GuideSidecar sidecar = new GuideSidecar("crash-sidecar", new SecureRandom());
        String sessionId;
        ChainLoad load;
        try (HeraldProcess node = HeraldProcess.serve(data, url, dir, "victim-" + UUID.randomUUID())) {
            Http http = Http.validating(node.baseUrl());
            sessionId = startSession(http, key, sidecar);
            load = new ChainLoad(List.of(http), key, sessionId, sidecar);
            ChainLoad running = load;
            Thread driver = Thread.ofPlatform().start(() -> {
                try {
                    running.run(threads, 10_000, atomsPerBatch, Duration.ofMinutes(2), true);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (load.acks().size() < 300 && System.nanoTime() < deadline && driver.isAlive()) {
                Thread.sleep(5);
            }
            assertThat(load.acks().size()).as("acknowledged before the kill; node log:\n" + node.log())
                    .isGreaterThanOrEqualTo(300);
            node.kill();
            driver.join(Duration.ofSeconds(60));
            assertThat(driver.isAlive()).isFalse();
        }
        assertThat(load.failures()).as("only transport errors are expected after the kill").isEmpty();
        List<ChainLoad.Ack> acked = load.acks();

        try (HeraldProcess restarted = HeraldProcess.serve(data, url, dir, "restarted-" + UUID.randomUUID())) {
            Http http = Http.validating(restarted.baseUrl());
            JsonNode view = http.get("/v1/sessions/" + sessionId, key).json();
            assertThat(view.path("status").asText()).isEqualTo("active");
            long ackedAtoms = acked.stream().filter(a -> a.kind().equals("atom")).count();
            assertThat(view.path("atom_count").asLong()).isGreaterThanOrEqualTo(ackedAtoms);
            // The session goes on after the crash: a new batch and turn land after the old head.
            ChainLoad after = new ChainLoad(List.of(http), key, sessionId, sidecar);
            after.run(1, 1, 5, Duration.ofMinutes(1), false);
            assertThat(after.failures()).isEmpty();
            Http.Response ended = http.post("/v1/sessions/" + sessionId + "/end", key, "{}");
            assertThat(ended.status()).as(ended.body()).isEqualTo(200);
            JsonNode artifact = ended.json().path("attestation_artifact");
            List<ChainLoad.Ack> all = new java.util.ArrayList<>(acked);
            all.addAll(after.acks());
            // In flight at the kill: at most one batch and one turn per thread committed without an answer.
            ChainLoad.assertLinearChain(artifact, all, threads * (atomsPerBatch + 1));
            assertVerifies(artifact, data);
            assertThat(restarted.stop()).isEqualTo(143);
        }
    }
}
