package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One owner per table: every table a migration creates is read and written by SQL in exactly one
 * package, and that package lives in the module whose migrations create the table. Other features
 * reach the data through the owner's service API or a hook it calls. Checked on the sources of
 * every module (SQL sits in string literals, which compiled classes do not show as dependencies).
 */
class TableOwnershipTest {
    private static final Pattern CREATE = Pattern.compile("CREATE TABLE\\s+([a-z_]+)", Pattern.CASE_INSENSITIVE);
    private static final String[] MODULES = {"platform", "governance", "voice", "server"};
    /** table -> module whose migrations create it */
    private static final Map<String, String> CREATED_IN = new TreeMap<>();
    /** table -> packages whose sources run SQL on it */
    private static final Map<String, Set<String>> TOUCHED_BY = new TreeMap<>();

    @BeforeAll
    static void scan() throws IOException {
        Path root = Path.of(System.getProperty("herald.root"));
        for (String module : MODULES) {
            Path migrations = root.resolve(module).resolve("src/main/resources/db/migration");
            if (Files.isDirectory(migrations)) {
                try (Stream<Path> files = Files.walk(migrations)) {
                    for (Path sql : files.filter(p -> p.toString().endsWith(".sql")).toList()) {
                        Matcher m = CREATE.matcher(Files.readString(sql));
                        while (m.find()) {
                            CREATED_IN.put(m.group(1).toLowerCase(), module);
                        }
                    }
                }
            }
        }
        for (String table : CREATED_IN.keySet()) {
            Pattern sql = Pattern.compile("(?i)\\b(from|join|into|update|table)\\s+" + table + "\\b");
            Set<String> packages = new TreeSet<>();
            for (String module : MODULES) {
                Path sources = root.resolve(module).resolve("src/main/java");
                if (!Files.isDirectory(sources)) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(sources)) {
                    for (Path java : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                        if (sql.matcher(Files.readString(java)).find()) {
                            packages.add(sources.relativize(java.getParent()).toString().replace('/', '.'));
                        }
                    }
                }
            }
            TOUCHED_BY.put(table, packages);
        }
    }

    @Test
    void migrationsCreateTables() {
        assertThat(CREATED_IN).containsKeys("realtime_sessions", "api_keys", "webhook_deliveries");
    }

    @Test
    void everyTableIsQueriedFromOnePackageAtMost() {
        Map<String, Set<String>> shared = new TreeMap<>();
        TOUCHED_BY.forEach((table, packages) -> {
            if (packages.size() > 1) {
                shared.put(table, packages);
            }
        });
        assertThat(shared).as("tables whose SQL is spread over several packages").isEmpty();
    }

    @Test
    void aTablesOwnerLivesInTheModuleThatCreatesIt() {
        Map<String, String> misplaced = new TreeMap<>();
        TOUCHED_BY.forEach((table, packages) -> packages.forEach(p -> {
            if (!p.startsWith("dev.herald." + CREATED_IN.get(table))) {
                misplaced.put(table, p + " (created in " + CREATED_IN.get(table) + ")");
            }
        }));
        assertThat(misplaced).as("tables queried outside the module whose migrations create them").isEmpty();
    }
}
