package dev.herald.platform.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.testing.StoreExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** PostgreSQL connection settings. */
class PostgresDatabaseTest {
    @RegisterExtension
    static final StoreExtension STORE = StoreExtension.postgres();

    @Test
    void connectionsFlushEvictedPagesAsTheyGo_unlessTheUrlSaysOtherwise() {
        try (Database db = Database.open(STORE.databaseUrl(), 2, null)) {
            assertThat(setting(db, "backend_flush_after")).isEqualTo("256kB");
        }
        String url = STORE.databaseUrl() + (STORE.databaseUrl().contains("?") ? "&" : "?")
                + "options=-c%20backend_flush_after=0";
        try (Database db = Database.open(url, 2, null)) {
            assertThat(setting(db, "backend_flush_after")).isEqualTo("0");
        }
    }

    private static String setting(Database db, String name) {
        return db.read(h -> h.createQuery("SELECT current_setting(:n)").bind("n", name).mapTo(String.class).one());
    }
}
