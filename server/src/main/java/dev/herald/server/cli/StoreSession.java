package dev.herald.server.cli;

import dev.herald.server.HeraldConfig;
import dev.herald.server.Services;
import dev.herald.platform.store.Database;
import java.security.SecureRandom;
import java.time.Clock;

/** A short-lived, migrated store for commands that write directly (no HTTP server). */
final class StoreSession implements AutoCloseable {
    final Database db;
    final Services services;

    StoreSession(HeraldConfig config) {
        db = Database.open(config.databaseUrl(), 2, null);
        try {
            db.migrate();
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        services = Services.create(db, Clock.systemUTC(), new SecureRandom());
    }

    @Override
    public void close() {
        db.close();
    }
}
