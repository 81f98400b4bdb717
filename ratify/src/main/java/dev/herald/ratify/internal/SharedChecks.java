package dev.herald.ratify.internal;

import dev.herald.ratify.crypto.Ed25519s;
import dev.herald.ratify.crypto.MlDsa;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The primitive checks (each Ed25519 and each ML-DSA-65 half) of the hybrid signatures of one
 * bundle, shared out between the calling thread and helpers on the pool: every participant claims
 * the next unclaimed check until none is left, so all cores work on the bundle and the caller
 * never idles while a check it could run waits in a queue. Checks are claimed longest first (the
 * ML-DSA halves, then Ed25519), which keeps the last one to finish short.
 *
 * <p>Add every signature, then {@link #start()}; each {@link HybridVerify.Pending} reports its
 * signature exactly as {@link HybridVerify#check} would. Not thread-safe while adding.
 */
public final class SharedChecks {
    /** How long a caller spins for a check another thread is finishing before it parks (nanoseconds). */
    private static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(20);

    private final List<FutureTask<Boolean>> mlDsa = new ArrayList<>();
    private final List<FutureTask<Boolean>> ed25519 = new ArrayList<>();
    private final AtomicInteger next = new AtomicInteger();
    private final Executor pool;
    private final int helpers;
    private List<FutureTask<Boolean>> order;

    SharedChecks(Executor pool, int helpers) {
        this.pool = pool;
        this.helpers = helpers;
    }

    /** Adds one hybrid signature; its result is ready once {@link #start()} has been called. */
    public HybridVerify.Pending add(byte[] edPub, byte[] mlPub, byte[] msg, byte[] edSig, byte[] mlSig) {
        if (order != null) {
            throw new IllegalStateException("checks already started");
        }
        FutureTask<Boolean> ml = new FutureTask<>(() -> MlDsa.verify(mlPub, msg, mlSig));
        FutureTask<Boolean> ed = new FutureTask<>(() -> Ed25519s.verify(edPub, msg, edSig));
        mlDsa.add(ml);
        ed25519.add(ed);
        return () -> {
            boolean edOk = outcome(ed);
            boolean mlOk = outcome(ml);
            if (!edOk) {
                return HybridVerify.ED25519_INVALID;
            }
            return mlOk ? null : HybridVerify.MLDSA_INVALID;
        };
    }

    /** Wakes the helpers; the caller joins in at its first {@code await}. */
    public void start() {
        List<FutureTask<Boolean>> all = new ArrayList<>(mlDsa);
        all.addAll(ed25519);
        order = all;
        int wanted = Math.min(helpers, all.size() - 1);
        for (int i = 0; i < wanted; i++) {
            pool.execute(this::work);
        }
    }

    /** Runs unclaimed checks until none is left. */
    private void work() {
        int i;
        while ((i = next.getAndIncrement()) < order.size()) {
            order.get(i).run();
        }
    }

    private boolean outcome(FutureTask<Boolean> check) {
        if (order == null) {
            throw new IllegalStateException("checks not started");
        }
        work();
        // Another participant is finishing this check: it is short, so spin before parking.
        long until = System.nanoTime() + SPIN_NANOS;
        while (!check.isDone() && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        try {
            return check.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return false;
        }
    }
}
