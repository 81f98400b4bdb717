package dev.herald.server.cli.ratify;

import dev.herald.ratify.RatifyJson;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "pubkey", mixinStandardHelpOptions = true,
        description = "Print the public half of a key file (safe to share), as a HybridPublicKey JSON document.")
public final class PublicKeyCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "KEYFILE", description = "A key file from init or agent.")
    Path keyFile;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return RatifyFiles.run(spec, () -> {
            var key = RatifyFiles.readKeyPair(keyFile).keyPair().publicKey();
            RatifyFiles.writePublic(out, RatifyJson.encode(key), spec.commandLine().getOut());
            return 0;
        });
    }
}
