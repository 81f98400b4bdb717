package dev.herald.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM options the server runs with, from the resource {@code jvm.options} beside this class:
 * what {@code ./herald} passes to {@code java} (through {@code .ci/jvm-options.sh}), so that a load
 * generator starting a server under test measures the server as it is deployed.
 */
public final class ServerJvmOptions {
    private ServerJvmOptions() {
    }

    /** The options for the JDK running this code. */
    public static List<String> forThisJdk() {
        return forJdk(Runtime.version().feature());
    }

    /** The options for a JDK of this major version. */
    public static List<String> forJdk(int major) {
        List<String> options = new ArrayList<>();
        for (String line : resource().split("\n")) {
            int comment = line.indexOf('#');
            String kept = (comment < 0 ? line : line.substring(0, comment)).strip();
            if (!kept.isEmpty()) {
                options.addAll(List.of(kept.split("\\s+")));
            }
        }
        if (major < 23) {
            options.add("-XX:+ZGenerational"); // ZGC is generational only from JDK 23 on
        }
        return List.copyOf(options);
    }

    private static String resource() {
        try (InputStream in = ServerJvmOptions.class.getResourceAsStream("jvm.options")) {
            if (in == null) {
                throw new IllegalStateException("jvm.options is missing from the server's resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
