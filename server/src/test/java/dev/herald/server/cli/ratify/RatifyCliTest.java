package dev.herald.server.cli.ratify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.server.cli.ratify.RatifyCli.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code herald ratify} commands as a bash user runs them: files in, JSON and exit codes out. */
class RatifyCliTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private static Run herald(String... args) {
        return RatifyCli.run(args);
    }

    private String file(String name) {
        return dir.resolve(name).toString();
    }

    @Test
    void rootDelegatesVoiceScopesAndAgentProofVerifies() throws Exception {
        Run root = herald("init", "-o", file("root.json"));
        assertThat(root.exit()).isZero();
        assertThat(root.out()).matches("[0-9a-f]{32}");
        assertThat(Files.getPosixFilePermissions(dir.resolve("root.json")))
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        Run agent = herald("agent", "-o", file("agent.json"), "--name", "Front desk");
        assertThat(agent.exit()).isZero();

        assertThat(herald("delegate", "--issuer", file("root.json"), "--subject", file("agent.json"),
                "--scope", "meeting:attend", "--scope", "meeting:speak", "--expires", "2h",
                "-o", file("cert.json")).exit()).isZero();
        JsonNode cert = MAPPER.readTree(dir.resolve("cert.json").toFile());
        assertThat(cert.path("issuer_id").asText()).isEqualTo(root.out());
        assertThat(cert.path("subject_id").asText()).isEqualTo(agent.out());
        assertThat(cert.path("expires_at").asLong() - cert.path("issued_at").asLong()).isEqualTo(7200);

        String challenge = herald("challenge").out();
        assertThat(herald("present", "--agent", file("agent.json"), "--challenge", challenge,
                "--cert", file("cert.json"), "-o", file("bundle.json")).exit()).isZero();

        Run ok = herald("verify", file("bundle.json"), "--scope", "meeting:speak");
        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(ok.json().path("valid").asBoolean()).isTrue();
        assertThat(ok.json().path("human_id").asText()).isEqualTo(root.out());
        assertThat(ok.json().path("granted_scope").toString()).isEqualTo("[\"meeting:attend\",\"meeting:speak\"]");

        Run denied = herald("verify", file("bundle.json"), "--scope", "data:write");
        assertThat(denied.exit()).isEqualTo(1);
        assertThat(denied.json().path("identity_status").asText()).isEqualTo("scope_denied");

        // The same bundle in the base64 form the HTTP binding takes.
        Run b64 = herald("present", "--agent", file("agent.json"), "--challenge", challenge,
                "--cert", file("cert.json"), "--base64");
        Files.writeString(dir.resolve("bundle.b64"), b64.out());
        assertThat(herald("verify", file("bundle.b64"), "--scope", "meeting:attend").exit()).isZero();
    }

    @Test
    void staleProofAndRevokedCertAreNotValid() throws Exception {
        herald("init", "-o", file("root.json"));
        herald("agent", "-o", file("agent.json"), "--name", "Bot");
        herald("delegate", "--issuer", file("root.json"), "--subject", file("agent.json"),
                "--scope", "meeting:speak", "--expires", "never", "-o", file("cert.json"));
        herald("present", "--agent", file("agent.json"), "--challenge", herald("challenge").out(),
                "--cert", file("cert.json"), "-o", file("bundle.json"));

        String later = Long.toString(Instant.now().plus(Duration.ofMinutes(10)).getEpochSecond());
        Run stale = herald("verify", file("bundle.json"), "--scope", "meeting:speak", "--now", later);
        assertThat(stale.exit()).isEqualTo(1);
        assertThat(stale.json().path("error_reason").asText()).startsWith("stale_challenge");

        String certId = MAPPER.readTree(dir.resolve("cert.json").toFile()).path("cert_id").asText();
        assertThat(herald("revoke", "--issuer", file("root.json"), "--cert-id", certId, "-o", file("rev.json")).exit())
                .isZero();
        herald("pubkey", file("root.json"), "-o", file("root.pub.json"));
        Run revoked = herald("verify", file("bundle.json"), "--scope", "meeting:speak",
                "--revocation-list", file("rev.json"), "--revocation-issuer", file("root.pub.json"));
        assertThat(revoked.exit()).isEqualTo(1);
        assertThat(revoked.json().path("identity_status").asText()).isEqualTo("revoked");
    }

    @Test
    void subDelegationNeedsIdentityDelegate() throws Exception {
        herald("init", "-o", file("root.json"));
        herald("agent", "-o", file("lead.json"), "--name", "Lead");
        herald("agent", "-o", file("helper.json"), "--name", "Helper");
        herald("delegate", "--issuer", file("root.json"), "--subject", file("lead.json"),
                "--scope", "meeting:speak,identity:delegate", "-o", file("lead-cert.json"));
        herald("delegate", "--issuer", file("lead.json"), "--subject", file("helper.json"),
                "--scope", "meeting:speak", "-o", file("helper-cert.json"));
        herald("present", "--agent", file("helper.json"), "--challenge", herald("challenge").out(),
                "--cert", file("helper-cert.json"), "--cert", file("lead-cert.json"), "-o", file("bundle.json"));
        Run ok = herald("verify", file("bundle.json"), "--scope", "meeting:speak");
        assertThat(ok.exit()).as(ok.out()).isZero();
    }

    @Test
    void unusableInputIsExit2WithOneLine() throws Exception {
        Run missing = herald("verify", file("nope.json"), "--scope", "meeting:speak");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("cannot read bundle").doesNotContain("Exception");

        herald("init", "-o", file("root.json"));
        Run exists = herald("init", "-o", file("root.json"));
        assertThat(exists.exit()).isEqualTo(2);
        assertThat(exists.err()).contains("already exists");

        herald("agent", "-o", file("agent.json"), "--name", "Bot");
        Run badScope = herald("delegate", "--issuer", file("root.json"), "--subject", file("agent.json"),
                "--scope", "bogus:scope");
        assertThat(badScope.exit()).isEqualTo(2);
        assertThat(badScope.err()).contains("bogus:scope");

        Run badExpiry = herald("delegate", "--issuer", file("root.json"), "--subject", file("agent.json"),
                "--scope", "meeting:speak", "--expires", "yesterday");
        assertThat(badExpiry.exit()).isEqualTo(2);

        Run badConstraint = herald("delegate", "--issuer", file("root.json"), "--subject", file("agent.json"),
                "--scope", "meeting:speak", "--constraint", "{\"type\":\"max_amount\",\"max_amount\":1.5e3}");
        assertThat(badConstraint.exit()).isEqualTo(2);

        Run shortChallenge = herald("present", "--agent", file("agent.json"), "--challenge", "AAAA",
                "--cert", file("root.json"));
        assertThat(shortChallenge.exit()).isEqualTo(2);

        assertThat(herald("verify").exit()).isEqualTo(2);
        Files.writeString(dir.resolve("garbage.json"), "{\"agent_id\": 1}");
        Run garbage = herald("verify", file("garbage.json"), "--scope", "meeting:speak");
        assertThat(garbage.exit()).isEqualTo(1);
        assertThat(garbage.json().path("identity_status").asText()).isEqualTo("invalid");
    }

    @Test
    void constraintsAreCheckedAgainstTheGivenContext() throws Exception {
        herald("init", "-o", file("root.json"));
        herald("agent", "-o", file("agent.json"), "--name", "Payer");
        assertThat(herald("delegate", "--issuer", file("root.json"), "--subject", file("agent.json"),
                "--scope", "payments:send", "--constraint",
                "{\"type\":\"max_amount\",\"max_amount\":50,\"currency\":\"USD\"}", "-o", file("cert.json")).exit())
                .isZero();
        herald("present", "--agent", file("agent.json"), "--challenge", herald("challenge").out(),
                "--cert", file("cert.json"), "-o", file("bundle.json"));
        assertThat(herald("verify", file("bundle.json"), "--scope", "payments:send", "--amount", "20",
                "--currency", "USD").exit()).isZero();
        Run over = herald("verify", file("bundle.json"), "--scope", "payments:send", "--amount", "80",
                "--currency", "USD");
        assertThat(over.json().path("identity_status").asText()).isEqualTo("constraint_denied");
        Run noContext = herald("verify", file("bundle.json"), "--scope", "payments:send");
        assertThat(noContext.json().path("identity_status").asText()).isEqualTo("constraint_unverifiable");
    }
}
