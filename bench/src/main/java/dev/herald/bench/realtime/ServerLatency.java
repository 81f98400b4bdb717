package dev.herald.bench.realtime;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's own view of one route's latency, from the cumulative buckets of
 * {@code http_server_requests_seconds} on {@code /metrics}: how many requests finished within each
 * bucket bound, between two scrapes. Set against the client's figures it tells time in the server
 * from time in the client, the loopback and the scheduler.
 */
record ServerLatency(long count, Map<Double, Long> within) {
    private static final Pattern BUCKET = Pattern.compile(
            "^http_server_requests_seconds_bucket\\{(.*)} ([0-9.eE+]+)$", Pattern.MULTILINE);
    private static final Pattern LE = Pattern.compile("le=\"([^\"]+)\"");

    /** Counts of one route's 200 answers in a scrape. */
    static ServerLatency scrape(String metrics, String route) {
        Map<Double, Long> within = new TreeMap<>();
        long count = 0;
        Matcher m = BUCKET.matcher(metrics);
        while (m.find()) {
            String labels = m.group(1);
            if (!labels.contains("route=\"" + route + "\"") || !labels.contains("status=\"200\"")) {
                continue;
            }
            Matcher le = LE.matcher(labels);
            if (!le.find()) {
                continue;
            }
            long n = (long) Double.parseDouble(m.group(2));
            if (le.group(1).equals("+Inf")) {
                count += n;
            } else {
                within.merge(Double.parseDouble(le.group(1)), n, Long::sum);
            }
        }
        return new ServerLatency(count, within);
    }

    /** What happened between {@code earlier} and this scrape. */
    ServerLatency since(ServerLatency earlier) {
        Map<Double, Long> delta = new TreeMap<>();
        within.forEach((le, n) -> delta.put(le, n - earlier.within.getOrDefault(le, 0L)));
        return new ServerLatency(count - earlier.count, delta);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("server-side ").append(count).append(" answers:");
        for (double le : new double[] {0.001, 0.002, 0.005, 0.01}) {
            Long n = within.get(le);
            if (n != null && count > 0) {
                b.append(String.format(" %.1f%% <= %.0f ms", 100.0 * n / count, le * 1000));
            }
        }
        return b.toString();
    }
}
