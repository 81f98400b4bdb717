package dev.herald.server;

import dev.herald.server.cli.Cli;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.testing.Http;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code herald up} as a real process: first-run bootstrap, a working key, SIGTERM stops it gracefully. */
class UpProcessTest {
    private static final Pattern URL = Pattern.compile("running at (http://localhost:\\d+)");

    @TempDir
    Path dir;

    record Started(Process process, List<String> lines, Path stderr) {
    }

    private Started up() throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), Cli.class.getName(),
                "up", "--port", "0", "--data-dir", dir.resolve("data").toString())
                .redirectError(dir.resolve("stderr.txt").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("HERALD_"));
        Process p = pb.start();
        List<String> lines = new ArrayList<>();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            lines.add(line);
            if (line.startsWith("Press Ctrl+C")) {
                break;
            }
        }
        assertThat(lines).as("stdout of up; stderr: " + Files.readString(dir.resolve("stderr.txt")))
                .anyMatch(l -> l.startsWith("Press Ctrl+C"));
        return new Started(p, lines, dir.resolve("stderr.txt"));
    }

    private static URI url(List<String> lines) {
        for (String l : lines) {
            Matcher m = URL.matcher(l);
            if (m.find()) {
                return URI.create(m.group(1));
            }
        }
        throw new AssertionError("no URL in " + lines);
    }

    private static int terminate(Process p) throws InterruptedException {
        p.destroy(); // SIGTERM
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    @Test
    void upBootstrapsOnceAndStopsGracefullyOnSigterm() throws Exception {
        Started first = up();
        String key = first.lines().stream().filter(l -> l.matches("hk_live_[A-Za-z0-9_-]{43}")).findFirst()
                .orElseThrow(() -> new AssertionError("no key line in " + first.lines()));
        Http http = Http.validating(url(first.lines()));
        assertThat(http.get("/healthz", null).status()).isEqualTo(200);
        // The console's address is printed with the API's, and its sign-in page answers there.
        assertThat(first.lines()).contains("Web console: " + url(first.lines()) + "/console (sign in with an admin or "
                + "project API key)");
        Http.Response signIn = http.unvalidated().get("/console/login", null);
        assertThat(signIn.status()).isEqualTo(200);
        assertThat(signIn.body()).contains("<label for=\"api_key\">API key</label>");
        var me = http.get("/v1/me", key).json();
        assertThat(me.path("workspace").path("name").asText()).isEqualTo("default");
        assertThat(me.path("scopes").toString()).isEqualTo("[\"admin\"]");
        assertThat(terminate(first.process())).isEqualTo(143);
        assertThat(Files.readString(first.stderr())).contains("Herald stopped");

        Started second = up();
        assertThat(second.lines()).noneMatch(l -> l.startsWith("hk_live_"));
        assertThat(String.join("\n", second.lines())).contains("already exists");
        assertThat(Http.validating(url(second.lines())).get("/v1/me", key).status()).isEqualTo(200);
        terminate(second.process());
    }
}
