package dev.herald.ratify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Locates the shared Ratify conformance fixtures and other read-only reference data. */
public final class Fixtures {
    private Fixtures() {}

    static final int EXPECTED_COUNT = 79;

    static Path dir() {
        String given = System.getenv("HERALD_REFERENCE_DIR");
        if (given != null && Files.isDirectory(Path.of(given, "ratify/testvectors/v1"))) {
            return Path.of(given, "ratify/testvectors/v1");
        }
        String root = System.getProperty("herald.root");
        if (root != null) {
            Path p = Path.of(root).resolve("../shared/reference/ratify/testvectors/v1").normalize();
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        Path cur = Path.of("").toAbsolutePath();
        while (cur != null) {
            Path p = cur.resolveSibling("shared").resolve("reference/ratify/testvectors/v1");
            if (Files.isDirectory(p)) {
                return p;
            }
            Path q = cur.resolve("shared/reference/ratify/testvectors/v1");
            if (Files.isDirectory(q)) {
                return q;
            }
            cur = cur.getParent();
        }
        throw new IllegalStateException(
                "Ratify fixtures not found: expected ../shared/reference/ratify/testvectors/v1 relative to"
                        + " the reactor root (system property herald.root=" + root + "), or HERALD_REFERENCE_DIR");
    }

    static final int CROSS_SDK_EXPECTED_COUNT = 11;

    /** The cross-SDK byte-equivalence vectors beside testvectors/v1; missing is a failure. */
    static Path crossSdkVectors() {
        Path file = dir().resolveSibling("cross-sdk").resolve("cross_sdk_vectors.json");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("cross-SDK vectors not found at " + file);
        }
        return file;
    }

    /** A file of the shared reference directory, e.g. {@code ed25519/speccheck-cases.json}. */
    public static Path reference(String relative) {
        return dir().resolve("../../..").resolve(relative).normalize();
    }

    static List<Path> all() {
        try (Stream<Path> s = Files.list(dir())) {
            List<Path> files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            if (files.size() < EXPECTED_COUNT) {
                throw new IllegalStateException("expected at least " + EXPECTED_COUNT
                        + " Ratify fixtures in " + dir() + ", found " + files.size());
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
