package dev.herald.bench.calibration;

import java.nio.file.Path;
import java.util.List;

/**
 * The benchmark jar's entry point: prints the {@link Calibration} block, then runs JMH with the
 * same arguments, so every JMH result is printed under a description of the machine it ran on.
 * The forks JMH starts run on the same machine and JVM (plus any {@code -jvmArgs}).
 */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        if (Calibration.wanted(List.of(args))) {
            System.out.println(Calibration.measure(Path.of(System.getProperty("java.io.tmpdir"))));
        }
        org.openjdk.jmh.Main.main(args);
    }
}
