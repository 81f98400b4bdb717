package dev.herald.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `herald keys create` refuses bad names before it opens the store, naming every bad option at once. */
class KeysCommandTest {
    @TempDir
    Path dir;

    @Test
    void badNames_areOneUsageError_namingEveryBadOption_andCreateNothing() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Cli.execute(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), "keys", "create", "--workspace", "bad name!",
                "--project", "ok", "--name", "-dash-first", "--data-dir", dir.resolve("data").toString());
        String message = err.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(message).isEqualTo(2);
        assertThat(message).contains("--workspace must be 1 to 100 characters", "; --name must be 1 to 100 characters")
                .doesNotContain("--project must").doesNotContain("Exception");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(dir.resolve("data")).doesNotExist();
    }
}
