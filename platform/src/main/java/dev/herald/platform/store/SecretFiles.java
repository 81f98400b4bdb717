package dev.herald.platform.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files of key material in the data directory: owner-only, and always seen whole by a process
 * reading them while another writes (written to a temporary file in the same directory, then
 * put in place in one step). Several processes may share one data directory and start at once.
 */
public final class SecretFiles {
    private SecretFiles() {
    }

    /**
     * Writes {@code content} as {@code file} unless the file exists. When processes race, exactly
     * one file wins and the others' content is dropped, so every racer must read the file back
     * rather than use what it wrote. The step is a hard link, which fails when the name exists:
     * a rename would silently replace a key another process may already be using.
     */
    public static void createIfAbsent(Path file, String content) throws IOException {
        Path tmp = temporary(file, content);
        try {
            Files.createLink(file, tmp);
        } catch (FileAlreadyExistsException e) {
            // another process created it first; its content wins
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Replaces {@code file} with {@code content} in one step (a rename). */
    public static void replace(Path file, String content) throws IOException {
        Path tmp = temporary(file, content);
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static Path temporary(Path file, String content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".tmp-", ".part",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(tmp, content, StandardCharsets.US_ASCII);
            return tmp;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }
}
