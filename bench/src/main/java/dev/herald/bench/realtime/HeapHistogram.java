package dev.herald.bench.realtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's live heap by class, from {@code jcmd <pid> GC.class_histogram} (which runs a full
 * collection first, so only reachable objects count). Taken around a phase, two histograms show
 * what the phase left reachable: a cache without bound grows, floating garbage does not.
 */
record HeapHistogram(long totalBytes, long totalInstances, List<String> top, Path file) {
    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");
    private static final Pattern TOTAL = Pattern.compile("^Total\\s+(\\d+)\\s+(\\d+)");

    static HeapHistogram take(long pid, Path dir, String tag) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Path out = dir.resolve("histogram-" + tag + ".txt");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.class_histogram")
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("jcmd GC.class_histogram did not finish");
        }
        long bytes = 0;
        long instances = 0;
        List<String> top = new ArrayList<>();
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            Matcher row = ROW.matcher(line);
            if (row.find() && top.size() < 8) {
                top.add(String.format("%s %.1f MB (%s)", row.group(3), Long.parseLong(row.group(2)) / 1e6,
                        row.group(1)));
            }
            Matcher total = TOTAL.matcher(line);
            if (total.find()) {
                instances = Long.parseLong(total.group(1));
                bytes = Long.parseLong(total.group(2));
            }
        }
        return new HeapHistogram(bytes, instances, top, out);
    }

    @Override
    public String toString() {
        return String.format("live heap %.1f MB in %d objects; top: %s (full histogram %s)", totalBytes / 1e6,
                totalInstances, String.join(", ", top), file);
    }
}
