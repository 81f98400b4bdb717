package dev.herald.bench.realtime;

import java.time.Duration;
import java.util.Map;

/**
 * CPU time spent by the server process, by this load generator and by the PostgreSQL processes
 * over a phase, so a result can be read as a cost per operation, which holds even when other work
 * shares the machine. The server's share is split by thread kind ({@link ThreadCpu}): request
 * threads are the cost of the operation itself; GC, JIT and Herald's background threads are the
 * cost around it.
 */
public record Cpu(long serverPid, String database, long serverStartNanos, long clientStartNanos, long wallStartNanos,
        Map<Long, ThreadCpu.Sample> threadsAtStart, long[] userSystemAtStart) {

    public static Cpu start(long serverPid) {
        return start(serverPid, null);
    }

    /** As {@link #start(long)}, counting only {@code database}'s PostgreSQL backends as the server's (null: all). */
    public static Cpu start(long serverPid, String database) {
        return new Cpu(serverPid, database, cpuOf(serverPid), cpuOf(ProcessHandle.current().pid()), System.nanoTime(),
                ThreadCpu.snapshot(serverPid, database), ThreadCpu.userSystemTicks(serverPid));
    }

    private static long cpuOf(long pid) {
        if (pid < 0) {
            return -1;
        }
        return ProcessHandle.of(pid).flatMap(h -> h.info().totalCpuDuration()).map(Duration::toNanos).orElse(-1L);
    }

    /**
     * "server CPU 123 us/atom (1.6 cores busy) = request 100 + GC 10 + ...; PostgreSQL ...; client
     * 0.4 cores".
     */
    public String per(long operations, String unit) {
        double wall = (System.nanoTime() - wallStartNanos) / 1e9;
        long client = cpuOf(ProcessHandle.current().pid()) - clientStartNanos;
        if (serverStartNanos < 0 || operations == 0) {
            return String.format("client %.2f cores", client / 1e9 / wall);
        }
        long server = cpuOf(serverPid) - serverStartNanos;
        Map<ThreadCpu.Kind, Long> d = ThreadCpu.delta(threadsAtStart, ThreadCpu.snapshot(serverPid, database));
        StringBuilder b = new StringBuilder(String.format("server CPU %.0f us/%s (%.2f cores busy)", server / 1e3
                / operations, unit, server / 1e9 / wall));
        long named = 0;
        String sep = " = ";
        for (ThreadCpu.Kind k : new ThreadCpu.Kind[] {ThreadCpu.Kind.REQUEST, ThreadCpu.Kind.GC, ThreadCpu.Kind.JIT,
                ThreadCpu.Kind.BACKGROUND, ThreadCpu.Kind.OTHER_JVM}) {
            long ns = d.get(k);
            named += ns;
            b.append(sep).append(k.label).append(' ').append(String.format("%.0f", ns / 1e3 / operations));
            sep = " + ";
        }
        // Threads that ended during the phase are in the process total only.
        b.append(String.format(" + ended threads %.0f", Math.max(0, server - named) / 1e3 / operations));
        long pgBackend = d.get(ThreadCpu.Kind.PG_BACKEND);
        long pgBackground = d.get(ThreadCpu.Kind.PG_BACKGROUND);
        if (pgBackend + pgBackground > 0) {
            b.append(String.format("; PostgreSQL %.0f us/%s (backends %.0f + background %.0f)",
                    (pgBackend + pgBackground) / 1e3 / operations, unit, pgBackend / 1e3 / operations,
                    pgBackground / 1e3 / operations));
        }
        if (database != null) {
            b.append(String.format("; PostgreSQL backends of other databases %.0f us/%s (not counted)",
                    d.get(ThreadCpu.Kind.PG_OTHER_DATABASES) / 1e3 / operations, unit));
        }
        b.append(String.format("; without background work (request threads%s): %.0f us/%s",
                pgBackend > 0 ? " + PostgreSQL backends" : "", (d.get(ThreadCpu.Kind.REQUEST) + pgBackend) / 1e3
                        / operations, unit));
        long[] us = ThreadCpu.userSystemTicks(serverPid);
        long user = us[0] - userSystemAtStart[0];
        long system = us[1] - userSystemAtStart[1];
        if (user + system > 0) {
            // Kernel time is where a host's virtualization shows: loopback sockets, futex wake-ups, syncs.
            b.append(String.format("; server user/kernel %.0f%%/%.0f%%", 100.0 * user / (user + system),
                    100.0 * system / (user + system)));
        }
        b.append(String.format("; client %.2f cores", client / 1e9 / wall));
        return b.toString();
    }

    /** CPU per kind (comm names are cut to 15 characters) over an idle window (no load): the background work the server does on its own. */
    public static String idle(long serverPid, long millis) throws InterruptedException {
        return idle(serverPid, null, millis);
    }

    /** As {@link #idle(long, long)}, telling {@code database}'s PostgreSQL backends from others' (null: all as one). */
    public static String idle(long serverPid, String database, long millis) throws InterruptedException {
        if (serverPid < 0) {
            return "no server process";
        }
        Map<Long, ThreadCpu.Sample> start = ThreadCpu.snapshot(serverPid, database);
        long total = cpuOf(serverPid);
        Thread.sleep(millis);
        Map<ThreadCpu.Kind, Long> d = ThreadCpu.delta(start, ThreadCpu.snapshot(serverPid, database));
        double seconds = millis / 1e3;
        StringBuilder b = new StringBuilder(String.format("idle %d ms: server %.3f cores", millis,
                (cpuOf(serverPid) - total) / 1e9 / seconds));
        String sep = " (";
        for (ThreadCpu.Kind k : ThreadCpu.Kind.values()) {
            b.append(sep).append(k.label).append(String.format(" %.3f", d.get(k) / 1e9 / seconds));
            sep = ", ";
        }
        return b.append(')').toString();
    }
}
