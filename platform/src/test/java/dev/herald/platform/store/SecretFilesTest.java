package dev.herald.platform.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFilesTest {
    @TempDir
    Path dir;

    @Test
    void createIfAbsent_neverReplacesAnExistingFile_evenWhenRacing() throws Exception {
        Path file = dir.resolve("keys/master.key");
        int racers = 8;
        CyclicBarrier together = new CyclicBarrier(racers);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                String content = "racer-" + i;
                writes.add(pool.submit(() -> {
                    together.await();
                    SecretFiles.createIfAbsent(file, content);
                    return null;
                }));
            }
            for (Future<?> w : writes) {
                w.get();
            }
        } finally {
            pool.shutdownNow();
        }
        String winner = Files.readString(file, StandardCharsets.US_ASCII);
        assertThat(winner).startsWith("racer-");
        SecretFiles.createIfAbsent(file, "late");
        assertThat(Files.readString(file, StandardCharsets.US_ASCII)).isEqualTo(winner);
        try (var files = Files.list(file.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("master.key");
        }
    }

    @Test
    void filesAreOwnerOnly_andReplaceSwapsTheWholeContent() throws Exception {
        Path file = dir.resolve("issuer.json");
        SecretFiles.createIfAbsent(file, "first");
        SecretFiles.replace(file, "second");
        assertThat(Files.readString(file, StandardCharsets.US_ASCII)).isEqualTo("second");
        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("issuer.json");
        }
    }
}
