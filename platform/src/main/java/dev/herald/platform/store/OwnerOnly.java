package dev.herald.platform.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

/**
 * Owner-only modes for the data directory and the SQLite database files, which hold everything a
 * key on the same machine would protect (hashed API keys, sealed secrets, every session). SQLite
 * creates its {@code -wal}, {@code -shm} and {@code -journal} files with the mode of the database
 * file, so creating the database file 0600 before SQLite opens it is enough for new installs;
 * files of an existing install are narrowed on every start. No-ops where the file system has no
 * POSIX permissions.
 */
public final class OwnerOnly {
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final List<String> SQLITE_SIDE_FILES = List.of("-wal", "-shm", "-journal");

    private OwnerOnly() {
    }

    /** Creates {@code dir} (and missing parents) owner-only; an existing directory is left as it is. */
    public static void createDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (!posix(dir.toAbsolutePath().getRoot())) {
            Files.createDirectories(dir);
            return;
        }
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
    }

    /**
     * Prepares a SQLite database file before SQLite opens it: its directory exists (created
     * owner-only), the file exists owner-only (an empty file is a new database to SQLite), and an
     * existing file and its side files are narrowed to owner-only.
     */
    public static void prepareSqliteFile(Path db) throws IOException {
        Path file = db.toAbsolutePath();
        createDirectory(file.getParent());
        if (!posix(file.getParent())) {
            return;
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
        } catch (FileAlreadyExistsException e) {
            // an existing database: narrowed below
        }
        narrow(file);
        for (String suffix : SQLITE_SIDE_FILES) {
            narrow(file.resolveSibling(file.getFileName() + suffix));
        }
    }

    private static void narrow(Path file) throws IOException {
        if (Files.isRegularFile(file) && !Files.getPosixFilePermissions(file).equals(FILE)) {
            Files.setPosixFilePermissions(file, FILE);
        }
    }

    private static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
