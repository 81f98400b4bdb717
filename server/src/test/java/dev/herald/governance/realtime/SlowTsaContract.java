package dev.herald.governance.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.evidence.verify.EvidenceVerifier;
import dev.herald.evidence.verify.VerifyOptions;
import dev.herald.server.HeraldConfig;
import dev.herald.server.testing.Http;
import dev.herald.server.testing.SlowTsa;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * No network call is made while a write transaction or a session row lock is held: an end or an
 * export carrying an {@code Idempotency-Key} stamps its artifact through a configured external
 * TSA only after its writes committed. Here the TSA (a real RFC 3161 endpoint on a local port,
 * configured through the TSA URL list) holds its request while the test works on other sessions,
 * which must not wait for it; the idempotent answers still replay byte for byte.
 */
abstract class SlowTsaContract extends RealtimeTestBase {
    /** Far below the held TSA's own limit: an answer this slow means the request waited for the TSA. */
    private static final Duration PROMPT = Duration.ofSeconds(4);

    private final SlowTsa tsa = new SlowTsa();

    @Override
    protected HeraldConfig config() {
        return store().config().withTsaUrls(List.of(tsa.uri()));
    }

    @AfterAll
    void stopTsa() {
        tsa.close();
    }

    private static ObjectNode endBody() {
        ObjectNode body = MAPPER.createObjectNode();
        body.putArray("usage_metrics").addObject().put("meter", "realtime_minutes").put("quantity", 2);
        return body;
    }

    private static <T> T prompt(CompletableFuture<T> call) throws Exception {
        return call.get(PROMPT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Test
    void anEndWaitingOnASlowTsa_blocksNoTurnOrEndOfOtherSessions_andReplaysByteForByte() throws Exception {
        Tenant t = tenant();
        String slow = start(t, null);
        String other = start(t, null);
        String another = start(t, null);
        SlowTsa.Hold hold = tsa.holdNext();
        CompletableFuture<Http.Response> ending = CompletableFuture.supplyAsync(
                () -> post(t, "/v1/sessions/" + slow + "/end", endBody(), "Idempotency-Key", "end-slow"));
        try {
            assertThat(hold.awaitEntered(Duration.ofSeconds(10))).as("the end reached the TSA").isTrue();

            // The session is closed and committed before its artifact is stamped.
            assertThat(get(t, "/v1/sessions/" + slow).json().path("status").asText()).isEqualTo("ended");
            Http.Response turn = prompt(CompletableFuture.supplyAsync(() -> turn(t, other, 10, 10, 0)));
            assertThat(turn.status()).as(turn.body()).isEqualTo(200);
            assertThat(turn.json().path("decision").asText()).isEqualTo("allow");
            // Another end of the same project (the project ledger's head row) is not held up either.
            Http.Response ended = prompt(CompletableFuture.supplyAsync(
                    () -> post(t, "/v1/sessions/" + another + "/end", endBody(), "Idempotency-Key", "end-another")));
            assertThat(ended.status()).as(ended.body()).isEqualTo(200);
            assertThat(ending).isNotDone();
        } finally {
            hold.release();
        }

        Http.Response first = ending.get(20, TimeUnit.SECONDS);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        JsonNode artifact = first.json().path("attestation_artifact");
        assertThat(artifact.path("chain")).hasSize(2);
        // Stamped by the slow TSA, after the wait.
        assertThat(artifact.path("tsa_status").asText()).isEqualTo("granted");
        assertThat(artifact.path("rfc3161_timestamp_attempts").get(0).path("url").asText())
                .isEqualTo(tsa.uri().toString());
        Http.Response replay = post(t, "/v1/sessions/" + slow + "/end", endBody(), "Idempotency-Key", "end-slow");
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.bytes()).isEqualTo(first.bytes());
        assertProblem(post(t, "/v1/sessions/" + slow + "/end", MAPPER.createObjectNode(), "Idempotency-Key",
                "end-slow"), 409, null);
        assertProblem(post(t, "/v1/sessions/" + slow + "/end", endBody()), 409, null);
    }

    @Test
    void aDuplicateEndWhileTheFirstWaitsOnTheTsa_finishesTheAnswer_andBothGetTheSameBytes() throws Exception {
        Tenant t = tenant();
        String id = start(t, null);
        SlowTsa.Hold hold = tsa.holdNext();
        CompletableFuture<Http.Response> ending = CompletableFuture.supplyAsync(
                () -> post(t, "/v1/sessions/" + id + "/end", endBody(), "Idempotency-Key", "end-twice"));
        Http.Response duplicate;
        try {
            assertThat(hold.awaitEntered(Duration.ofSeconds(10))).as("the end reached the TSA").isTrue();
            // The key is claimed and the session closed, but no answer is stored yet: the duplicate
            // makes it from the committed session (stamping through the TSA, no longer held).
            duplicate = prompt(CompletableFuture.supplyAsync(
                    () -> post(t, "/v1/sessions/" + id + "/end", endBody(), "Idempotency-Key", "end-twice")));
        } finally {
            hold.release();
        }
        assertThat(duplicate.status()).as(duplicate.body()).isEqualTo(200);
        assertThat(duplicate.header("Idempotent-Replayed")).isEqualTo("true");
        Http.Response first = ending.get(20, TimeUnit.SECONDS);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.bytes()).isEqualTo(duplicate.bytes());
        assertThat(post(t, "/v1/sessions/" + id + "/end", endBody(), "Idempotency-Key", "end-twice").bytes())
                .isEqualTo(first.bytes());
        assertAllPass(new EvidenceVerifier(VerifyOptions.defaults().withTrustAnchors(List.of(tsa.root()))
                .withPinnedKeys(herald.services().attestation().keys().verificationKeys()))
                .verify(first.json().path("attestation_artifact").toString().getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anExportStampingArtifacts_blocksNoTurn_andReplaysByteForByte() throws Exception {
        Tenant t = tenant();
        String failed = start(t, null);
        String live = start(t, null);
        // A failed session's artifact is assembled on demand: the export has to stamp it.
        herald.services().sessions().fail(t.projectId(), failed, "test: cut off");
        ObjectNode export = MAPPER.createObjectNode().put("export_type", "full_audit");
        export.putObject("filters").put("session_id", failed);
        SlowTsa.Hold hold = tsa.holdNext();
        CompletableFuture<Http.Response> exporting = CompletableFuture.supplyAsync(
                () -> post(t, "/v1/compliance/exports", export, "Idempotency-Key", "export-slow"));
        try {
            assertThat(hold.awaitEntered(Duration.ofSeconds(10))).as("the export reached the TSA").isTrue();
            Http.Response turn = prompt(CompletableFuture.supplyAsync(() -> turn(t, live, 10, 10, 0)));
            assertThat(turn.status()).as(turn.body()).isEqualTo(200);
            assertThat(exporting).isNotDone();
        } finally {
            hold.release();
        }

        Http.Response first = exporting.get(20, TimeUnit.SECONDS);
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.json().path("manifest").path("session_count").asInt()).isEqualTo(1);
        Http.Response replay = post(t, "/v1/compliance/exports", export, "Idempotency-Key", "export-slow");
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.bytes()).isEqualTo(first.bytes());
    }
}
