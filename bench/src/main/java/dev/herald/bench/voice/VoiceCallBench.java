package dev.herald.bench.voice;

import dev.herald.bench.calibration.Calibration;
import dev.herald.bench.realtime.ServerTarget;
import dev.herald.bench.realtime.ServerUnderTest;
import dev.herald.bench.realtime.Stats;
import dev.herald.bench.realtime.ThreadCpu;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The voice-call load generator (bench/README.md, "Voice calls under load"): a real Herald in its
 * own JVM running simulated calls paced at {@code --voice-speed}; each run places {@code --calls}
 * calls at once through a campaign while one SSE reader per call follows its event stream from
 * the first event. Checks that no event is lost, repeated or out of order, and reports calls per
 * minute, peak concurrency and the per-turn governance overhead. Bounded: fixed counts, a time
 * limit per run, loopback only; it stops the server it started.
 */
@Command(name = "voice-call-bench", mixinStandardHelpOptions = true,
        description = "Run concurrent simulated voice calls with live SSE readers against a real Herald.")
public final class VoiceCallBench implements Callable<Integer> {
    @Mixin
    ServerTarget target = new ServerTarget();

    @Option(names = "--admin-key", description = "Admin API key of the same workspace for --url (raises its live-call limit to --calls).")
    String adminKey;

    @Option(names = "--runs", defaultValue = "3", description = "Measured runs (default ${DEFAULT-VALUE}); medians are reported.")
    int runs;

    @Option(names = "--warmups", defaultValue = "1", description = "Unreported warm-up runs (default ${DEFAULT-VALUE}).")
    int warmups;

    @Option(names = "--calls", defaultValue = "200", description = "Concurrent calls (and live SSE readers): the campaign's max_concurrent_calls and the workspace's live-call limit (default ${DEFAULT-VALUE}).")
    int calls;

    @Option(names = "--leads", description = "Calls placed per run, one lead each (default: --calls); more than --calls keeps the lines full as calls end.")
    Integer leads;

    @Option(names = "--voice-speed", defaultValue = "20", description = "The server's --voice-speed: simulated calls at this many times real pace (default ${DEFAULT-VALUE}).")
    double voiceSpeed;

    @Option(names = "--placement", defaultValue = "campaign", description = "campaign (one campaign, max_concurrent_calls = --calls) or direct (one POST /api/v1/voice/calls per call, all at once) (default ${DEFAULT-VALUE}).")
    String placement;

    @Option(names = "--run-seconds", defaultValue = "600", description = "Time limit of one run (default ${DEFAULT-VALUE}).")
    int runSeconds;

