package dev.herald.evidence.readme;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.evidence.artifact.Artifact;
import dev.herald.evidence.artifact.ArtifactAssembler;
import dev.herald.evidence.artifact.SessionEvidence;
import dev.herald.evidence.chain.ChainEvent;
import dev.herald.evidence.json.Json;
import dev.herald.evidence.keys.IssuerKeyPair;
import dev.herald.evidence.tsa.HeraldTimestampAuthority;
import dev.herald.evidence.tsa.TimestampAuthority;
import dev.herald.evidence.tsa.TimestampClient;
import dev.herald.evidence.tsa.TsaCredentials;
import dev.herald.evidence.tsa.TsaCredentialsFactory;
import dev.herald.evidence.tsa.TsaEndpoint;
import dev.herald.evidence.verify.EvidenceVerifier;
import dev.herald.evidence.verify.ReportRenderer;
import dev.herald.evidence.verify.VerificationReport;
import dev.herald.evidence.verify.VerifyOptions;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Keeps the evidence/README.md usage example compiling and true. */
class ReadmeExampleTest {
    @Test
    void usageExample_producesAVerifiedArtifact() {
        // --- begin README example ---
        Clock clock = Clock.systemUTC();
        SecureRandom random = new SecureRandom();

        // Herald's TSA: generate once, persist credentials.toPem(), reload with TsaCredentials.fromPem(...)
        TsaCredentials credentials = new TsaCredentialsFactory(random, clock).generate("Example Co");
        TimestampAuthority tsa = new HeraldTimestampAuthority(credentials, clock, random);
        TimestampClient timestamps = new TimestampClient(
                List.of(new TsaEndpoint.InProcess("herald", "https://herald.example/tsa", tsa)),
                HttpClient.newHttpClient(), random, clock);
        IssuerKeyPair issuer = IssuerKeyPair.generate(random);

        ObjectNode event = Json.object().put("event_id", "evt_1").put("event_type", "voice.turn.completed")
                .put("session_id", "sess_1").put("occurred_at", "2026-05-21T14:32:04Z");
        SessionEvidence session = new SessionEvidence(
                Json.object().put("session_id", "sess_1").put("status", "ended"),
                List.of(new ChainEvent(event, Json.object().put("text", "hello"))),
                Json.object().put("snapshot_id", "ps_1").put("kind", "realtime_session_policy_snapshot_v1"),
                Optional.empty(), List.of(), Optional.empty(), Optional.empty());
        Artifact artifact = new ArtifactAssembler(issuer, timestamps, clock).assemble(session);

        VerificationReport report = new EvidenceVerifier(VerifyOptions.defaults()
                .withTrustAnchors(List.of(credentials.root()))
                .withPinnedKeys(List.of(issuer.publicKey())))
                .verify(artifact.canonicalBytes());
        System.out.print(ReportRenderer.text(report));   // or ReportRenderer.json(report)
        int exitCode = report.exitCode();                // 0 verified, 1 not verified
        // --- end README example ---

        assertThat(exitCode).isZero();
        assertThat(ReportRenderer.text(report)).contains("PASS tsa_certificate_chain").endsWith("VERIFIED attestation_artifact\n");
    }

    @Test
    void readmeShowsTheSameExample() throws Exception {
        Path readme = moduleDir().resolve("README.md");
        String text = Files.readString(readme);
        assertThat(text).contains("TsaCredentials credentials = new TsaCredentialsFactory(random, clock).generate(\"Example Co\");")
                .contains("Artifact artifact = new ArtifactAssembler(issuer, timestamps, clock).assemble(session);")
                .contains("int exitCode = report.exitCode();");
    }

    private static Path moduleDir() {
        Path here = Path.of("").toAbsolutePath();
        return Files.exists(here.resolve("README.md")) && here.endsWith("evidence") ? here : here.resolve("evidence");
    }
}
