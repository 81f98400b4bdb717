package dev.herald.bench.realtime;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop turn decisions: requests are issued on a fixed schedule ({@code rate} per second,
 * round-robin over the sessions) whether or not earlier ones have answered, and each latency is
 * measured from the scheduled send time to the answer, so a stalled server shows up in the tail
 * instead of slowing the offered load (no coordinated omission).
 */
final class TurnRun {
    /** Latency statistics, with how many answers were not a 200 allow, and when the run stalled. */
    record Result(Stats latency, int errors, double offeredPerSecond, double achievedPerSecond, List<Stall> stalls) {
        @Override
        public String toString() {
            return String.format("offered %.0f/s, completed %.0f/s, errors %d, %s", offeredPerSecond,
                    achievedPerSecond, errors, latency);
        }
    }

    /** Turns over {@link #STALL_MS}, consecutive in send order: when the first was due, how many, the worst. */
    record Stall(Instant due, int turns, double worstMs) {
        @Override
        public String toString() {
            return String.format("%s (%d turns, worst %.1f ms)", DateTimeFormatter.ISO_LOCAL_TIME
                    .format(due.atOffset(ZoneOffset.UTC)), turns, worstMs);
        }
    }

    /** A turn this late is part of a stall (a pause of the server or the machine, not the usual tail). */
    static final long STALL_MS = 20;

    private TurnRun() {
    }

    static Result run(Client client, List<String> sessions, int rate, int seconds) throws InterruptedException {
        int total = rate * seconds;
        long period = TimeUnit.SECONDS.toNanos(1) / rate;
        byte[] body = "{\"input_tokens\":280,\"output_tokens\":120,\"risk_budget_used_micros\":0,\"metadata\":{}}"
                .getBytes(StandardCharsets.UTF_8);
        HttpRequest[] requests = new HttpRequest[sessions.size()];
        for (int i = 0; i < requests.length; i++) {
            requests[i] = client.request("POST", "/v1/sessions/" + sessions.get(i) + "/turns", body);
        }
        AtomicLongArray latencies = new AtomicLongArray(total);
        AtomicInteger errors = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(total);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        Instant startWall = Instant.now().plusMillis(50);
        for (int i = 0; i < total; i++) {
            long intended = start + i * period;
            long wait;
            while ((wait = intended - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            int index = i;
            client.sendAsync(requests[i % requests.length]).whenComplete((r, e) -> {
                latencies.set(index, System.nanoTime() - intended);
                if (e != null || r.statusCode() != 200
                        || !new String(r.body(), StandardCharsets.UTF_8).contains("\"decision\":\"allow\"")) {
                    errors.incrementAndGet();
                }
                done.countDown();
            });
        }
        if (!done.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("turns still unanswered 60 s after the last was sent");
        }
        long elapsed = System.nanoTime() - start;
        long[] values = new long[total];
        for (int i = 0; i < total; i++) {
            values[i] = latencies.get(i);
        }
        return new Result(Stats.of(values), errors.get(), rate, total / (elapsed / 1e9),
                stalls(values, startWall, period));
    }

    private static List<Stall> stalls(long[] latencies, Instant startWall, long period) {
        List<Stall> out = new ArrayList<>();
        long threshold = TimeUnit.MILLISECONDS.toNanos(STALL_MS);
        int first = -1;
        long worst = 0;
        for (int i = 0; i <= latencies.length; i++) {
            boolean late = i < latencies.length && latencies[i] > threshold;
            if (late) {
                first = first < 0 ? i : first;
                worst = Math.max(worst, latencies[i]);
            } else if (first >= 0) {
                out.add(new Stall(startWall.plusNanos(first * period), i - first, worst / 1e6));
                first = -1;
                worst = 0;
            }
        }
        return out;
    }
}
