package dev.herald.server.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve Herald (no bootstrap). Stops gracefully on SIGTERM.")
public final class ServeCommand implements Callable<Integer> {
    @Mixin
    ServerOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return ServerRunner.run(options.config(), spec.commandLine().getOut(), herald -> { });
    }
}
