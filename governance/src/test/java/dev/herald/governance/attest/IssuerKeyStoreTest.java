package dev.herald.governance.attest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.evidence.keys.KeyRing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The issuer key file: created once, shared by every process of one data directory, rotated in place. */
class IssuerKeyStoreTest {
    @TempDir
    Path dir;

    @Test
    void racingFirstStarts_allSignWithTheOneKeyThatWasWritten() throws Exception {
        int racers = 8;
        for (int round = 0; round < 20; round++) {
            Path dataDir = dir.resolve("round-" + round);
            CyclicBarrier together = new CyclicBarrier(racers);
            ExecutorService pool = Executors.newFixedThreadPool(racers);
            try {
                List<Future<KeyRing>> rings = new ArrayList<>();
                for (int i = 0; i < racers; i++) {
                    rings.add(pool.submit(() -> {
                        together.await();
                        return IssuerKeyStore.loadOrCreate(dataDir, new SecureRandom());
                    }));
                }
                Set<String> keys = new HashSet<>();
                for (Future<KeyRing> r : rings) {
                    keys.add(r.get().active().publicKey().encoded());
                }
                KeyRing onDisk = IssuerKeyStore.loadOrCreate(dataDir, new SecureRandom());
                assertThat(keys).containsExactly(onDisk.active().publicKey().encoded());
                try (var files = Files.list(dataDir.resolve("issuer"))) {
                    assertThat(files.map(p -> p.getFileName().toString())).containsExactly(IssuerKeyStore.FILE);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void rotationKeepsTheRetiredPublicKey() {
        KeyRing first = IssuerKeyStore.loadOrCreate(dir, new SecureRandom());
        KeyRing rotated = IssuerKeyStore.rotate(dir, new SecureRandom());
        assertThat(rotated.active().publicKey().encoded()).isNotEqualTo(first.active().publicKey().encoded());
        KeyRing reloaded = IssuerKeyStore.loadOrCreate(dir, new SecureRandom());
        assertThat(reloaded.retired()).extracting(k -> k.encoded()).contains(first.active().publicKey().encoded());
        // The retired key's window ends where the active key's begins, and both survive a reload.
        var retiredWindow = reloaded.window(first.active().publicKey());
        var activeWindow = reloaded.window(reloaded.active().publicKey());
        assertThat(retiredWindow.validFrom()).isNotNull();
        assertThat(retiredWindow.validUntil()).isNotNull().isEqualTo(activeWindow.validFrom());
        assertThat(activeWindow.validUntil()).isNull();
    }
}
