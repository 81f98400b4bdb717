package dev.herald.server.cli;

import dev.herald.platform.HeraldException;
import dev.herald.server.ConfigException;
import dev.herald.server.cli.ratify.RatifyCommand;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code herald} command line. Exit codes: 0 success, 1 runtime failure (printed as one line,
 * never a stack trace), 2 usage error. A new subcommand is a picocli {@code @Command} class listed
 * in {@code subcommands} below.
 */
@Command(name = "herald",
        mixinStandardHelpOptions = true,
        versionProvider = Cli.Version.class,
        description = "Herald: the trust and operations layer for voice AI agents.",
        subcommands = {UpCommand.class, ServeCommand.class, KeysCommand.class, MigrateCommand.class, RatifyCommand.class,
                EvidenceVerifyCommand.class,
                CommandLine.HelpCommand.class})
public final class Cli implements Runnable {
    public static final int EXIT_USAGE = 2;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand");
    }

    public static void main(String[] args) {
        System.exit(execute(System.out, System.err, args));
    }

    /** Runs the CLI with the given streams and returns the exit code (used by tests, no System.exit). */
    public static int execute(PrintStream out, PrintStream err, String... args) {
        CommandLine cl = new CommandLine(new Cli());
        cl.setOut(new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        cl.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            cmd.getErr().println("herald: " + describe(e));
            cmd.getErr().flush();
            return e instanceof ConfigException ? EXIT_USAGE : 1;
        });
        return cl.execute(args);
    }

    /** One readable line for an error: the message chain, no stack trace. */
    static String describe(Throwable e) {
        if (e instanceof HeraldException) {
            return e.getMessage();
        }
        if (e.getClass().getName().equals("io.javalin.util.JavalinBindException")) {
            return "cannot listen: " + e.getMessage();
        }
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null && sb.length() < 400; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && !sb.toString().contains(m)) {
                sb.append(sb.isEmpty() ? "" : ": ").append(m);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return sb.isEmpty() ? e.getClass().getSimpleName() : sb.toString();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Cli.class.getPackage().getImplementationVersion();
            return new String[] {"herald " + (v == null ? "development build" : v)};
        }
    }
}
