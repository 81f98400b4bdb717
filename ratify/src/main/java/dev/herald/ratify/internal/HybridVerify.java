package dev.herald.ratify.internal;

import dev.herald.ratify.crypto.Ed25519s;
import dev.herald.ratify.crypto.MlDsa;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hybrid (Ed25519 AND ML-DSA-65) verification, optionally with the ML-DSA half on a small pool so
 * the two components, and several signatures of one bundle, overlap on multi-core machines. The
 * failure text always names Ed25519 first when both fail, so results do not depend on scheduling.
 */
public final class HybridVerify {
    private HybridVerify() {}

    public static final String ED25519_INVALID = "Ed25519 signature invalid";
    public static final String MLDSA_INVALID = "ML-DSA-65 signature invalid";

    private static final AtomicInteger THREADS = new AtomicInteger();
    private static volatile ExecutorService pool;

    private static ExecutorService pool() {
        ExecutorService p = pool;
        if (p == null) {
            synchronized (HybridVerify.class) {
                p = pool;
                if (p == null) {
                    int n = Math.max(1, Runtime.getRuntime().availableProcessors());
                    p = Executors.newFixedThreadPool(n, r -> {
                        Thread t = new Thread(r, "ratify-verify-" + THREADS.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
                    pool = p;
                }
            }
        }
        return p;
    }

    /** True when parallel verification is worthwhile on this machine (more than one CPU). */
    public static boolean parallelByDefault() {
        String forced = System.getProperty("herald.ratify.parallel");
        if (forced != null) {
            return Boolean.parseBoolean(forced);
        }
        return Runtime.getRuntime().availableProcessors() > 1;
    }

    /** Sequential check; returns null when both components verify, else the failure text. */
    public static String check(byte[] edPub, byte[] mlPub, byte[] msg, byte[] edSig, byte[] mlSig) {
        if (!Ed25519s.verify(edPub, msg, edSig)) {
            return ED25519_INVALID;
        }
        if (!MlDsa.verify(mlPub, msg, mlSig)) {
            return MLDSA_INVALID;
        }
        return null;
    }

    /** A verification in flight; {@link #await()} returns null on success or the failure text. */
    public interface Pending {
        String await();
    }

    /**
     * Starts a verification; with {@code parallel} its two halves are shared between the caller
     * and a pool thread ({@link SharedChecks}).
     */
    public static Pending start(boolean parallel, byte[] edPub, byte[] mlPub, byte[] msg,
            byte[] edSig, byte[] mlSig) {
        if (!parallel) {
            return () -> check(edPub, mlPub, msg, edSig, mlSig);
        }
        SharedChecks checks = shared();
        Pending p = checks.add(edPub, mlPub, msg, edSig, mlSig);
        checks.start();
        return p;
    }

    /** An empty set of checks for one bundle, shared between the caller and the other cores. */
    public static SharedChecks shared() {
        return new SharedChecks(pool(), Math.max(1, Runtime.getRuntime().availableProcessors() - 1));
    }

    /** A finished result, for cache hits. */
    public static Pending done(String result) {
        return () -> result;
    }
}
