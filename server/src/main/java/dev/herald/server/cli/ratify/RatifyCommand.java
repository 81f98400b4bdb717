package dev.herald.server.cli.ratify;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code herald ratify ...}: the Ratify SDK from bash. Exit codes: 0 success (for {@code verify}:
 * the bundle is valid), 1 the bundle is not valid, 2 usage error or unreadable input.
 */
@Command(name = "ratify", mixinStandardHelpOptions = true,
        description = {"Ratify Protocol v1 from the command line: keys, delegations, proofs, verification.",
                "Typical flow: init -> agent -> delegate -> (challenge) -> present -> verify."},
        subcommands = {InitCommand.class, AgentCommand.class, PublicKeyCommand.class, DelegateCommand.class,
                ChallengeCommand.class, PresentCommand.class, VerifyCommand.class, RevokeCommand.class,
                CommandLine.HelpCommand.class})
public final class RatifyCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand (try: ratify --help)");
    }
}
