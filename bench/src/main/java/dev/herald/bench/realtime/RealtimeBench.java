package dev.herald.bench.realtime;

import dev.herald.bench.calibration.Calibration;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The realtime load generator (bench/README.md, "Realtime"): signed atoms per second ingested in
 * batches of 100 with signature verification, and turn-decision latency at a fixed offered rate,
 * against a real Herald in its own JVM on loopback. Bounded: fixed counts, per-phase time limits,
 * loopback only; it stops the server it started.
 */
@Command(name = "realtime-bench", mixinStandardHelpOptions = true,
        description = "Measure atom ingestion throughput and turn latency against a real Herald.")
public final class RealtimeBench implements Callable<Integer> {
    @Mixin
    ServerTarget target = new ServerTarget();

    private static final String TURN_ROUTE = "/v1/sessions/{session_id}/turns";

    @Option(names = "--runs", defaultValue = "3", description = "Measured repetitions (default ${DEFAULT-VALUE}); medians are reported.")
    int runs;

    @Option(names = "--warmups", defaultValue = "2", description = "Unreported warm-up rounds (default ${DEFAULT-VALUE}).")
    int warmups;

    @Option(names = "--atoms", defaultValue = "100000", description = "Atoms per ingestion run (default ${DEFAULT-VALUE}).")
    int atoms;

    @Option(names = "--batch", defaultValue = "100", description = "Atoms per batch (default ${DEFAULT-VALUE}, the API's maximum).")
    int batch;

    @Option(names = "--sessions", defaultValue = "8", description = "Concurrent sessions (one client thread each) for ingestion (default ${DEFAULT-VALUE}).")
    int sessions;

    @Option(names = "--turn-rate", defaultValue = "500", description = "Offered turns per second (default ${DEFAULT-VALUE}).")
    int turnRate;

    @Option(names = "--turn-seconds", defaultValue = "10", description = "Seconds of turns per run (default ${DEFAULT-VALUE}).")
    int turnSeconds;

    @Option(names = "--turn-sessions", defaultValue = "50", description = "Sessions the turns are spread over (default ${DEFAULT-VALUE}).")
    int turnSessions;

    @Option(names = "--heap-histograms", description = "Take the server's live-heap histogram (jcmd GC.class_histogram, a full GC) before and after each measured turn phase; for profiling runs only.")
    boolean heapHistograms;