    public static void main(String[] args) {
        System.exit(new CommandLine(new VoiceCallBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (runs < 1 || runs > 20 || warmups < 0 || warmups > 5 || calls < 1 || calls > 1000 || voiceSpeed <= 0
                || voiceSpeed > 1000 || runSeconds < 10 || runSeconds > 3600
                || !(placement.equals("campaign") || placement.equals("direct"))
                || (leads != null && (leads < calls || leads > 10_000))) {
            throw new CommandLine.ParameterException(new CommandLine(this), "a parameter is out of its bounded range");
        }
        // Measured before the server starts, on the disk its data directory will be on.
        System.out.println(Calibration.measure(Path.of(System.getProperty("java.io.tmpdir"))));
        ServerUnderTest server = null;
        try {
            URI base = target.url;
            String apiKey = target.key;
            String admin = adminKey;
            if (base == null) {
                server = ServerUnderTest.start(target.store, target.databaseUrl, target.serverJvm,
                        List.of("--voice-speed", Double.toString(voiceSpeed)));
                base = server.baseUrl();
                apiKey = server.apiKey();
                admin = server.adminKey();
                System.out.printf("server pid %d at %s (%s, --voice-speed %s), data %s%n", server.pid(), base, target.store,
                        voiceSpeed, server.dataDir());
                System.out.printf("server jvm: gc %s, flags %s%n", ThreadCpu.collector(server.pid()),
                        server.jvmArguments());
            }
            VoiceApi api = new VoiceApi(base, apiKey);
            if (admin != null) {
                // The workspace's live-call limit (20 by default) must admit every call of a run at once.
                api.putJson("/api/v1/voice/settings", "{\"max_concurrent_calls\": " + calls + "}", admin, 200);
            }
            String profile = api.postJson("/api/v1/voice/profiles", "{\"name\": \"Bench agent\"}", 201)
                    .path("id").asText();
            System.out.printf("cores %d; %d warm-up and %d measured runs of %d calls, at most %d at once (placement: %s), each with its own SSE reader%n",
                    Runtime.getRuntime().availableProcessors(), warmups, runs, leads == null ? calls : leads, calls, placement);
            long serverPid = server == null ? -1 : server.pid();
            int total = leads == null ? calls : leads;
            CallLoad load = new CallLoad(api, profile, total, calls, runSeconds,
                    placement.equals("direct") ? CallLoad.Placement.DIRECT : CallLoad.Placement.CAMPAIGN);
            for (int w = 1; w <= warmups; w++) {
                RunReport warm = load.run("w" + w, serverPid);
                System.out.printf("warm-up %d: %s%n", w, warm.summary());
            }
            List<Double> perMinute = new ArrayList<>();
            List<Double> p50 = new ArrayList<>();
            List<Double> p99 = new ArrayList<>();
            List<Double> peak = new ArrayList<>();
            List<Double> atTarget = new ArrayList<>();
            List<Double> decisionP50 = new ArrayList<>();
            List<Double> decisionP99 = new ArrayList<>();
            List<Double> turnP50 = new ArrayList<>();
            List<Double> turnP99 = new ArrayList<>();
            boolean allClean = true;
            for (int run = 1; run <= runs; run++) {
                RunReport r = load.run("r" + run, serverPid);
                System.out.printf("run %d: %s%n", run, r.summary());
                for (String line : r.details()) {
                    System.out.printf("run %d:   %s%n", run, line);
                }
                perMinute.add(r.callsPerMinute());
                p50.add(r.turnGaps().p50Ms());
                p99.add(r.turnGaps().p99Ms());
                peak.add((double) r.peakConcurrent());
                atTarget.add(r.secondsAtTarget());
                decisionP50.add(r.decisions().p50Ms());
                decisionP99.add(r.decisions().p99Ms());
                turnP50.add(r.governedTurns().p50Ms());
                turnP99.add(r.governedTurns().p99Ms());
                allClean &= r.problems().isEmpty();
            }
            System.out.printf("MEDIAN %s at --voice-speed %s, %d calls (at most %d at once): %.0f calls/min; peak concurrent %.0f "
                            + "(%.1f s at >= 95%% of %d); "
                            + "governance per agent turn (server) p50 %.2f ms, p99 %.2f ms (turn decision alone p50 %.2f ms, "
                            + "p99 %.2f ms); event-timestamp gap p50 %.0f ms, p99 %.0f ms; streams %s%n",
                    target.store, voiceSpeed, leads == null ? calls : leads, calls, Stats.median(perMinute), Stats.median(peak),
                    Stats.median(atTarget), calls, Stats.median(turnP50),
                    Stats.median(turnP99), Stats.median(decisionP50), Stats.median(decisionP99), Stats.median(p50),
                    Stats.median(p99), allClean ? "complete and in order in every run" : "HAD PROBLEMS (see above)");
            return allClean ? 0 : 1;
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    /** What one run measured and found. */
    record RunReport(int calls, double seconds, double callsPerMinute, double serverSpanSeconds, double placingSeconds,
                     int peakConcurrent, double secondsAtTarget,
                     Stats turnGaps, Stats decisions, Stats governedTurns, long events, int reconnects, String cutBy, String outcomes, String cpu,
                     List<String> problems) {
        String summary() {
            return String.format("%d calls in %.1f s = %.0f calls/min (server stamps: first queued to last verdict %.1f s, "
                            + "first to last queued %.1f s); peak %d concurrent (%.1f s at >= 95%% of the target); %d events; %d reconnects; "
                            + "governed turn gap %s; %s",
                    calls, seconds, callsPerMinute, serverSpanSeconds, placingSeconds, peakConcurrent, secondsAtTarget,
                    events, reconnects,
                    turnGaps,
                    problems.isEmpty() ? "every stream complete, in order, equal on re-read"
                            : problems.size() + " PROBLEMS");
        }

        List<String> details() {
            List<String> out = new ArrayList<>();
            out.add("outcomes " + outcomes);
            out.add("turn decision on the server (latency_us): " + decisions);
            out.add("governance per agent turn on the server (decision + the utterance's signed atoms): " + governedTurns);
            if (reconnects > 0) {
                out.add("streams cut by the server and resumed with Last-Event-ID: " + cutBy);
            }
            out.add(cpu);
            problems.stream().limit(20).forEach(p -> out.add("PROBLEM " + p));
            if (problems.size() > 20) {
                out.add("... " + (problems.size() - 20) + " more problems");
            }
            return out;
        }
    }

}
