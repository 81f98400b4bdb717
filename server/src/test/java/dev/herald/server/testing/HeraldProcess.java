package dev.herald.server.testing;

import dev.herald.server.cli.Cli;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code herald serve} in a separate JVM (the test class path, so it is exactly the code under
 * test, with no packaging step), on a free port over a given store. {@link #kill()} is SIGKILL: the
 * process gets no chance to flush or drain anything, which is what crash tests need.
 */
public final class HeraldProcess implements AutoCloseable {
    private static final Pattern RUNNING = Pattern.compile("running at (http://localhost:\\d+)");
    private static final long START_TIMEOUT_SECONDS = 90;

    private final Process process;
    private final URI baseUrl;
    private final Path stderr;

    private HeraldProcess(Process process, URI baseUrl, Path stderr) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.stderr = stderr;
    }

    /** Starts a node and waits until it listens. {@code logDir} receives its stderr. */
    public static HeraldProcess serve(Path dataDir, String databaseUrl, Path logDir, String name) {
        return serve(dataDir, databaseUrl, logDir, name, List.of());
    }

    /** As {@link #serve(Path, String, Path, String)}, with more {@code serve} options (e.g. {@code --voice-speed 10}). */
    public static HeraldProcess serve(Path dataDir, String databaseUrl, Path logDir, String name, List<String> options) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx384m",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                Cli.class.getName(), "serve", "--port", "0", "--data-dir", dataDir.toString()));
        if (databaseUrl != null) {
            command.addAll(List.of("--database-url", databaseUrl));
        }
        command.addAll(options);
        Path err = logDir.resolve(name + "-stderr.txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(err.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("HERALD_"));
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + java, e);
        }
        CompletableFuture<URI> url = CompletableFuture.supplyAsync(() -> awaitUrl(p));
        try {
            return new HeraldProcess(p, url.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS), err);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            p.destroyForcibly();
            throw new IllegalStateException("node " + name + " did not start: " + e + "\n" + read(err), e);
        }
    }

    private static URI awaitUrl(Process p) {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        try {
            String line;
            while ((line = out.readLine()) != null) {
                Matcher m = RUNNING.matcher(line);
                if (m.find()) {
                    URI uri = URI.create(m.group(1));
                    // Keep draining stdout so the child never blocks on a full pipe.
                    Thread.ofVirtual().start(() -> drain(out));
                    return uri;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("the node exited before listening (exit " + waitExit(p) + ")");
    }

    private static void drain(BufferedReader out) {
        try {
            while (out.readLine() != null) {
                // discard
            }
        } catch (IOException e) {
            // the process is gone
        }
    }

    private static int waitExit(Process p) {
        try {
            return p.waitFor(10, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    public URI baseUrl() {
        return baseUrl;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL, then waits for the process to be gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("node " + process.pid() + " survived SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGTERM (graceful stop); returns the exit code. */
    public int stop() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("node " + process.pid() + " did not stop on SIGTERM");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The node's stderr so far (its log). */
    public String log() {
        return read(stderr);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
