package dev.herald.evidence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the read-only reference data beside the reactor root. */
public final class Reference {
    private Reference() {}

    public static Path keel(String file) {
        return root().resolve("keel").resolve(file);
    }

    /** A file of the reference directory by its relative path, e.g. {@code ed25519/speccheck-cases.json}. */
    public static Path file(String relative) {
        return root().resolve(relative);
    }

    public static byte[] keelBytes(String file) {
        try {
            return Files.readAllBytes(keel(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path root() {
        String given = System.getenv("HERALD_REFERENCE_DIR");
        if (given != null && Files.isDirectory(Path.of(given))) {
            return Path.of(given);
        }
        String heraldRoot = System.getProperty("herald.root");
        if (heraldRoot != null) {
            Path candidate = Path.of(heraldRoot).resolve("../shared/reference").normalize();
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared").resolve("reference");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            Path inside = dir.resolve("shared").resolve("reference");
            if (Files.isDirectory(inside)) {
                return inside;
            }
        }
        throw new IllegalStateException("shared/reference not found; set HERALD_REFERENCE_DIR or -Dherald.root");
    }
}
