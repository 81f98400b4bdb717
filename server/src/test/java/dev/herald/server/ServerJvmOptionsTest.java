package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ServerJvmOptionsTest {
    @Test
    void theServerRunsOnGenerationalZgc_onEveryJdkItSupports() {
        assertThat(ServerJvmOptions.forJdk(25)).containsExactly("-XX:+UseZGC");
        assertThat(ServerJvmOptions.forJdk(21)).containsExactly("-XX:+UseZGC", "-XX:+ZGenerational");
    }

    @Test
    void theLauncherReadsTheSameOptions_asTheLoadGeneratorsDo() throws Exception {
        for (int major : new int[] {21, 22, 23, 25}) {
            assertThat(launcherOptions(major)).as("JDK %d", major).isEqualTo(ServerJvmOptions.forJdk(major));
        }
    }

    @Test
    void theOptionsStartThisJdk() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new java.util.ArrayList<>(List.of(java));
        command.addAll(ServerJvmOptions.forThisJdk());
        command.add("-version");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).doesNotContainIgnoringCase("warning");
    }

    /** What .ci/jvm-options.sh (sourced by ./herald) prints for a JDK of this major version. */
    private static List<String> launcherOptions(int major) throws IOException, InterruptedException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Process p = new ProcessBuilder("bash", "-c", ". .ci/jvm-options.sh && herald_jvm_options " + major)
                .directory(root.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.lines().toList();
    }
}
