package dev.herald.bench.ratify;

import dev.herald.ratify.crypto.Ed25519Batch;
import dev.herald.ratify.crypto.Ed25519s;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Cost per signature of checking a batch of 100 atom signatures (200-byte messages): BouncyCastle
 * one at a time with the key point decoded once (its cofactored rule), Herald's single
 * {@link Ed25519s#verify} (the cofactorless rule), and {@link Ed25519Batch} with one key, with
 * 100 keys, and on a fresh instance.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class Ed25519BatchBench {
    private static final int BATCH = 100;
    private static final int MESSAGE_BYTES = 200;

    private List<Ed25519Batch.Item> oneKey;
    private List<Ed25519Batch.Item> hundredKeys;
    private Ed25519.PublicPoint oneKeyPoint;
    private Ed25519Batch batch;

    @Setup(Level.Trial)
    public void setUp() {
        Random random = new Random(7);
        oneKey = items(random, 1);
        hundredKeys = items(random, BATCH);
        oneKeyPoint = Ed25519.validatePublicKeyPartialExport(oneKey.get(0).publicKey(), 0);
        batch = new Ed25519Batch();
        for (boolean ok : batch.verify(oneKey)) {
            if (!ok) {
                throw new IllegalStateException("fixture signature does not verify");
            }
        }
    }

    private static List<Ed25519Batch.Item> items(Random random, int keys) {
        byte[][] seeds = new byte[keys][32];
        for (byte[] seed : seeds) {
            random.nextBytes(seed);
        }
        List<Ed25519Batch.Item> items = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            byte[] seed = seeds[i % keys];
            byte[] message = new byte[MESSAGE_BYTES];
            random.nextBytes(message);
            items.add(new Ed25519Batch.Item(Ed25519s.publicKey(seed), message, Ed25519s.sign(seed, message)));
        }
        return items;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int bouncyCastleSingleVerifyCachedPoint() {
        int valid = 0;
        for (Ed25519Batch.Item item : oneKey) {
            byte[] m = item.message();
            if (Ed25519.verify(item.signature(), 0, oneKeyPoint, m, 0, m.length)) {
                valid++;
            }
        }
        return valid;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int heraldSingleVerify() {
        int valid = 0;
        for (Ed25519Batch.Item item : oneKey) {
            if (Ed25519s.verify(item.publicKey(), item.message(), item.signature())) {
                valid++;
            }
        }
        return valid;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public boolean[] batchOneKey() {
        return batch.verify(oneKey);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public boolean[] batchHundredKeys() {
        return batch.verify(hundredKeys);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public boolean[] batchOneKeyColdCache() {
        return new Ed25519Batch().verify(oneKey);
    }
}
