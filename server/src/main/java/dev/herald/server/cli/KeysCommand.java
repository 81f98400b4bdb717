package dev.herald.server.cli;

import dev.herald.platform.auth.IssuedKey;
import dev.herald.platform.domain.Invalid;
import dev.herald.platform.http.FieldCheck;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "keys", mixinStandardHelpOptions = true, description = "Manage API keys directly in the store.",
        subcommands = {KeysCommand.Create.class, CommandLine.HelpCommand.class})
public final class KeysCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand (try: keys create --help)");
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Create an API key (workspace and project are created when missing).",
                    "Without --project the key is a workspace admin key; with it, a key bound to that project.",
                    "The key is printed once, alone on the last line of standard output."})
    public static final class Create implements Callable<Integer> {
        @Option(names = "--workspace", required = true, paramLabel = "NAME", description = "Workspace name.")
        String workspace;

        @Option(names = "--project", paramLabel = "NAME", description = "Project name (makes a project key).")
        String project;

        @Option(names = "--name", paramLabel = "LABEL", description = "Optional label for the key.")
        String name;

        @Mixin
        StoreOptions store;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            CommandLine cl = spec.commandLine();
            if (cl.getParseResult().hasMatchedOption("--data-dir") && cl.getParseResult().hasMatchedOption("--database-url")) {
                throw new CommandLine.ParameterException(cl, "give either --data-dir or --database-url, not both");
            }
            FieldCheck check = new FieldCheck().name("--workspace", workspace);
            if (project != null) {
                check.name("--project", project);
            }
            if (name != null) {
                check.name("--name", name);
            }
            try {
                check.throwIfAny();
            } catch (Invalid e) {
                // A usage error (exit 2) naming every bad option, as the API names every bad field.
                throw new CommandLine.ParameterException(cl, e.errors().stream()
                        .map(f -> f.field() + " " + f.reason()).collect(Collectors.joining("; ")));
            }
            try (StoreSession session = new StoreSession(store.config(0))) {
                IssuedKey key = session.services.bootstrap().createKey(workspace, project, name);
                PrintWriter out = cl.getOut();
                out.println((project == null ? "Admin" : "Project") + " API key " + key.id() + " created for workspace '"
                        + workspace + "'" + (project == null ? "" : ", project '" + project + "'")
                        + ". It is shown once and stored only as a hash:");
                out.println(key.secret().reveal());
                out.flush();
            }
            return 0;
        }
    }
}
