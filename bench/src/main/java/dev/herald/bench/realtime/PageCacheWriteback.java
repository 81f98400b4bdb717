package dev.herald.bench.realtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The kernel's dirty page cache over a phase, sampled every 50 ms from {@code /proc/meminfo}: how
 * much was waiting to be written at the start and at the peak, and the largest amount the kernel
 * wrote back within 250 ms, with when. On PostgreSQL a commit's WAL flush queues behind such a
 * writeback on a shared disk: session 12 caught 217 MB leaving in 110 ms while 44 turns stalled.
 * Summarizes to null where {@code /proc/meminfo} cannot be read.
 */
final class PageCacheWriteback implements AutoCloseable {
    private static final Path MEMINFO = Path.of("/proc/meminfo");
    private static final long SAMPLE_MS = 50;
    private static final int WINDOW = 5; // samples: 250 ms
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private record Sample(Instant at, long dirtyKb) {}

    private final List<Sample> samples = new ArrayList<>();
    private final Thread sampler;

    private PageCacheWriteback() {
        sampler = Thread.ofPlatform().daemon().name("page-cache-sampler").start(this::sample);
    }

    /** Starts sampling; {@link #close} stops. */
    static PageCacheWriteback start() {
        return new PageCacheWriteback();
    }

    private void sample() {
        while (!Thread.currentThread().isInterrupted()) {
            long dirty = dirtyKb();
            if (dirty < 0) {
                return;
            }
            synchronized (samples) {
                samples.add(new Sample(Instant.now(), dirty));
            }
            try {
                Thread.sleep(SAMPLE_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        sampler.interrupt();
        try {
            sampler.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * "page cache: 12 MB dirty at start, peak 250 MB; largest writeback 217 MB in 250 ms from
     * 21:05:42.138 UTC", or null without samples.
     */
    String summary() {
        List<Sample> s;
        synchronized (samples) {
            s = List.copyOf(samples);
        }
        if (s.isEmpty()) {
            return null;
        }
        long peak = s.stream().mapToLong(Sample::dirtyKb).max().orElse(0);
        long largest = 0;
        Instant from = null;
        for (int i = 0; i < s.size(); i++) {
            for (int j = i + 1; j <= i + WINDOW && j < s.size(); j++) {
                long drop = s.get(i).dirtyKb() - s.get(j).dirtyKb();
                if (drop > largest) {
                    largest = drop;
                    from = s.get(i).at();
                }
            }
        }
        return String.format("page cache: %d MB dirty at start, peak %d MB; largest writeback %s", s.get(0).dirtyKb() / 1024,
                peak / 1024, from == null ? "none" : String.format("%d MB in %d ms from %s UTC", largest / 1024,
                        WINDOW * SAMPLE_MS, TIME.format(from)));
    }

    /** Dirty pages in KiB, or -1 when {@code /proc/meminfo} cannot be read. */
    private static long dirtyKb() {
        try {
            for (String line : Files.readAllLines(MEMINFO)) {
                if (line.startsWith("Dirty:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
