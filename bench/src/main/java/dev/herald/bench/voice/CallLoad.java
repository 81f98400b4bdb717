package dev.herald.bench.voice;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.bench.realtime.Cpu;
import dev.herald.bench.realtime.Stats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One run: {@code calls} fresh leads (consent granted, a real time zone) imported as CSV, one
 * campaign over them with {@code max_concurrent_calls} = {@code concurrent} (so with more leads than
 * that, the dialler keeps that many live and refills each line as a call ends), the widest pace the
 * API takes (6,000 a minute), any hour
 * and one dial per lead; as each call appears in the campaign's call list a reader opens its event
 * stream from the start. When every stream has ended, each is checked, read again whole and compared.
 */
final class CallLoad {
    /** Candidate lead zones; a run uses those where it is now 09:00 to 19:00 (inside the default calling window). */
    private static final String[] ZONES = {"America/New_York", "America/Chicago", "America/Denver",
            "America/Los_Angeles", "Pacific/Honolulu", "Pacific/Auckland", "Australia/Sydney", "Asia/Tokyo",
            "Asia/Singapore", "Asia/Kathmandu", "Asia/Kolkata", "Asia/Dubai", "Europe/Moscow", "Europe/Berlin",
            "Europe/London", "America/Sao_Paulo"};

    /** How the calls are placed: one campaign over every lead, or one {@code POST /api/v1/voice/calls} each. */
    enum Placement { CAMPAIGN, DIRECT }

    private final VoiceApi api;
    private final String profileId;
    private final int calls;
    private final int concurrent;
    private final int runSeconds;
    private int block = 200;

    private final Placement placement;

    CallLoad(VoiceApi api, String profileId, int calls, int concurrent, int runSeconds, Placement placement) {
        this.concurrent = concurrent;
        this.api = api;
        this.placement = placement;
        this.profileId = profileId;
        this.calls = calls;
        this.runSeconds = runSeconds;
    }

    VoiceCallBench.RunReport run(String tag, long serverPid) throws Exception {
        List<String> leadIds = importLeads(tag);
        List<String> problems = new ArrayList<>();
        Cpu cpu = Cpu.start(serverPid);
        long childTicks = childCpuTicks(serverPid);
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(runSeconds);
        Map<String, Future<CallStream.Result>> readers = new LinkedHashMap<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            if (placement == Placement.CAMPAIGN) {
                String campaign = api.postJson("/api/v1/voice/campaigns", campaignBody(tag, leadIds), 201).path("id").asText();
                // Follow the campaign's call list; each call gets its reader as soon as it is seen.
                while (readers.size() < calls && System.nanoTime() < deadline) {
                    for (String id : campaignCalls(campaign)) {
                        if (!readers.containsKey(id)) {
                            readers.put(id, threads.submit(() -> CallStream.read(api, id)));
                        }
                    }
                    if (readers.size() < calls) {
                        Thread.sleep(100);
                    }
                }
            } else {
                placeDirect(tag, leadIds, threads, readers, deadline, problems);
            }
            if (readers.size() < calls) {
                problems.add("only " + readers.size() + " of " + calls + " calls were placed within " + runSeconds + " s");
            }
            Map<String, CallStream.Result> results = new LinkedHashMap<>();
            for (Map.Entry<String, Future<CallStream.Result>> e : readers.entrySet()) {
                try {
                    results.put(e.getKey(), e.getValue().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
                } catch (TimeoutException t) {
                    problems.add(e.getKey() + ": its stream had not ended within " + runSeconds + " s");
                }
            }
            threads.shutdownNow();
            long lastEnd = results.values().stream().mapToLong(CallStream.Result::endedNanos).max().orElse(System.nanoTime());
            double seconds = (lastEnd - start) / 1e9;
            // Recordings are made after their calls end; the run's CPU includes them.
            String recordings = awaitRecordings(results.keySet(), lastEnd, problems);
            String cpuLine = cpu.per(results.size(), "call") + "; " + recordings;
            if (childTicks >= 0 && !results.isEmpty()) {
                // espeak-ng renders the recordings of consenting callees in child processes, outside the JVM's CPU time.
                cpuLine += String.format("; child processes (recording renderer) %.0f us/call",
                        (childCpuTicks(serverPid) - childTicks) * 10_000.0 / results.size());
            }
            return analyse(results, seconds, cpuLine, problems);
        }
    }

