package dev.herald.server.cli;

import dev.herald.platform.auth.Bootstrap;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Serve Herald with embedded SQLite under ./herald-data (by default).",
                "On first run, creates the 'default' workspace and project and prints a one-time admin API key."})
public final class UpCommand implements Callable<Integer> {
    @Mixin
    ServerOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        return ServerRunner.run(options.config(), out, herald -> {
            Bootstrap.Result boot = herald.services().bootstrap().ensureDefaults();
            out.println("Workspace '" + boot.workspace().name() + "' (" + boot.workspace().id() + "), project '"
                    + boot.project().name() + "' (" + boot.project().id() + ").");
            boot.adminKey().ifPresentOrElse(key -> {
                out.println("Admin API key (shown once, stored only as a hash; save it now):");
                out.println(key.secret().reveal());
                out.println("Try: curl -H 'Authorization: Bearer " + key.secret().reveal() + "' " + herald.baseUrl() + "/v1/me");
            }, () -> out.println("An admin API key already exists for workspace '" + boot.workspace().name()
                    + "'. Create another with: ./herald keys create --workspace " + boot.workspace().name()));
        });
    }
}
