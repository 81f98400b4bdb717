package dev.herald.bench.realtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The WAL segments PostgreSQL created over a phase, found as files in {@code pg_wal} whose inode
 * was not there at the start (a recycled segment is renamed and keeps its inode). A segment made
 * while commits wait for the WAL is written whole (16 MB of zeros) and synced first, and every
 * commit of the cluster waits behind it: on the bench hosts that was a stall of 40 to 60 ms, at the
 * very millisecond of the file's birth. Empty when the directory cannot be read (SQLite, or a
 * database on another host or user).
 */
final class WalSegments {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private final Path dir;
    private final Set<Object> atStart;

    private WalSegments(Path dir, Set<Object> atStart) {
        this.dir = dir;
        this.atStart = atStart;
    }

    /** Starts watching {@code dir} (null: nothing to watch). */
    static WalSegments start(Path dir) {
        if (dir == null) {
            return new WalSegments(null, Set.of());
        }
        Set<Object> inodes = new HashSet<>();
        for (BasicFileAttributes a : segments(dir)) {
            inodes.add(a.fileKey());
        }
        return new WalSegments(dir, inodes);
    }

    /**
     * "WAL segments created: 1 (born 19:16:02.311 UTC)"; the birth time is the file system's where the
     * JDK reads it (statx, JDK 22 and later on Linux), else the last change. Null when not watching.
     */
    String created() {
        if (dir == null) {
            return null;
        }
        List<String> born = new ArrayList<>();
        for (BasicFileAttributes a : segments(dir)) {
            if (!atStart.contains(a.fileKey())) {
                born.add(TIME.format(a.creationTime().toInstant()));
            }
        }
        born.sort(null);
        return "WAL segments created: " + born.size() + (born.isEmpty() ? "" : " (born " + String.join(", ", born)
                + " UTC)");
    }

    /** The segment files' attributes (24 hexadecimal digits; not .history or .partial files). */
    private static List<BasicFileAttributes> segments(Path dir) {
        List<BasicFileAttributes> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().matches("[0-9A-F]{24}")).toList()) {
                try {
                    out.add(Files.readAttributes(f, BasicFileAttributes.class));
                } catch (IOException e) {
                    // recycled or removed while listing: not a segment made in the phase
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        return out;
    }
}