    /**
     * Waits (at most two minutes) until no call of the run shows its recording as still being
     * rendered; answers how many have audio and how long after the last call's end the last was
     * ready.
     */
    private String awaitRecordings(Set<String> callIds, long lastEndNanos, List<String> problems) throws InterruptedException {
        Set<String> pending = new LinkedHashSet<>(callIds);
        int stored = 0;
        long limit = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!pending.isEmpty() && System.nanoTime() < limit) {
            for (java.util.Iterator<String> it = pending.iterator(); it.hasNext(); ) {
                JsonNode call = api.get("/api/v1/voice/calls/" + it.next());
                if (!"rendering".equals(call.path("recording_unavailable_reason").asText())) {
                    stored += call.path("recording").isObject() ? 1 : 0;
                    it.remove();
                }
            }
            if (!pending.isEmpty()) {
                Thread.sleep(250);
            }
        }
        if (!pending.isEmpty()) {
            problems.add(pending.size() + " recordings were still rendering two minutes after the last call ended");
        }
        return String.format("recordings: %d of %d calls have audio, the last ready %.1f s after the last call ended",
                stored, callIds.size(), (System.nanoTime() - lastEndNanos) / 1e9);
    }

    /**
     * Every call placed at once, one POST each on its own thread. A call the concurrency limits
     * defer answers 409 and is not stored; it is placed again every 250 ms until accepted (what
     * the API asks of a client), and the 409s are counted and reported.
     */
    private void placeDirect(String tag, List<String> leadIds, ExecutorService threads,
                             Map<String, Future<CallStream.Result>> readers, long deadline, List<String> problems)
            throws Exception {
        java.util.concurrent.atomic.AtomicInteger deferred = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger deferredCalls = new java.util.concurrent.atomic.AtomicInteger();
        Map<String, String> reasons = new java.util.concurrent.ConcurrentHashMap<>();
        List<Future<String>> placed = new ArrayList<>();
        for (String lead : leadIds) {
            placed.add(threads.submit(() -> {
                String body = "{\"direction\": \"outbound\", \"lead_id\": \"" + lead + "\", \"profile_id\": \""
                        + profileId + "\"}";
                boolean first = true;
                while (System.nanoTime() < deadline) {
                    VoiceApi.Answer a = api.postJsonAnyStatus("/api/v1/voice/calls", body, "bench-" + tag + "-" + lead);
                    if (a.status() == 201) {
                        return a.body().path("id").asText();
                    }
                    if (a.status() != 409) {
                        throw new IllegalStateException("POST /api/v1/voice/calls answered " + a.status() + ": " + a.body());
                    }
                    deferred.incrementAndGet();
                    if (first) {
                        deferredCalls.incrementAndGet();
                        first = false;
                    }
                    reasons.merge(a.body().path("type").asText() + " " + a.body().path("detail").asText(), "", (x, y) -> x);
                    Thread.sleep(250);
                }
                return null;
            }));
        }
        // Readers start as the answers come in (a reader opened late still gets the stream from its first event).
        for (Future<String> f : placed) {
            String id = f.get();
            if (id != null) {
                readers.put(id, threads.submit(() -> CallStream.read(api, id)));
            }
        }
        if (deferred.get() > 0) {
            System.out.printf("note: %d of %d calls were first answered 409 (%d 409 answers in all) and placed later: %s%n",
                    deferredCalls.get(), calls, deferred.get(), reasons.keySet());
        }
    }

    private VoiceCallBench.RunReport analyse(Map<String, CallStream.Result> results, double seconds, String cpuLine,
                                             List<String> problems) throws Exception {
        List<Long> gaps = new ArrayList<>();
        List<Long> decisions = new ArrayList<>();
        List<Long> governedTurns = new ArrayList<>();
        List<long[]> live = new ArrayList<>();
        Map<String, Integer> outcomes = new TreeMap<>();
        long firstQueued = Long.MAX_VALUE;
        long lastQueued = Long.MIN_VALUE;
        long lastVerdict = Long.MIN_VALUE;
        long events = 0;
        int reconnects = 0;
        Map<String, Integer> cuts = new TreeMap<>();
        for (CallStream.Result r : results.values()) {
            reconnects += r.reconnects();
            r.cutBy().forEach(c -> cuts.merge(c, 1, Integer::sum));
            List<CallStream.Received> ev = r.events();
            events += ev.size();
            StreamCheck.inOrder(r, problems);
            Long dialled = null;
            Long ended = null;
            Long pendingDecision = null; // an allowed agent turn's decision, until its utterance's atoms
            for (int i = 0; i < ev.size(); i++) {
                CallStream.Received e = ev.get(i);
                switch (e.type()) {
                    case "call.queued" -> {
                        firstQueued = Math.min(firstQueued, e.createdAtMillis());
                        lastQueued = Math.max(lastQueued, e.createdAtMillis());
                    }
                    case "call.dialling" -> dialled = e.createdAtMillis();
                    case "call.ended" -> {
                        ended = e.createdAtMillis();
                        outcomes.merge(e.payload().path("outcome").asText("?") + "/"
                                + e.payload().path("end_reason").asText("?"), 1, Integer::sum);
                    }
                    case "call.verdict" -> lastVerdict = Math.max(lastVerdict, e.createdAtMillis());
                    case "turn.decision" -> {
                        if (i > 0 && followsWithoutPause(ev.get(i - 1))) {
                            gaps.add(e.createdAtMillis() - ev.get(i - 1).createdAtMillis());
                        }
                        long us = e.payload().path("latency_us").asLong(-1);
                        if (us >= 0) {
                            decisions.add(us);
                            pendingDecision = "allow".equals(e.payload().path("decision").asText()) ? us : null;
                        }
                    }
                    case "utterance.final" -> {
                        long us = e.payload().path("governance_us").asLong(-1);
                        if (pendingDecision != null && us >= 0 && "agent".equals(e.payload().path("role").asText())) {
                            governedTurns.add(pendingDecision + us);
                            pendingDecision = null;
                        }
                    }
                    default -> { }
                }
            }
            if (dialled != null && ended != null) {
                live.add(new long[] {dialled, ended});
            }
        }
        // Read every stream again after the end, eight at a time, and check the call's transcript.
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<List<String>>> checks = new ArrayList<>();
            for (CallStream.Result r : results.values()) {
                checks.add(pool.submit(() -> StreamCheck.againstReRead(api, r)));
            }
            for (Future<List<String>> f : checks) {
                problems.addAll(f.get());
            }
        }
        long[] nanos = gaps.stream().mapToLong(ms -> ms * 1_000_000L).toArray();
        double span = lastVerdict > firstQueued ? (lastVerdict - firstQueued) / 1000.0 : Double.NaN;
        double placing = lastQueued >= firstQueued ? (lastQueued - firstQueued) / 1000.0 : Double.NaN;
        return new VoiceCallBench.RunReport(results.size(), seconds, results.size() * 60.0 / seconds, span, placing,
                peak(live), secondsAtLeast(live, (int) Math.ceil(concurrent * 0.95)), Stats.of(nanos), Stats.of(micros(decisions)), Stats.of(micros(governedTurns)), events, reconnects, cuts.toString(), outcomes.toString(), cpuLine, problems);
    }

    /**
     * Whether nothing paced (no simulated sleep) runs between this event and the agent's next turn
     * decision: the call was just answered, the callee just finished speaking, or a tool just
     * answered. The gap to the {@code turn.decision} is then the server's own time: the hangup-flag
     * check, {@code TurnService.turn} and the event's write, including waits for the database.
     * After an agent's own utterance the agent may first wait out the callee's silence, so those
     * turns are left out.
     */
    private static boolean followsWithoutPause(CallStream.Received previous) {
        return switch (previous.type()) {
            case "call.answered", "tool.result" -> true;
            case "utterance.final" -> "user".equals(previous.payload().path("role").asText());
            default -> false;
        };
    }

    /** CPU ticks (1/100 s) of the server's ended, waited-for child processes ({@code /proc/<pid>/stat} cutime + cstime), or -1. */
    private static long childCpuTicks(long pid) {
        if (pid < 0) {
            return -1;
        }
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[13]) + Long.parseLong(f[14]); // fields 16 and 17 of the whole line
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long[] micros(List<Long> values) {
        return values.stream().mapToLong(us -> us * 1_000L).toArray();
    }

    /** How long (server stamps, seconds) at least {@code level} calls were between dialling and their end. */
    private static double secondsAtLeast(List<long[]> intervals, int level) {
        TreeMap<Long, Integer> delta = new TreeMap<>();
        for (long[] i : intervals) {
            delta.merge(i[0], 1, Integer::sum);
            delta.merge(i[1], -1, Integer::sum);
        }
        int now = 0;
        long since = -1;
        long total = 0;
        for (Map.Entry<Long, Integer> e : delta.entrySet()) {
            int before = now;
            now += e.getValue();
            if (before < level && now >= level) {
                since = e.getKey();
            } else if (before >= level && now < level) {
                total += e.getKey() - since;
            }
        }
        return total / 1000.0;
    }

    /** The most calls between dialling and their end at one moment (server stamps). */
    private static int peak(List<long[]> intervals) {
        TreeMap<Long, Integer> delta = new TreeMap<>();
        for (long[] i : intervals) {
            delta.merge(i[0], 1, Integer::sum);
            delta.merge(i[1], -1, Integer::sum);
        }
        int now = 0;
        int max = 0;
        for (int d : delta.values()) {
            now += d;
            max = Math.max(max, now);
        }
        return max;
    }

    private List<String> campaignCalls(String campaign) {
        Set<String> ids = new LinkedHashSet<>();
        String cursor = null;
        do {
            JsonNode page = api.get("/api/v1/voice/calls?campaign_id=" + campaign + "&limit=100"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            page.path("data").forEach(c -> ids.add(c.path("id").asText()));
            cursor = page.path("has_more").asBoolean() ? page.path("next_cursor").asText() : null;
        } while (cursor != null);
        return new ArrayList<>(ids);
    }

    private List<String> importLeads(String tag) {
        List<String> zones = daytimeZones();
        StringBuilder csv = new StringBuilder("name,phone,email,company,time_zone,consent\n");
        // A distinct block of numbers per run: the workspace keeps every lead of earlier runs.
        // NANP: the exchange (digits 5-7) is 2xx-9xx and never N11.
        block = block % 100 == 10 ? block + 2 : block + 1;
        for (int i = 0; i < calls; i++) {
            csv.append("Lead ").append(tag).append('-').append(i).append(',')
                    .append(String.format("+1415%03d%04d", block, i)).append(',')
                    .append("lead").append(i).append('.').append(tag).append("@example.com,Bench Co ").append(i % 17)
                    .append(',').append(zones.get(i % zones.size())).append(",granted\n");
        }
        JsonNode report = api.postCsv("/api/v1/crm/leads/import", csv.toString(), 200);
        List<String> ids = new ArrayList<>();
        report.path("lead_ids").forEach(n -> ids.add(n.asText()));
        if (ids.size() != calls) {
            throw new IllegalStateException("imported " + ids.size() + " of " + calls + " leads: " + report.path("errors"));
        }
        return ids;
    }

    private static List<String> daytimeZones() {
        List<String> out = new ArrayList<>();
        java.time.Instant now = java.time.Instant.now();
        for (String z : ZONES) {
            int hour = now.atZone(java.time.ZoneId.of(z)).getHour();
            if (hour >= 9 && hour < 19) {
                out.add(z);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("no candidate zone is in daytime now");
        }
        return out;
    }

    private String campaignBody(String tag, List<String> leadIds) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "bench " + tag);
        body.put("lead_ids", leadIds);
        body.put("objective", "qualify_for_demo");
        body.put("profile_id", profileId);
        body.put("max_concurrent_calls", concurrent);
        body.put("calls_per_minute", 6000);
        body.put("calling_window", Map.of("start", "00:00", "end", "23:59"));
        Map<String, Object> once = Map.of("max_attempts", 1);
        body.put("retry", Map.of("no_answer", once, "busy", once, "voicemail", once, "failed", once));
        return VoiceApi.MAPPER.writeValueAsString(body);
    }
}
