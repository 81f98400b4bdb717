package dev.herald.server.cli;

import dev.herald.server.Herald;
import dev.herald.server.HeraldConfig;
import java.io.PrintWriter;
import java.util.function.Consumer;

/** Shared by {@code up} and {@code serve}: start, announce, stop gracefully on SIGTERM/SIGINT. */
final class ServerRunner {
    private ServerRunner() {
    }

    static int run(HeraldConfig config, PrintWriter out, Consumer<Herald> announce) throws InterruptedException {
        Herald herald = Herald.start(config);
        Thread hook = new Thread(herald::close, "herald-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("Herald is running at " + herald.baseUrl() + " (database: " + config.redactedDatabaseUrl() + ")");
        out.println("Web console: " + herald.baseUrl() + "/console (sign in with an admin or project API key)");
        announce.accept(herald);
        out.println("Press Ctrl+C (or send SIGTERM) to stop.");
        out.flush();
        herald.awaitStop();
        return 0;
    }
}
