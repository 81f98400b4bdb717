package dev.herald.bench.calls;

import dev.herald.bench.calibration.Calibration;
import dev.herald.platform.auth.IssuedKey;
import dev.herald.server.Herald;
import dev.herald.server.HeraldConfig;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The call list and metrics load harness (bench/README.md, "Calls: lists and metrics"): seeds one
 * workspace with {@code --calls} calls, starts Herald in this JVM over SQLite or a fresh PostgreSQL
 * database, and times each kind of filtered list and metrics request over HTTP on loopback, one at
 * a time (latency, not throughput), reporting p50 and p95 per kind and the median over the runs.
 * Bounded: fixed counts, loopback only; it stops the server and drops the database it made.
 */
@Command(name = "call-query-bench", mixinStandardHelpOptions = true,
        description = "Time filtered call lists and call metrics over a large stored call history.")
public final class CallQueryBench implements Callable<Integer> {
    private static final String PG_ADMIN = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

    @Option(names = "--store", defaultValue = "sqlite", description = "sqlite or postgres (default ${DEFAULT-VALUE}).")
    String store;

    @Option(names = "--calls", defaultValue = "100000", description = "Stored calls (default ${DEFAULT-VALUE}).")
    int calls;

    @Option(names = "--days", defaultValue = "90", description = "Days the calls are spread over (default ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--runs", defaultValue = "3", description = "Measured runs (default ${DEFAULT-VALUE}); medians are reported.")
    int runs;

    @Option(names = "--samples", defaultValue = "100", description = "Requests of each kind per run (default ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--warmups", defaultValue = "2", description = "Unreported warm-up rounds of every kind (default ${DEFAULT-VALUE}).")
    int warmups;

    public static void main(String[] args) {
        System.exit(new CommandLine(new CallQueryBench()).execute(args));
    }

    /** One kind of request: a name and a path made from a seeded random source (so runs repeat). */
    private record Kind(String name, Function<Random, String> path) {
    }

