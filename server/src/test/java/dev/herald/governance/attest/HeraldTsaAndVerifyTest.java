package dev.herald.governance.attest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.evidence.Reference;
import dev.herald.evidence.artifact.Artifact;
import dev.herald.evidence.artifact.ArtifactAssembler;
import dev.herald.evidence.artifact.SessionEvidence;
import dev.herald.evidence.chain.ChainEvent;
import dev.herald.evidence.json.Json;
import dev.herald.evidence.keys.IssuerKeyPair;
import dev.herald.evidence.tsa.TimestampClient;
import dev.herald.evidence.tsa.TsaEndpoint;
import dev.herald.server.cli.Cli;
import dev.herald.server.Herald;
import dev.herald.server.testing.Http;
import dev.herald.server.testing.StoreExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Herald's own TSA as an RFC 3161 client sees it (real DER over its real port), and
 * {@code herald verify} over Herald-made artifacts and the published reference samples.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HeraldTsaAndVerifyTest {
    @RegisterExtension
    static final StoreExtension STORE = StoreExtension.sqlite();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    Herald herald;

    @TempDir
    Path dir;

    @BeforeAll
    void start() {
        herald = Herald.start(STORE.config());
    }

    @AfterAll
    void stop() {
        herald.close();
    }

    record Run(int exit, String out, String err) {
    }

    private static Run herald(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Cli.execute(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Artifact assembleStampedOverHttp(int events) {
        Clock clock = Clock.systemUTC();
        SecureRandom random = new SecureRandom();
        TimestampClient timestamps = TimestampClient.over(List.of(new TsaEndpoint.Http("herald",
                herald.baseUrl().resolve("/tsa"), Duration.ofSeconds(10))), random, clock);
        List<ChainEvent> chain = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            ObjectNode event = Json.object().put("event_id", "evt_" + i).put("event_type", "voice.turn.completed")
                    .put("session_id", "sess_tsa").put("occurred_at", clock.instant().minusSeconds(5).toString());
            chain.add(new ChainEvent(event, Json.object().put("turn", i)));
        }
        SessionEvidence session = new SessionEvidence(
                Json.object().put("session_id", "sess_tsa").put("status", "ended"), chain,
                Json.object().put("snapshot_id", "ps_1").put("kind", "realtime_session_policy_snapshot_v1"),
                Optional.empty(), List.of(), Optional.empty(), Optional.empty());
        return new ArtifactAssembler(IssuerKeyPair.generate(random), timestamps, clock).assemble(session);
    }

    @Test
    void tsaAnswersOverHttpAndItsReceiptValidatesAgainstTheInstallRoot() throws Exception {
        Artifact artifact = assembleStampedOverHttp(3);
        JsonNode json = MAPPER.readTree(artifact.canonicalBytes());
        assertThat(json.path("tsa_status").asText()).isNotEqualTo("degraded_no_receipt");
        Path file = dir.resolve("artifact.json");
        Files.write(file, artifact.canonicalBytes());

        Run run = herald("verify", file.toString(), "--json", "--data-dir", STORE.dataDir().toString());
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        JsonNode report = MAPPER.readTree(run.out());
        List<String> statuses = new ArrayList<>();
        report.path("checks").forEach(c -> statuses.add(c.path("check").asText() + "=" + c.path("status").asText()));
        assertThat(statuses).contains("artifact_schema=pass", "issuer_signature=pass", "chain_integrity=pass",
                "policy_snapshot_hash=pass", "rfc3161_timestamp_receipt=pass", "tsa_certificate_chain=pass",
                "timestamp_not_before_first_event=pass", "permit_linkage=pass");
        // Nothing fails; only the issuer is "not validated": no key was pinned, so it is not authenticated.
        assertThat(statuses).allMatch(s -> s.endsWith("=pass") || s.equals("issuer_authenticated=not_validated"));
        assertThat(report.path("issuer_authenticated").asBoolean()).isFalse();

        // The root is also published over HTTP, byte for byte the file in the data directory.
        Http.Response root = Http.validating(herald.baseUrl()).get("/tsa/root.pem", null);
        assertThat(root.body()).isEqualTo(Files.readString(TsaKeyStore.rootFile(STORE.dataDir())));
    }

    @Test
    void restartKeepsTheSameTsaRoot() {
        String before = herald.tsa().credentials().rootPem();
        assertThat(TsaKeyStore.loadOrCreate(STORE.dataDir(), new SecureRandom(), Clock.systemUTC()).rootPem())
                .isEqualTo(before);
    }

    @Test
    void tsaRejectsGarbageWithARejectionNotAProblem() {
        Http http = Http.validating(herald.baseUrl());
        Http.Response garbage = http.send("POST", "/tsa", null, "application/timestamp-query", new byte[] {1, 2, 3});
        assertThat(garbage.status()).isEqualTo(200);
        assertThat(garbage.contentType()).isEqualTo("application/timestamp-reply");
        // PKIStatus 2 = rejection, inside a DER SEQUENCE.
        assertThat(garbage.bytes()[0]).isEqualTo((byte) 0x30);
        Http.Response wrongType = http.send("POST", "/tsa", null, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(wrongType.status()).isEqualTo(415);
    }

    @Test
    void referenceSamplesVerifyAndTamperedCopiesFailTheRightCheck() throws Exception {
        for (String sample : List.of("voice_session_export_v3.json", "voice_session_export_v1.json")) {
            Run ok = herald("verify", Reference.keel(sample).toString(), "--data-dir", dir.toString());
            assertThat(ok.exit()).as(sample + "\n" + ok.out()).isZero();
            assertThat(ok.out()).contains("PASS").contains("issuer_signature");
        }
        ObjectNode tampered = (ObjectNode) MAPPER.readTree(Reference.keel("voice_session_export_v3.json").toFile());
        ((ObjectNode) tampered.path("policy_snapshot")).put("tampered", true);
        Path file = dir.resolve("tampered.json");
        MAPPER.writeValue(file.toFile(), tampered);
        Run bad = herald("verify", file.toString(), "--json", "--data-dir", dir.toString());
        assertThat(bad.exit()).isEqualTo(1);
        JsonNode report = MAPPER.readTree(bad.out());
        List<String> failed = new ArrayList<>();
        report.path("checks").forEach(c -> {
            if (c.path("status").asText().equals("fail")) {
                failed.add(c.path("check").asText());
            }
        });
        assertThat(failed).contains("policy_snapshot_hash", "issuer_signature");
    }

    @Test
    void unreadableFileOrBadKeyIsExit2() throws Exception {
        assertThat(herald("verify", dir.resolve("missing.json").toString()).exit()).isEqualTo(2);
        Path notJson = dir.resolve("not.json");
        Files.writeString(notJson, "this is not JSON");
        assertThat(herald("verify", notJson.toString()).exit()).isEqualTo(2);
        Path file = dir.resolve("a.json");
        Files.write(file, assembleStampedOverHttp(1).canonicalBytes());
        assertThat(herald("verify", file.toString(), "--expected-public-key", "ed25519:nope").exit()).isEqualTo(2);
        IssuerKeyPair other = IssuerKeyPair.generate(new SecureRandom());
        Run pinned = herald("verify", file.toString(), "--expected-public-key", other.publicKey().encoded(),
                "--data-dir", STORE.dataDir().toString());
        assertThat(pinned.exit()).isEqualTo(1);
    }
}
