package dev.herald.bench.realtime;

import java.time.Duration;

/**
 * CPU time spent by the server process and by this load generator over a phase, so a result can
 * be read as a cost per operation, which holds even when other work shares the machine.
 */
record Cpu(long serverPid, long serverStartNanos, long clientStartNanos, long wallStartNanos) {

    static Cpu start(long serverPid) {
        return new Cpu(serverPid, cpuOf(serverPid), cpuOf(ProcessHandle.current().pid()), System.nanoTime());
    }

    private static long cpuOf(long pid) {
        if (pid < 0) {
            return -1;
        }
        return ProcessHandle.of(pid).flatMap(h -> h.info().totalCpuDuration()).map(Duration::toNanos).orElse(-1L);
    }

    /** "server CPU 123 us/atom (1.6 cores busy), client 0.4 cores". */
    String per(long operations, String unit) {
        double wall = (System.nanoTime() - wallStartNanos) / 1e9;
        long client = cpuOf(ProcessHandle.current().pid()) - clientStartNanos;
        if (serverStartNanos < 0 || operations == 0) {
            return String.format("client %.2f cores", client / 1e9 / wall);
        }
        long server = cpuOf(serverPid) - serverStartNanos;
        return String.format("server CPU %.0f us/%s (%.2f cores busy), client %.2f cores", server / 1e3 / operations, unit,
                server / 1e9 / wall, client / 1e9 / wall);
    }
}
