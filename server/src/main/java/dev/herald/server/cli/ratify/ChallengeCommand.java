package dev.herald.server.cli.ratify;

import dev.herald.ratify.Issuer;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "challenge", mixinStandardHelpOptions = true,
        description = {"Print a fresh random 32-byte challenge in base64, for offline flows.",
                "Against a Herald server, ask POST /v1/ratify/challenge instead: its challenges are single-use."})
public final class ChallengeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println(new Issuer(Clock.systemUTC(), new SecureRandom()).newChallenge().toBase64());
        return 0;
    }
}
