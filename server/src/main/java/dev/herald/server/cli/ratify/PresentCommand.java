package dev.herald.server.cli.ratify;

import dev.herald.ratify.Bytes;
import dev.herald.ratify.DelegationCert;
import dev.herald.ratify.Issuer;
import dev.herald.ratify.KeyPairFile;
import dev.herald.ratify.ProofBundle;
import dev.herald.ratify.RatifyException;
import dev.herald.ratify.RatifyJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "present", mixinStandardHelpOptions = true,
        description = {"Build a ProofBundle: the agent signs a challenge over its delegation chain.",
                "Give the chain leaf first: --cert agent-cert.json [--cert parent-cert.json ...]."})
public final class PresentCommand implements Callable<Integer> {
    @Option(names = "--agent", required = true, paramLabel = "KEYFILE", description = "The agent's key file.")
    Path agent;

    @Option(names = "--challenge", required = true, paramLabel = "BASE64", description = "The 32-byte challenge, base64.")
    String challenge;

    @Option(names = "--cert", required = true, paramLabel = "FILE", description = "A cert of the chain, leaf first (repeat).")
    List<Path> certs;

    @Option(names = "--session-context", paramLabel = "BASE64",
            description = "Bind the proof to a 32-byte session context (SPEC 6.4.9), base64.")
    String sessionContext;

    @Option(names = "--stream-id", paramLabel = "BASE64", description = "Bind the proof to a 32-byte stream id, base64.")
    String streamId;

    @Option(names = "--stream-seq", paramLabel = "N", description = "Position in the stream (>= 1); needs --stream-id.")
    Long streamSeq;

    @Option(names = "--base64", description = "Print the bundle as base64 (the form POST /v1/ratify/verify takes).")
    boolean asBase64;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write the bundle to FILE instead of standard output.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return RatifyFiles.run(spec, () -> {
            KeyPairFile agentKey = RatifyFiles.readKeyPair(agent);
            List<DelegationCert> chain = new ArrayList<>();
            for (Path c : certs) {
                chain.add(RatifyFiles.readCert(c));
            }
            Bytes ch = Bytes.of(RatifyFiles.base64(challenge, "--challenge"));
            if (ch.length() != 32) {
                throw new CliInputException("--challenge must be 32 bytes, got " + ch.length());
            }
            Bytes session = sessionContext == null ? null : Bytes.of(RatifyFiles.base64(sessionContext, "--session-context"));
            Bytes stream = streamId == null ? null : Bytes.of(RatifyFiles.base64(streamId, "--stream-id"));
            if ((stream == null) != (streamSeq == null)) {
                throw new CliInputException("--stream-id and --stream-seq go together");
            }
            ProofBundle bundle;
            try {
                bundle = new Issuer(Clock.systemUTC(), new SecureRandom()).present(agentKey.keyPair(), chain, ch,
                        new Issuer.Binding(session, stream, streamSeq == null ? 0 : streamSeq));
            } catch (RatifyException | IllegalArgumentException e) {
                throw new CliInputException(e.getMessage());
            }
            byte[] json = RatifyJson.encode(bundle);
            byte[] output = asBase64 ? Base64.getEncoder().encodeToString(json).getBytes(StandardCharsets.US_ASCII) : json;
            RatifyFiles.writePublic(out, output, spec.commandLine().getOut());
            return 0;
        });
    }
}
