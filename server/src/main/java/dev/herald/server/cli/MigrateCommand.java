package dev.herald.server.cli;

import java.util.concurrent.Callable;
import org.flywaydb.core.api.output.MigrateResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "migrate", mixinStandardHelpOptions = true, description = "Apply database migrations and exit.")
public final class MigrateCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var config = store.config(0);
        var db = dev.herald.platform.store.Database.open(config.databaseUrl(), 1, null);
        try (db) {
            MigrateResult result = db.migrate();
            String version = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
            spec.commandLine().getOut().println("Applied " + result.migrationsExecuted + " migration(s) to "
                    + config.redactedDatabaseUrl() + "; schema version is " + version + ".");
        }
        return 0;
    }
}