    public static void main(String[] args) {
        System.exit(new CommandLine(new RealtimeBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (batch < 1 || batch > 100 || atoms < batch || runs < 1 || runs > 20 || turnRate < 1 || turnRate > 5000
                || turnSeconds < 1 || turnSeconds > 120 || sessions < 1 || sessions > 64 || warmups < 0 || warmups > 10) {
            throw new CommandLine.ParameterException(new CommandLine(this), "a parameter is out of its bounded range");
        }
        ServerUnderTest server = null;
        // Measured before the server starts, on the disk its data directory will be on.
        System.out.println(Calibration.measure(Path.of(System.getProperty("java.io.tmpdir"))));
        try {
            URI base = target.url;
            String apiKey = target.key;
            if (base == null) {
                server = ServerUnderTest.start(target.store, target.databaseUrl, target.serverJvm);
                base = server.baseUrl();
                apiKey = server.apiKey();
                System.out.printf("server pid %d at %s (%s), data %s%n", server.pid(), base, target.store, server.dataDir());
                System.out.printf("server jvm: gc %s, flags %s%n", ThreadCpu.collector(server.pid()),
                        server.jvmArguments());
            }
            Client client = new Client(base, apiKey);
            String project = "voice";
            AtomBatches signer = new AtomBatches("bench-sidecar-" + UUID.randomUUID().toString().substring(0, 6),
                    new SecureRandom());
            client.send("POST", "/v1/sidecar-keys", signer.registration(), 201);
            System.out.printf("cores %d; %d runs of %d atoms (batches of %d, %d sessions) and %d s of turns at %d/s%n",
                    Runtime.getRuntime().availableProcessors(), runs, atoms, batch, sessions, turnSeconds, turnRate);

            // Warm-up (not reported): the server's JIT needs tens of seconds of load on 2 cores (a
            // profile of a shorter warm-up showed 40% of the server's CPU still in the compiler).
            for (int w = 1; w <= warmups; w++) {
                IngestRun.Result warm = ingest(client, signer, project, Math.max(batch, atoms / 2), "warm" + w);
                TurnRun.Result warmTurns = TurnRun.run(client, turnSessions(client, project, "warm" + w), turnRate,
                        turnSeconds);
                System.out.printf("warm-up %d: %.0f atoms/s, turns p99 %.2f ms%n", w, warm.atomsPerSecond(),
                        warmTurns.latency().p99Ms());
            }

            List<Double> throughput = new ArrayList<>();
            List<Double> p50 = new ArrayList<>();
            List<Double> p99 = new ArrayList<>();
            long serverPid = server == null ? -1 : server.pid();
            String database = server == null ? null : server.database();
            Path walDir = server == null ? null : server.walDirectory();
            for (int run = 1; run <= runs; run++) {
                List<List<AtomBatches.Batch>> prepared = prepare(client, signer, project, atoms, "r" + run);
                Cpu cpu = Cpu.start(serverPid, database);
                WalSegments wal = WalSegments.start(walDir);
                PageCacheWriteback writeback = PageCacheWriteback.start();
                IngestRun.Result ingest = IngestRun.run(client, prepared, 300);
                writeback.close();
                System.out.printf("run %d ingest: %s; %s%n", run, ingest, cpu.per(ingest.atoms(), "atom"));
                printIfAny("run %d ingest: %s%n", run, wal.created());
                printIfAny("run %d ingest: %s%n", run, writeback.summary());
                List<String> turnSessions = turnSessions(client, project, "r" + run);
                HeapHistogram heapBefore = histogram(server, "r" + run + "-before-turns");
                cpu = Cpu.start(serverPid, database);
                wal = WalSegments.start(walDir);
                writeback = PageCacheWriteback.start();
                ServerLatency before = ServerLatency.scrape(client.metrics(), TURN_ROUTE);
                TurnRun.Result turns = TurnRun.run(client, turnSessions, turnRate, turnSeconds);
                ServerLatency inServer = ServerLatency.scrape(client.metrics(), TURN_ROUTE).since(before);
                writeback.close();
                System.out.printf("run %d turns:  %s; %s%n", run, turns, cpu.per(turns.latency().count(), "turn"));
                System.out.printf("run %d turns:  %s%n", run, inServer);
                printIfAny("run %d turns:  %s%n", run, wal.created());
                printIfAny("run %d turns:  %s%n", run, writeback.summary());
                HeapHistogram heapAfter = histogram(server, "r" + run + "-after-turns");
                if (heapBefore != null && heapAfter != null) {
                    System.out.printf("run %d heap before turns: %s%nrun %d heap after turns:  %s%n", run, heapBefore,
                            run, heapAfter);
                }
                if (!turns.stalls().isEmpty()) {
                    System.out.printf("run %d turns:  stalls over %d ms (UTC): %s%n", run, TurnRun.STALL_MS,
                            turns.stalls());
                }
                if (turns.errors() > 0) {
                    // Reported, not fatal: an overloaded server answers 503 (pool exhausted) by design.
                    System.out.printf("run %d turns:  %d answers were not 200 allow (see the server log in %s)%n", run,
                            turns.errors(), server == null ? "the server's log" : server.dataDir());
                }
                // After the turns (not between the phases, which would let the burst's catch-up
                // finish before the turns): what the server and the database do on their own.
                System.out.printf("run %d after turns: %s%n", run, Cpu.idle(serverPid, database, 2000));
                throughput.add(ingest.atomsPerSecond());
                p50.add(turns.latency().p50Ms());
                p99.add(turns.latency().p99Ms());
            }
            System.out.printf("MEDIAN %s: %.0f signed atoms/s; turns at %d/s p50 %.2f ms, p99 %.2f ms%n",
                    target.store, Stats.median(throughput), turnRate, Stats.median(p50), Stats.median(p99));
            return 0;
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    private static void printIfAny(String format, int run, String line) {
        if (line != null) {
            System.out.printf(format, run, line);
        }
    }

    private HeapHistogram histogram(ServerUnderTest server, String tag) throws Exception {
        return heapHistograms && server != null ? HeapHistogram.take(server.pid(), server.dataDir(), tag) : null;
    }

    private IngestRun.Result ingest(Client client, AtomBatches signer, String project, int count, String tag)
            throws InterruptedException {
        return IngestRun.run(client, prepare(client, signer, project, count, tag), 300);
    }

    /** Starts the ingestion sessions and signs their batches (untimed). */
    private List<List<AtomBatches.Batch>> prepare(Client client, AtomBatches signer, String project, int count, String tag) {
        int batches = count / batch;
        List<List<AtomBatches.Batch>> perSession = new ArrayList<>();
        for (int s = 0; s < sessions; s++) {
            int mine = batches / sessions + (s < batches % sessions ? 1 : 0);
            String sessionId = client.startSession(project, tag + "-ingest-" + s + "-" + UUID.randomUUID());
            perSession.add(signer.build(sessionId, tag + "-" + s, mine, batch));
        }
        return perSession;
    }

    private List<String> turnSessions(Client client, String project, String tag) {
        List<String> ids = new ArrayList<>();
        for (int s = 0; s < turnSessions; s++) {
            ids.add(client.startSession(project, tag + "-turns-" + s + "-" + UUID.randomUUID()));
        }
        return ids;
    }
}
