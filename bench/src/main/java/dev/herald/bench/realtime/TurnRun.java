package dev.herald.bench.realtime;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
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
    /** Latency statistics, with how many answers were not a 200 allow. */
    record Result(Stats latency, int errors, double offeredPerSecond, double achievedPerSecond) {
        @Override
        public String toString() {
            return String.format("offered %.0f/s, completed %.0f/s, errors %d, %s", offeredPerSecond,
                    achievedPerSecond, errors, latency);
        }
    }

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
        return new Result(Stats.of(values), errors.get(), rate, total / (elapsed / 1e9));
    }
}
