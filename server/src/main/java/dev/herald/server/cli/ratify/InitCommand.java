package dev.herald.server.cli.ratify;

import dev.herald.ratify.HybridKeyPair;
import dev.herald.ratify.KeyPairFile;
import dev.herald.ratify.RatifyJson;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Create a human root key pair (Ed25519 + ML-DSA-65) in a private key file.",
                "Prints the root's id (human_id) alone on standard output."})
public final class InitCommand implements Callable<Integer> {
    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "Key file to create (mode 600).")
    Path out;

    @Option(names = "--force", description = "Replace an existing file.")
    boolean force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return RatifyFiles.run(spec, () -> {
            HybridKeyPair key = HybridKeyPair.generate(new SecureRandom());
            KeyPairFile file = KeyPairFile.humanRoot(key, Clock.systemUTC().instant().getEpochSecond());
            RatifyFiles.writeSecret(out, RatifyJson.encode(file), force);
            spec.commandLine().getOut().println(key.id());
            return 0;
        });
    }
}
