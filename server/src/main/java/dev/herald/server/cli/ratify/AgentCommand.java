package dev.herald.server.cli.ratify;

import dev.herald.ratify.HybridKeyPair;
import dev.herald.ratify.KeyPairFile;
import dev.herald.ratify.Ratify;
import dev.herald.ratify.RatifyJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "agent", mixinStandardHelpOptions = true,
        description = {"Create an agent key pair in a private key file.",
                "Prints the agent's id alone on standard output."})
public final class AgentCommand implements Callable<Integer> {
    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "Key file to create (mode 600).")
    Path out;

    @Option(names = "--name", required = true, description = "Display name of the agent.")
    String name;

    @Option(names = "--type", defaultValue = "voice_agent",
            description = "Agent type, e.g. voice_agent, zoom_bot, mcp_server, custom (default: ${DEFAULT-VALUE}).")
    String type;

    @Option(names = "--force", description = "Replace an existing file.")
    boolean force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return RatifyFiles.run(spec, () -> {
            if (name.isBlank() || name.getBytes(StandardCharsets.UTF_8).length > Ratify.MAX_AGENT_NAME_LENGTH_BYTES) {
                throw new CliInputException("--name must be 1 to " + Ratify.MAX_AGENT_NAME_LENGTH_BYTES + " bytes");
            }
            if (type.isBlank()) {
                throw new CliInputException("--type must not be empty");
            }
            HybridKeyPair key = HybridKeyPair.generate(new SecureRandom());
            KeyPairFile file = KeyPairFile.agent(key, name, type, Clock.systemUTC().instant().getEpochSecond());
            RatifyFiles.writeSecret(out, RatifyJson.encode(file), force);
            spec.commandLine().getOut().println(key.id());
            return 0;
        });
    }
}