    @Override
    public Integer call() throws Exception {
        if (calls < 1_000 || calls > 2_000_000 || days < 1 || days > 366 || runs < 1 || runs > 20 || samples < 10
                || samples > 10_000 || warmups < 0 || warmups > 10 || !List.of("sqlite", "postgres").contains(store)) {
            throw new CommandLine.ParameterException(new CommandLine(this), "a parameter is out of its bounded range");
        }
        Path dataDir = Files.createTempDirectory("herald-call-bench-");
        System.out.println(Calibration.measure(dataDir));
        String database = null;
        String url = HeraldConfig.sqliteUrl(dataDir);
        if (store.equals("postgres")) {
            database = "herald_call_bench_" + UUID.randomUUID().toString().substring(0, 8);
            admin("CREATE DATABASE " + database);
            url = "jdbc:postgresql://127.0.0.1:5432/" + database + "?user=postgres";
        }
        try (Herald herald = Herald.start(new HeraldConfig(0, dataDir, url, Duration.ofSeconds(5)), List.of())) {
            IssuedKey key = herald.services().bootstrap().createKey("call-bench", "sales", "bench");
            Instant now = Instant.now();
            long t0 = System.nanoTime();
            CallSeeder.seed(herald.services().db(), key.workspaceId(), calls, days, now);
            if (store.equals("postgres")) {
                // The steady state autovacuum reaches on its own: statistics, a visibility map, no dead rows.
                try (Connection c = DriverManager.getConnection(url); var s = c.createStatement()) {
                    // The rollups take an update per call write: without vacuum they hold dead row versions.
                    for (String table : List.of("voice_calls", "voice_call_stats_quarter", "voice_call_stats_day")) {
                        s.execute("VACUUM ANALYZE " + table);
                    }
                }
            }
            System.out.printf("store %s: seeded %,d calls over %d days in %.1f s; %s%n", store, calls, days,
                    (System.nanoTime() - t0) / 1e9, Calibration.loadAverage());
            List<Kind> kinds = kinds(now);
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String secret = key.secret().reveal();
            for (int w = 0; w < warmups; w++) {
                for (Kind k : kinds) {
                    time(client, herald.baseUrl(), secret, k, samples, new Random(w));
                }
            }
            Map<String, List<double[]>> byKind = new LinkedHashMap<>();
            for (int run = 1; run <= runs; run++) {
                for (Kind k : kinds) {
                    double[] p = time(client, herald.baseUrl(), secret, k, samples, new Random(1000 + run));
                    byKind.computeIfAbsent(k.name(), x -> new ArrayList<>()).add(p);
                    System.out.printf("run %d %-28s p50 %6.2f ms  p95 %6.2f ms%n", run, k.name(), p[0], p[1]);
                }
            }
            double worst = 0;
            System.out.printf("MEDIAN of %d runs, %s, %,d calls, %d requests per kind per run (%s):%n", runs, store,
                    calls, samples, Calibration.loadAverage());
            for (var e : byKind.entrySet()) {
                double p50 = median(e.getValue().stream().mapToDouble(p -> p[0]).toArray());
                double p95 = median(e.getValue().stream().mapToDouble(p -> p[1]).toArray());
                worst = Math.max(worst, p95);
                System.out.printf("  %-28s p50 %6.2f ms  p95 %6.2f ms%n", e.getKey(), p50, p95);
            }
            System.out.printf("worst p95 %.2f ms (target 50 ms)%n", worst);
            return 0;
        } finally {
            if (database != null) {
                admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }

    private List<Kind> kinds(Instant now) {
        String day = enc(now.minus(Duration.ofDays(7)).toString());
        String dayEnd = enc(now.minus(Duration.ofDays(6)).toString());
        String month = enc(now.minus(Duration.ofDays(30)).toString());
        String all = enc(now.minus(Duration.ofDays(days)).toString());
        String end = enc(now.plusSeconds(60).toString());
        return List.of(
                new Kind("list newest", r -> "/api/v1/voice/calls?limit=50"),
                new Kind("list by lead", r -> "/api/v1/voice/calls?lead_id=" + CallSeeder.sample(r).get(0)),
                new Kind("list by profile", r -> "/api/v1/voice/calls?limit=50&profile_id=" + CallSeeder.sample(r).get(1)),
                new Kind("list by campaign", r -> "/api/v1/voice/calls?limit=50&campaign_id=" + CallSeeder.sample(r).get(2)),
                new Kind("list by outcome", r -> "/api/v1/voice/calls?limit=50&outcome=qualified"),
                new Kind("list inbound", r -> "/api/v1/voice/calls?limit=50&direction=inbound"),
                new Kind("list one day", r -> "/api/v1/voice/calls?limit=50&from=" + day + "&to=" + dayEnd),
                new Kind("list profile+outcome", r -> "/api/v1/voice/calls?limit=50&outcome=qualified&profile_id="
                        + CallSeeder.sample(r).get(1)),
                new Kind("list rare outcome", r -> "/api/v1/voice/calls?limit=50&outcome=do_not_call&direction=outbound"),
                new Kind("metrics 30 days", r -> "/api/v1/voice/metrics?from=" + month + "&to=" + end),
                new Kind("metrics all by day NY", r -> "/api/v1/voice/metrics?group_by=day&time_zone=America/New_York&from="
                        + all + "&to=" + end),
                new Kind("metrics all by profile", r -> "/api/v1/voice/metrics?group_by=profile&from=" + all + "&to=" + end),
                new Kind("metrics all by campaign", r -> "/api/v1/voice/metrics?group_by=campaign&from=" + all + "&to=" + end),
                new Kind("metrics 30d by direction", r -> "/api/v1/voice/metrics?group_by=direction&from=" + month + "&to=" + end));
    }

    /** Times {@code n} requests of one kind, one after another; returns {p50, p95} in ms. */
    private static double[] time(HttpClient client, URI base, String key, Kind kind, int n, Random random)
            throws Exception {
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            HttpRequest req = HttpRequest.newBuilder(base.resolve(kind.path().apply(random)))
                    .header("Authorization", "Bearer " + key).GET().build();
            long t = System.nanoTime();
            HttpResponse<byte[]> res = client.send(req, HttpResponse.BodyHandlers.ofByteArray());
            nanos[i] = System.nanoTime() - t;
            if (res.statusCode() != 200) {
                throw new IllegalStateException(kind.name() + ": " + res.statusCode() + " "
                        + new String(res.body(), StandardCharsets.UTF_8));
            }
        }
        Arrays.sort(nanos);
        return new double[] {rank(nanos, 0.50) / 1e6, rank(nanos, 0.95) / 1e6};
    }

    /** Nearest rank: a latency that occurred. */
    private static long rank(long[] sorted, double q) {
        return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1))];
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void admin(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(PG_ADMIN); var s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
