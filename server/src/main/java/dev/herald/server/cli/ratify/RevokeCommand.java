package dev.herald.server.cli.ratify;

import dev.herald.ratify.Issuer;
import dev.herald.ratify.KeyPairFile;
import dev.herald.ratify.RatifyJson;
import dev.herald.ratify.RevocationList;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "revoke", mixinStandardHelpOptions = true,
        description = {"Sign a RevocationList naming every cert id the issuer revokes (the whole current list).",
                "Publish it with PUT /v1/ratify/revocations/{issuer_id}."})
public final class RevokeCommand implements Callable<Integer> {
    @Option(names = "--issuer", required = true, paramLabel = "KEYFILE", description = "The issuer's key file.")
    Path issuer;

    @Option(names = "--cert-id", paramLabel = "ID", description = "A revoked cert id (repeat; none = an empty list).")
    List<String> certIds = new ArrayList<>();

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write the list to FILE instead of standard output.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return RatifyFiles.run(spec, () -> {
            KeyPairFile key = RatifyFiles.readKeyPair(issuer);
            RevocationList list = new Issuer(Clock.systemUTC(), new SecureRandom())
                    .signRevocationList(key.keyPair(), List.copyOf(certIds));
            RatifyFiles.writePublic(out, RatifyJson.encode(list), spec.commandLine().getOut());
            return 0;
        });
    }
}
