package dev.herald.bench.calibration;

import dev.herald.ratify.HybridKeyPair;
import dev.herald.ratify.HybridSignature;
import dev.herald.ratify.Bytes;
import dev.herald.ratify.crypto.Ed25519s;
import dev.herald.ratify.crypto.MlDsa;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * What this machine is and how fast it is, measured in the same run as a benchmark so that figures
 * from two machines (or two sittings) can be set side by side: hashing speed, the two signature
 * primitives, the cost of a durable 4 KiB write on the data directory's disk, the CPU, the JVM and
 * the load the run started under. Printed as one block of {@code calibration ...} lines.
 */
public final class Calibration {
    private static final int SIGNATURES = 400;
    private static final int SYNCS = 100;

    private Calibration() {}

    /** One measured block; {@link #toString()} is the printed form. */
    public record Block(String loadAtStart, String cpuModel, int cores, String jvm, String jvmFlags, String gc,
            double sha256MBps, double ed25519HeraldUs, double ed25519BcUs, double mlDsa65Us, double fdatasyncUs,
            Path syncDir, String measuredAt) {
        @Override
        public String toString() {
            return String.join(System.lineSeparator(),
                    "calibration at " + measuredAt + ", load average at start " + loadAtStart,
                    "calibration cpu: " + cpuModel + ", " + cores + " cores",
                    "calibration jvm: " + jvm + ", gc " + gc + ", flags [" + jvmFlags + "]",
                    String.format("calibration sha256: %.0f MB/s (one thread, 1 MiB buffers)", sha256MBps),
                    String.format("calibration ed25519 verify: %.1f us Herald cofactorless, %.1f us BouncyCastle"
                            + " cofactored (median of %d, 40-byte message)", ed25519HeraldUs, ed25519BcUs, SIGNATURES),
                    String.format("calibration ml-dsa-65 verify: %.1f us (%s provider, median of %d, 40-byte message)",
                            mlDsa65Us, MlDsa.implementation(), SIGNATURES),
                    String.format("calibration fdatasync: %.0f us per 4 KiB write + fdatasync (median of %d) in %s",
                            fdatasyncUs, SYNCS, syncDir));
        }
    }

    /** Measures the block; the fdatasync probe writes a scratch file in {@code dataDir} and deletes it. */
    public static Block measure(Path dataDir) {
        String load = loadAverage();
        Instant at = Instant.now();
        double sha = sha256MBps();
        HybridKeyPair k = keyPair();
        byte[] msg = new byte[40];
        new Random(7).nextBytes(msg);
        HybridSignature s = k.sign(msg, null);
        byte[] edPub = k.publicKey().ed25519().toArray();
        byte[] edSig = s.ed25519().toArray();
        byte[] mlPub = k.publicKey().mlDsa65().toArray();
        byte[] mlSig = s.mlDsa65().toArray();
        double herald = medianUs(() -> require(Ed25519s.verify(edPub, msg, edSig)));
        double bc = medianUs(() -> require(Ed25519.verify(edSig, 0, edPub, 0, msg, 0, msg.length)));
        double ml = medianUs(() -> require(MlDsa.verify(mlPub, msg, mlSig)));
        double sync = fdatasyncUs(dataDir);
        var runtime = ManagementFactory.getRuntimeMXBean();
        String gc = ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                .collect(Collectors.joining(", "));
        return new Block(load, cpuModel(), Runtime.getRuntime().availableProcessors(),
                runtime.getVmName() + " " + runtime.getVmVersion() + " (" + runtime.getVmVendor() + ")",
                String.join(" ", runtime.getInputArguments()), gc, sha, herald, bc, ml, sync, dataDir,
                at.toString());
    }

    /** Prints the block measured for the data directory {@code args[0]} (default: the temp directory). */
    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir"));
        System.out.println(measure(dir));
    }

    /** The three load averages and the run queue, from /proc/loadavg. */
    public static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " / " + f[1] + " / " + f[2] + " (1 / 5 / 15 min)";
        } catch (IOException | RuntimeException e) {
            return String.format("%.2f (1 min)", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
        } catch (IOException e) {
            return System.getProperty("os.arch");
        }
    }

    private static HybridKeyPair keyPair() {
        byte[] ed = new byte[32];
        byte[] ml = new byte[32];
        Arrays.fill(ed, (byte) 3);
        Arrays.fill(ml, (byte) 5);
        return HybridKeyPair.fromSeeds(Bytes.of(ed), Bytes.of(ml));
    }

    private static void require(boolean ok) {
        if (!ok) {
            throw new IllegalStateException("calibration signature does not verify");
        }
    }

    /** Median wall time of one call, after as many unmeasured calls (enough for C2 on these loops). */
    private static double medianUs(Runnable op) {
        for (int i = 0; i < 3 * SIGNATURES; i++) {
            op.run();
        }
        long[] t = new long[SIGNATURES];
        for (int i = 0; i < t.length; i++) {
            long start = System.nanoTime();
            op.run();
            t[i] = System.nanoTime() - start;
        }
        Arrays.sort(t);
        return t[t.length / 2] / 1e3;
    }

    private static double sha256MBps() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 20];
            new Random(1).nextBytes(buf);
            for (int i = 0; i < 200; i++) {
                md.update(buf);
            }
            md.digest();
            long start = System.nanoTime();
            int rounds = 0;
            while (System.nanoTime() - start < 500_000_000L) {
                md.update(buf);
                rounds++;
            }
            md.digest();
            return rounds * (double) buf.length / 1e6 / ((System.nanoTime() - start) / 1e9);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sequential 4 KiB overwrites of a preallocated file, each followed by fdatasync (force(false)). */
    private static double fdatasyncUs(Path dir) {
        Path file = null;
        try {
            Files.createDirectories(dir);
            file = Files.createTempFile(dir, "calibration-", ".sync");
            ByteBuffer block = ByteBuffer.allocateDirect(4096);
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                for (int i = 0; i < SYNCS; i++) {
                    block.clear();
                    ch.write(block, (long) i * 4096);
                }
                ch.force(true);
                long[] t = new long[SYNCS];
                for (int i = 0; i < SYNCS; i++) {
                    block.clear();
                    block.put(0, (byte) i);
                    long start = System.nanoTime();
                    ch.write(block, (long) i * 4096);
                    ch.force(false);
                    t[i] = System.nanoTime() - start;
                }
                Arrays.sort(t);
                return t[SYNCS / 2] / 1e3;
            }
        } catch (IOException e) {
            return Double.NaN;
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // scratch file in a temp location; nothing to do
                }
            }
        }
    }

    /** Calibration lines for a JMH command line, unless it only lists or explains. */
    static boolean wanted(List<String> jmhArgs) {
        return jmhArgs.stream().noneMatch(a -> a.equals("-l") || a.equals("-lp") || a.equals("-h") || a.equals("-lprof")
                || a.equals("-lrf") || a.equals("--help"));
    }
}
