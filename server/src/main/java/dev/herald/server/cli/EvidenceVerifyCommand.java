package dev.herald.server.cli;

import dev.herald.evidence.keys.IssuerKeysDocument;
import dev.herald.evidence.keys.IssuerPublicKey;
import dev.herald.evidence.tsa.TrustAnchors;
import dev.herald.evidence.verify.Check;
import dev.herald.evidence.verify.EvidenceVerifier;
import dev.herald.evidence.verify.Reason;
import dev.herald.evidence.verify.ReportRenderer;
import dev.herald.evidence.verify.VerificationReport;
import dev.herald.evidence.verify.VerifyOptions;
import dev.herald.governance.attest.TsaKeyStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.bouncycastle.cert.X509CertificateHolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Verify an attestation artifact or a signed compliance export offline.",
                "Runs keel-verify's five checks (artifact_schema, issuer_signature, chain_integrity,",
                "policy_snapshot_hash, rfc3161_timestamp_receipt) and Herald's stricter ones.",
                "Without --expected-public-key or --issuer-keys the issuer is not authenticated: a file",
                "re-signed with any fresh key verifies, and the verdict says 'issuer not authenticated'.",
                "Exit 0 verified (authenticated or not, unless --require-trust), 1 not verified,",
                "2 usage error or unreadable file."})
public final class EvidenceVerifyCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The artifact or export JSON file.")
    Path file;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Option(names = "--expected-public-key", paramLabel = "ed25519:BASE64",
            description = "Pin the issuer key: a valid signature by any other key fails (repeatable, e.g. after rotation).")
    List<String> expectedKeys = new ArrayList<>();

    @Option(names = "--issuer-keys", paramLabel = "FILE",
            description = "A saved copy of the issuer's /.well-known/herald/issuer-keys.json: a key it lists"
                    + " authenticates files issued while that key was valid (rotated keys included).")
    Path issuerKeys;

    @Option(names = "--tsa-trust", paramLabel = "PEM",
            description = "Trust anchors for timestamp tokens (repeatable). Default: this install's Herald TSA root, if present.")
    List<Path> tsaTrust = new ArrayList<>();

    @Option(names = "--require-trust", description = "Fail, rather than report 'not validated', when a TSA chain is not"
            + " trusted, the issuer is not authenticated or the project chain head cannot be recomputed.")
    boolean requireTrust;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:HERALD_DATA_DIR:-herald-data}",
            description = "Where to find the default TSA root (env HERALD_DATA_DIR, default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            byte[] bytes = Files.readAllBytes(file);
            VerifyOptions options = VerifyOptions.defaults()
                    .withPinnedKeys(pinnedKeys())
                    .withTrustAnchors(anchors())
                    .withRequireTrust(requireTrust);
            if (issuerKeys != null) {
                options = options.withIssuerKeys(issuerKeysDocument());
            }
            VerificationReport report = new EvidenceVerifier(options).verify(bytes);
            // A file that is not JSON at all is unreadable input (exit 2), not a failed artifact.
            var schema = report.result(Check.ARTIFACT_SCHEMA);
            if (schema.isPresent() && schema.get().reason() == Reason.NOT_JSON) {
                err.println("herald verify: " + file + " is not a JSON document: " + schema.get().detail());
                return 2;
            }
            spec.commandLine().getOut().print(json ? ReportRenderer.json(report) + "\n" : ReportRenderer.text(report));
            spec.commandLine().getOut().flush();
            return report.exitCode();
        } catch (IOException e) {
            err.println("herald verify: cannot read " + e.getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            err.println("herald verify: " + e.getMessage());
            return 2;
        } finally {
            err.flush();
        }
    }

    private List<IssuerPublicKey> pinnedKeys() {
        List<IssuerPublicKey> keys = new ArrayList<>();
        for (String k : expectedKeys) {
            IssuerPublicKey key = IssuerPublicKey.parse(k);
            if (key == null) {
                throw new IllegalArgumentException("--expected-public-key " + k
                        + ": expected ed25519:<base64 of a 32-byte Ed25519 public key>");
            }
            keys.add(key);
        }
        return keys;
    }

    private IssuerKeysDocument issuerKeysDocument() throws IOException {
        try {
            return IssuerKeysDocument.parse(Files.readAllBytes(issuerKeys));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--issuer-keys " + issuerKeys + ": " + e.getMessage());
        }
    }

    private List<X509CertificateHolder> anchors() throws IOException {
        List<Path> files = new ArrayList<>(tsaTrust);
        if (files.isEmpty() && Files.exists(TsaKeyStore.rootFile(dataDir))) {
            files.add(TsaKeyStore.rootFile(dataDir));
        }
        List<X509CertificateHolder> anchors = new ArrayList<>();
        for (Path f : files) {
            List<X509CertificateHolder> certs = TrustAnchors.fromPem(Files.readString(f, StandardCharsets.US_ASCII));
            if (certs.isEmpty()) {
                throw new IllegalArgumentException("--tsa-trust " + f + " holds no certificate");
            }
            anchors.addAll(certs);
        }
        return anchors;
    }
}
