package dev.herald.server;

import dev.herald.server.cli.Cli;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.testing.Http;
import dev.herald.server.testing.StoreExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's output and exit-code contract, run in-process. */
class CliTest {
    @RegisterExtension
    static final StoreExtension POSTGRES = StoreExtension.postgres();

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
        String lastLine() {
            List<String> lines = out.lines().toList();
            return lines.isEmpty() ? "" : lines.getLast();
        }
    }

    static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Cli.execute(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static void assertNoStackTrace(Run run) {
        assertThat(run.err()).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void everyCommandHasHelp() {
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"up", "--help"},
                new String[] {"serve", "--help"}, new String[] {"keys", "--help"},
                new String[] {"keys", "create", "--help"}, new String[] {"migrate", "--help"})) {
            Run run = cli(args);
            assertThat(run.exit()).as(String.join(" ", args)).isZero();
            assertThat(run.out()).contains("Usage:");
        }
        assertThat(cli("up", "--help").out()).contains("--port", "--data-dir", "--database-url", "HERALD_PORT");
    }

    @Test
    void usageErrorsExitWith2AndNoStackTrace() {
        for (String[] args : List.of(new String[] {}, new String[] {"frobnicate"}, new String[] {"keys"},
                new String[] {"keys", "create"}, new String[] {"serve", "--port", "eighty"},
                new String[] {"keys", "create", "--workspace", "w", "--data-dir", "x", "--database-url", "jdbc:sqlite:y"},
                new String[] {"keys", "create", "--workspace", "bad name!", "--data-dir", "x"},
                new String[] {"migrate", "--database-url", "jdbc:mysql://nope"})) {
            Run run = cli(args);
            assertThat(run.exit()).as(String.join(" ", args) + " -> " + run.err()).isEqualTo(2);
            assertThat(run.err()).isNotBlank();
            assertNoStackTrace(run);
        }
    }

    @Test
    void keysCreatePrintsTheKeyAloneOnTheLastLineAndItWorks() {
        Run admin = cli("keys", "create", "--workspace", "acme", "--data-dir", dir.toString());
        Run project = cli("keys", "create", "--workspace", "acme", "--project", "voice", "--data-dir", dir.toString());
        assertThat(admin.exit()).as(admin.err()).isZero();
        assertThat(project.exit()).as(project.err()).isZero();
        assertThat(admin.lastLine()).matches("hk_live_[A-Za-z0-9_-]{43}");
        assertThat(project.lastLine()).matches("hk_live_[A-Za-z0-9_-]{43}");

        try (Herald herald = Herald.start(HeraldConfig.of(0, dir, null))) {
            Http http = Http.validating(herald.baseUrl());
            var me = http.get("/v1/me", admin.lastLine()).json();
            assertThat(me.path("workspace").path("name").asText()).isEqualTo("acme");
            assertThat(me.path("scopes").toString()).isEqualTo("[\"admin\"]");
            var pme = http.get("/v1/me", project.lastLine()).json();
            assertThat(pme.path("project").path("name").asText()).isEqualTo("voice");
            assertThat(pme.path("workspace").path("id")).isEqualTo(me.path("workspace").path("id"));
        }
    }

    @Test
    void keysCreateWorksAgainstPostgres() {
        Run run = cli("keys", "create", "--workspace", "pg-acme", "--project", "calls",
                "--database-url", POSTGRES.databaseUrl());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.lastLine()).startsWith("hk_live_");
        try (Herald herald = Herald.start(POSTGRES.config())) {
            assertThat(Http.validating(herald.baseUrl()).get("/v1/me", run.lastLine()).json()
                    .path("project").path("name").asText()).isEqualTo("calls");
        }
    }

    @Test
    void migrateAppliesOnceThenIsANoOp() {
        Run first = cli("migrate", "--data-dir", dir.toString());
        Run second = cli("migrate", "--data-dir", dir.toString());
        assertThat(first.exit()).as(first.err()).isZero();
        // Counted from the migration files, so the test holds as migrations are added.
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("Applied (\\d+) migration\\(s\\).*schema version is (\\S+)\\.").matcher(first.out());
        assertThat(m.find()).as(first.out()).isTrue();
        assertThat(Integer.parseInt(m.group(1))).isPositive();
        assertThat(second.out()).contains("Applied 0 migration(s)").contains("schema version is " + m.group(2) + ".");
        assertThat(dir.resolve("herald.db")).exists();
    }

    @Test
    void runtimeFailuresAreOneLineWithExit1() {
        Run run = cli("migrate", "--database-url", "jdbc:sqlite:/proc/definitely/not/writable/herald.db");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).startsWith("herald: ");
        assertNoStackTrace(run);
    }

    @Test
    void serveRefusesAnInvalidTsaUrl() {
        Run run = cli("serve", "--port", "0", "--data-dir", dir.toString(), "--tsa-url", "ftp://tsa.example/x");
        assertThat(run.exit()).isNotZero();
        assertThat(run.err()).contains("TSA URL");
        assertNoStackTrace(run);
    }
}
