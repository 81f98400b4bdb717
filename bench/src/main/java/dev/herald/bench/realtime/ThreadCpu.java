package dev.herald.bench.realtime;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time of the server JVM split by what its threads do, and of the PostgreSQL processes on
 * this machine, read from /proc (per-thread {@code schedstat}, nanoseconds). The server runs in its
 * own process, so its threads are told apart by name: the JVM names its GC and JIT threads, Herald
 * names its background threads (SQLite checkpointer, pool housekeepers), and request handlers run on
 * the virtual-thread carriers and I/O pollers (which also carry the webhook dispatcher's virtual
 * thread: its share shows in the idle baseline).
 */
public final class ThreadCpu {
    /** What a thread's CPU is spent on. */
    public enum Kind {
        REQUEST("request"), GC("GC"), JIT("JIT"), BACKGROUND("Herald background"), OTHER_JVM("other JVM"),
        PG_BACKEND("PostgreSQL backends"), PG_BACKGROUND("PostgreSQL background"),
        PG_OTHER_DATABASES("PostgreSQL backends of other databases");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    private ThreadCpu() {}

    /** A thread of the server or a PostgreSQL process: what it does and its CPU so far. */
    public record Sample(Kind kind, long nanos) {
    }

    /** CPU so far of the server process {@code pid}'s threads and of PostgreSQL's processes, every backend counted. */
    static Map<Long, Sample> snapshot(long pid) {
        return snapshot(pid, null);
    }

    /**
     * CPU so far of the server process {@code pid}'s threads and of PostgreSQL's processes, by
     * thread or process id (one id space on Linux), for {@link #delta}. The backends of databases
     * other than {@code database} (when not null) are counted apart: other clusters and other
     * databases on this machine (CI's test databases) are not the server's cost.
     */
    static Map<Long, Sample> snapshot(long pid, String database) {
        Map<Long, Sample> out = new HashMap<>();
        if (pid < 0) {
            return out;
        }
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                String name = read(task.resolve("comm"));
                long ns = schedNanos(task);
                if (name != null && ns > 0) {
                    out.put(Long.parseLong(task.getFileName().toString()), new Sample(kindOfJvmThread(name), ns));
                }
            }
        } catch (IOException e) {
            // process gone
        }
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString()
                .chars().allMatch(Character::isDigit))) {
            for (Path proc : procs) {
                String comm = read(proc.resolve("comm"));
                if (!"postgres".equals(comm)) {
                    continue;
                }
                String cmd = read(proc.resolve("cmdline"));
                long ns = schedNanos(proc);
                // A backend's title is "postgres: <user> <database> <host>(<port>) <state>".
                boolean backend = cmd != null && cmd.contains("(") && cmd.contains(")");
                Kind kind = !backend ? Kind.PG_BACKGROUND
                        : database == null || database.equals(backendDatabase(cmd)) ? Kind.PG_BACKEND
                        : Kind.PG_OTHER_DATABASES;
                if (ns >= 0) {
                    out.put(Long.parseLong(proc.getFileName().toString()), new Sample(kind, ns));
                }
            }
        } catch (IOException e) {
            // no /proc: not Linux
        }
        return out;
    }

    /**
     * The database of a backend's title, {@code "postgres: [<cluster name>: ]<user> <database>
     * <host>(<port>) <state>"}: the word before the client's address. Null if there is none.
     */
    static String backendDatabase(String title) {
        String[] words = title.split(" +");
        for (int i = 2; i < words.length; i++) {
            if (words[i].contains("(") && words[i].endsWith(")")) {
                return words[i - 1];
            }
        }
        return null;
    }

    static Kind kindOfJvmThread(String name) {
        if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.equals("VM Thread")
                || name.startsWith("ZWorker") || name.startsWith("ZDriver") || name.startsWith("ZDirector")
                || name.startsWith("ZStat") || name.startsWith("ZUncommit") || name.startsWith("Shenandoah")) {
            return Kind.GC;
        }
        if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
            return Kind.JIT;
        }
        // The SQLite checkpointer ("herald-sqlite-checkpoint"), the connection pools' housekeepers
        // ("herald-sqlite housekeeper", "herald-postgres housekeeper"), the egress watchdog.
        if (name.startsWith("herald-")) {
            return Kind.BACKGROUND;
        }
        // Virtual-thread carriers (request handlers, webhook dispatcher), Jetty's platform threads,
        // Ratify's verification pool.
        if (name.startsWith("ForkJoinPool") || name.startsWith("qtp") || name.startsWith("ratify-verify")
                || name.endsWith("Poller") || name.startsWith("VirtualThread-u")
                || name.startsWith("JettyServerThr") || name.startsWith("Connector")) {
            return Kind.REQUEST;
        }
        return Kind.OTHER_JVM;
    }

    /** Which garbage collector the server runs, from its thread names. */
    public static String collector(long pid) {
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                String name = read(task.resolve("comm"));
                if (name == null) {
                    continue;
                }
                if (name.startsWith("G1 ")) {
                    return "G1";
                }
                if (name.startsWith("ZWorker") || name.startsWith("ZDriver")) {
                    return "ZGC";
                }
                if (name.startsWith("Shenandoah")) {
                    return "Shenandoah";
                }
            }
        } catch (IOException e) {
            return "unknown";
        }
        return "Serial or Parallel (no G1/ZGC/Shenandoah threads)";
    }

    /** The process's user and kernel CPU time in clock ticks (fields 14 and 15 of /proc/pid/stat). */
    static long[] userSystemTicks(long pid) {
        String stat = pid < 0 ? null : read(Path.of("/proc", Long.toString(pid), "stat"));
        if (stat == null) {
            return new long[] {0, 0};
        }
        // The command name may contain spaces; the fields after it are counted from its closing parenthesis.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        try {
            return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])};
        } catch (RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    private static long schedNanos(Path dir) {
        String s = read(dir.resolve("schedstat"));
        if (s == null) {
            return -1;
        }
        try {
            return Long.parseLong(s.split(" ")[0]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p).replace('\0', ' ').trim();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * CPU per kind between two snapshots, summed over the threads and processes alive at
     * {@code later} (those started in between count whole). One that ended in between is left out
     * rather than subtracted: a CI test's backend exiting must not make a figure negative (the
     * server's ended threads show in its process total).
     */
    static Map<Kind, Long> delta(Map<Long, Sample> earlier, Map<Long, Sample> later) {
        Map<Kind, Long> out = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            out.put(k, 0L);
        }
        for (Map.Entry<Long, Sample> e : later.entrySet()) {
            Sample before = earlier.get(e.getKey());
            long since = e.getValue().nanos() - (before == null ? 0 : before.nanos());
            out.merge(e.getValue().kind(), Math.max(0, since), Long::sum);
        }
        return out;
    }
}
