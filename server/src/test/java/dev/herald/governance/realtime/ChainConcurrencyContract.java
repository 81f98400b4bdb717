package dev.herald.governance.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.evidence.verify.CheckStatus;
import dev.herald.evidence.verify.EvidenceVerifier;
import dev.herald.evidence.verify.VerificationReport;
import dev.herald.evidence.verify.VerifyOptions;
import dev.herald.server.Herald;
import dev.herald.platform.auth.IssuedKey;
import dev.herald.server.testing.ChainLoad;
import dev.herald.server.testing.GuideSidecar;
import dev.herald.server.testing.Http;
import dev.herald.server.testing.StoreExtension;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One session's chain stays linear under concurrency: 8 threads sending signed atom batches and
 * turns into the same session (over two server instances on the same store, so the ordering must
 * come from the database, not from one JVM's memory) produce one chain with no gap and no fork.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ChainConcurrencyContract {
    static final int THREADS = 8;
    static final int ROUNDS = 6;
    static final int ATOMS_PER_BATCH = 10;

    Herald herald;
    Herald second;

    abstract StoreExtension store();

    @BeforeAll
    void startServers() {
        herald = Herald.start(store().config());
        second = Herald.start(store().config());
    }

    @AfterAll
    void stopServers() {
        second.close();
        herald.close();
    }

    /** Runs the load over {@code nodes} and checks the ended session's chain against every acknowledgement. */
    static JsonNode loadOneSessionAndCheckItsChain(Herald verifier, List<Http> nodes, String key, String project)
            throws InterruptedException {
        Http http = nodes.getFirst();
        GuideSidecar sidecar = new GuideSidecar("load-sidecar", new SecureRandom());
        assertThat(http.post("/v1/sidecar-keys", key, sidecar.registration()).status()).isEqualTo(201);
        String start = """
                {"permit": {"project_id": "%s", "idempotency_key": "load-%s", "subject": {"type": "user", "id": "u1"},
                  "action": {"name": "realtime.session"},
                  "resource": {"type": "request", "id": "req-load", "attributes": {"provider": "openai",
                    "model": "gpt-4o-realtime-preview", "operation": "realtime.session", "execution_mode": "realtime"}}},
                 "risk_budget_total_micros": 1000000}""".formatted(project, UUID.randomUUID());
        Http.Response started = http.post("/v1/sessions", key, start);
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        String sessionId = started.json().path("session_id").asText();

        ChainLoad load = new ChainLoad(nodes, key, sessionId, sidecar);
        load.run(THREADS, ROUNDS, ATOMS_PER_BATCH, Duration.ofMinutes(3), false);
        assertThat(load.failures()).isEmpty();
        assertThat(load.acks()).hasSize(THREADS * ROUNDS * (ATOMS_PER_BATCH + 1));

        JsonNode view = http.get("/v1/sessions/" + sessionId, key).json();
        assertThat(view.path("atom_count").asInt()).isEqualTo(THREADS * ROUNDS * ATOMS_PER_BATCH);
        assertThat(view.path("turn_count").asInt()).isEqualTo(THREADS * ROUNDS);
        assertThat(view.path("cumulative_usage").path("risk_budget_used_micros").asInt()).isEqualTo(THREADS * ROUNDS);

        Http.Response ended = nodes.getLast().post("/v1/sessions/" + sessionId + "/end", key, "{}");
        assertThat(ended.status()).as(ended.body()).isEqualTo(200);
        JsonNode artifact = ended.json().path("attestation_artifact");
        ChainLoad.assertLinearChain(artifact, load.acks(), 0);
        assertThat(artifact.path("chain")).hasSize(THREADS * ROUNDS * (ATOMS_PER_BATCH + 1) + 2);
        return artifact;
    }

    static void assertEveryCheckPasses(VerifyOptions options, JsonNode artifact) {
        VerificationReport report = new EvidenceVerifier(options).verify(artifact.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(report.checks()).allSatisfy(c -> assertThat(c.status()).as(c.check() + ": " + c.detail())
                .isIn(CheckStatus.PASS, CheckStatus.SKIPPED));
        assertThat(report.verified()).isTrue();
    }

    @Test
    void eightThreadsOnTwoServersIngestingAtomsAndTurnsIntoOneSession_makeOneChainWithoutGapOrFork() throws Exception {
        IssuedKey key = herald.services().bootstrap().createKey("load-" + UUID.randomUUID(), "voice", null);
        JsonNode artifact = loadOneSessionAndCheckItsChain(herald,
                List.of(Http.validating(herald.baseUrl()), Http.validating(second.baseUrl())),
                key.secret().reveal(), key.projectId());
        assertEveryCheckPasses(VerifyOptions.defaults()
                .withTrustAnchors(List.of(herald.tsa().credentials().root()))
                .withPinnedKeys(herald.services().attestation().keys().verificationKeys()), artifact);
    }
}
