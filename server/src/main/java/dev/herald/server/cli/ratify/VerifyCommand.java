package dev.herald.server.cli.ratify;

import dev.herald.ratify.Bytes;
import dev.herald.ratify.Documents;
import dev.herald.ratify.HybridPublicKey;
import dev.herald.ratify.ProofBundle;
import dev.herald.ratify.RatifyDecodeException;
import dev.herald.ratify.RatifyJson;
import dev.herald.ratify.RatifyException;
import dev.herald.ratify.RevocationList;
import dev.herald.ratify.RevocationProvider;
import dev.herald.ratify.Verifier;
import dev.herald.ratify.VerifierContext;
import dev.herald.ratify.VerifyOptions;
import dev.herald.ratify.VerifyResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Verify a ProofBundle file (JSON, or its base64) and print the VerifyResult JSON.",
                "Exit 0 when valid, 1 when not valid, 2 on usage errors or an unreadable file.",
                "Offline verification checks challenge freshness only; Herald's POST /v1/ratify/verify also",
                "makes challenges single-use.",
                "With --receipt the output also carries a signed verification receipt (Ratify SPEC 17.5) of the",
                "verdict and its receipt_hash, signed with --receipt-key or with the install key of --data-dir."})
public final class VerifyCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "BUNDLE", description = "The proof bundle file.")
    Path bundleFile;

    @Option(names = "--scope", paramLabel = "SCOPE", description = "The scope the action requires, e.g. meeting:speak.")
    String scope;

    @Option(names = "--session-context", paramLabel = "BASE64", description = "The verifier's 32-byte session context.")
    String sessionContext;

    @Option(names = "--revoked", paramLabel = "CERT_ID", description = "Treat this cert id as revoked (repeatable).")
    List<String> revoked = new ArrayList<>();

    @Option(names = "--revocation-list", paramLabel = "FILE",
            description = "A signed RevocationList; needs --revocation-issuer. Its signature is verified first.")
    Path revocationList;

    @Option(names = "--revocation-issuer", paramLabel = "FILE", description = "Key or public key file of the list's issuer.")
    Path revocationIssuer;

    @Option(names = "--now", paramLabel = "EPOCH_SECONDS", description = "Verify as of this time (default: now).")
    Long now;

    @Option(names = "--amount", paramLabel = "AMOUNT", description = "Requested amount, for max_amount constraints.")
    Double amount;

    @Option(names = "--currency", paramLabel = "ISO4217", description = "Currency of --amount.")
    String currency;

    @Option(names = "--location", paramLabel = "LAT,LON", split = ",", description = "Agent location, for geo constraints.")
    List<Double> location;

    @Option(names = "--speed", paramLabel = "M_PER_S", description = "Agent speed, for max_speed_mps constraints.")
    Double speed;

    @Option(names = "--resource", paramLabel = "ID", description = "Targeted resource id, for resource_path constraints.")
    String resource;

    @Option(names = "--path", paramLabel = "PATH", description = "Targeted path within --resource.")
    String path;

    @Option(names = "--receipt", description = "Also print a signed verification receipt of the verdict.")
    boolean receipt;

    @Option(names = "--receipt-key", paramLabel = "FILE",
            description = "Ratify key file (herald ratify init/agent) that signs the receipt.")
    Path receiptKey;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Sign the receipt with this Herald install's verifier key (DIR/ratify/verifier-key.json),"
                    + " the key its server publishes at /.well-known/herald/ratify-verifier-key.json.")
    Path dataDir;

    @Option(names = "--receipt-prev-hash", paramLabel = "BASE64",
            description = "receipt_hash of the previous receipt, to chain them (default: 32 zero bytes).")
    String receiptPrevHash;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return RatifyFiles.run(spec, () -> {
            byte[] raw = RatifyFiles.read(bundleFile, "bundle");
            VerifyOptions.Builder options = VerifyOptions.builder(clock())
                    .requiredScope(scope == null ? "" : scope)
                    .context(context());
            if (sessionContext != null) {
                options.sessionContext(Bytes.of(RatifyFiles.base64(sessionContext, "--session-context")));
            }
            RevocationProvider revocation = revocation();
            if (revocation != null) {
                options.revocation(revocation);
            }
            ReceiptSigner signer = receipt ? ReceiptSigner.of(receiptKey, dataDir, receiptPrevHash)
                    : ReceiptSigner.refuseOptions(receiptKey, dataDir, receiptPrevHash);
            byte[] bundleJson = bundleBytes(raw);
            if (signer == null) {
                VerifyResult result = Verifier.create().verifyWire(bundleJson, options.build());
                spec.commandLine().getOut().println(result.toJson());
                return result.valid() ? 0 : RatifyFiles.EXIT_INVALID;
            }
            ProofBundle bundle = ReceiptSigner.decode(bundleJson);
            VerifyResult result = Verifier.create().verify(bundle, options.build());
            spec.commandLine().getOut().println(signer.withReceipt(bundle, result,
                    clock().instant().getEpochSecond()));
            return result.valid() ? 0 : RatifyFiles.EXIT_INVALID;
        });
    }

    private Clock clock() {
        return now == null ? Clock.systemUTC() : Clock.fixed(Instant.ofEpochSecond(now), ZoneOffset.UTC);
    }

    /** The bundle's JSON bytes: the file as is, or decoded when it holds base64 text. */
    private static byte[] bundleBytes(byte[] raw) {
        String text = new String(raw, StandardCharsets.UTF_8).strip();
        if (!text.isEmpty() && text.charAt(0) != '{') {
            return RatifyFiles.base64(text, "bundle file (base64)");
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private RevocationProvider revocation() {
        Set<String> ids = new HashSet<>(revoked);
        if ((revocationList == null) != (revocationIssuer == null)) {
            throw new CliInputException("--revocation-list and --revocation-issuer go together");
        }
        if (revocationList != null) {
            RevocationList list;
            try {
                list = RatifyJson.decodeRevocationList(RatifyFiles.read(revocationList, "revocation list"));
            } catch (RatifyDecodeException e) {
                throw new CliInputException(revocationList + " is not a revocation list: " + e.getMessage());
            }
            HybridPublicKey key = RatifyFiles.readPublicKey(revocationIssuer);
            if (!key.deriveId().equals(list.issuerId())) {
                throw new CliInputException("--revocation-issuer is not the list's issuer " + list.issuerId());
            }
            try {
                Documents.verifyRevocationList(list, key);
            } catch (RatifyException e) {
                throw new CliInputException("the revocation list's signature does not verify: " + e.getMessage());
            }
            ids.addAll(list.revokedCerts());
        }
        return ids.isEmpty() && revocationList == null ? null : RevocationProvider.of(ids);
    }

    private VerifierContext context() {
        VerifierContext.Builder b = VerifierContext.builder();
        if ((amount == null) != (currency == null)) {
            throw new CliInputException("--amount and --currency go together");
        }
        if (amount != null) {
            b.amount(amount, currency);
        }
        if (location != null) {
            if (location.size() != 2) {
                throw new CliInputException("--location takes LAT,LON");
            }
            b.location(location.get(0), location.get(1));
        }
        if (speed != null) {
            b.speedMps(speed);
        }
        if (path != null && resource == null) {
            throw new CliInputException("--path needs --resource");
        }
        if (resource != null) {
            if (resource.isEmpty()) {
                throw new CliInputException("--resource must not be empty");
            }
            b.resource(resource, path);
        }
        return b.build();
    }
}
