package dev.herald.bench.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop atom ingestion: {@code concurrency} threads, each sending its own session's
 * pre-signed batches one after the other. Every batch must come back fully accepted with
 * verified signatures, or the run fails.
 */
final class IngestRun {
    /** Atoms accepted and verified, and the wall time from the first send to the last answer. */
    record Result(long atoms, long batches, long nanos) {
        double atomsPerSecond() {
            return atoms / (nanos / 1e9);
        }

        @Override
        public String toString() {
            return String.format("%d atoms in %d batches, %.2f s: %.0f signed atoms/s", atoms, batches, nanos / 1e9,
                    atomsPerSecond());
        }
    }

    private IngestRun() {
    }

    static Result run(Client client, List<List<AtomBatches.Batch>> perSession, long timeLimitSeconds)
            throws InterruptedException {
        AtomicLong atoms = new AtomicLong();
        AtomicLong batches = new AtomicLong();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        CountDownLatch ready = new CountDownLatch(perSession.size());
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(perSession.size());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeLimitSeconds);
        List<Thread> threads = new ArrayList<>();
        for (List<AtomBatches.Batch> queue : perSession) {
            threads.add(Thread.ofPlatform().name("ingest").start(() -> {
                ready.countDown();
                try {
                    go.await();
                    for (AtomBatches.Batch b : queue) {
                        if (System.nanoTime() > deadline) {
                            throw new IllegalStateException("time limit reached");
                        }
                        JsonNode r = client.send("POST", "/v1/voice/sessions/" + b.sessionId() + "/events", b.body(), 200);
                        int verified = 0;
                        for (JsonNode result : r.path("results")) {
                            if (result.path("status").asText().equals("accepted")
                                    && result.path("signature_status").asText().equals("verified")) {
                                verified++;
                            }
                        }
                        if (verified != b.atoms()) {
                            throw new IllegalStateException("batch not fully accepted and verified: " + r);
                        }
                        atoms.addAndGet(verified);
                        batches.incrementAndGet();
                    }
                } catch (Throwable t) {
                    failures.add(t);
                } finally {
                    done.countDown();
                }
            }));
        }
        ready.await();
        long start = System.nanoTime();
        go.countDown();
        done.await();
        long elapsed = System.nanoTime() - start;
        if (!failures.isEmpty()) {
            throw new IllegalStateException("ingestion failed: " + failures.peek(), failures.peek());
        }
        return new Result(atoms.get(), batches.get(), elapsed);
    }
}
