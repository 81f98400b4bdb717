package dev.herald.voice.crm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.platform.http.JsonMapping;
import dev.herald.platform.store.Database;
import dev.herald.platform.store.Ids;
import dev.herald.voice.core.lead.LeadImportResult;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The import's two halves on a real SQLite file: parsing 10,000 rows, and keeping them in one transaction. */
class LeadImportsTest {
    @TempDir
    Path dir;
    private Database db;
    private LeadImports imports;

    @BeforeEach
    void open() {
        db = Database.open("jdbc:sqlite:" + dir.resolve("crm.db"), 2, null);
        db.migrate();
        imports = new LeadService(db, new Ids(Clock.systemUTC(), new SecureRandom()), Clock.systemUTC(),
                JsonMapping.create()).imports();
    }

    @AfterEach
    void close() {
        db.close();
    }

    static byte[] csv(int rows) {
        StringBuilder sb = new StringBuilder("Full Name,Phone Number,Email,Company,Time Zone,Consent,Notes\r\n");
        for (int i = 0; i < rows; i++) {
            sb.append(String.format(Locale.ROOT, "Lead Number %05d,+1415%d,lead%05d@example.com,\"Company %05d, Inc.\","
                    + "America/New_York,yes,Met at the spring trade show booth number %d\r\n", i, 2_000_000 + i, i, i, i % 97));
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void tenThousandRowsParseAndStoreQuickly() {
        byte[] body = csv(10_000);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        // Wall time on a shared machine says more about its load than about the import; the thread's CPU
        // time is printed beside it (the store's wait on the disk shows only in the wall time).
        for (int round = 0; round < 3; round++) {
            long w0 = System.nanoTime();
            long c0 = cpu.getCurrentThreadCpuTime();
            LeadImportResult parsed = imports.parse(LeadImports.Format.CSV, body);
            long w1 = System.nanoTime();
            long c1 = cpu.getCurrentThreadCpuTime();
            LeadImports.Report report = imports.store("ws_round" + round, parsed, LeadImports.OnConflict.REJECT);
            long w2 = System.nanoTime();
            long c2 = cpu.getCurrentThreadCpuTime();
            System.out.printf(Locale.ROOT, "crm import round %d, 10,000 rows: parse %d ms (cpu %d), store %d ms (cpu %d)%n",
                    round, (w1 - w0) / 1_000_000, (c1 - c0) / 1_000_000, (w2 - w1) / 1_000_000, (c2 - c1) / 1_000_000);
            assertThat(report.imported()).isEqualTo(10_000);
            assertThat(report.leadIds()).doesNotHaveDuplicates();
        }
    }

    @Test
    void aSecondImportOfTheSameRowsFindsThemStored() {
        byte[] body = csv(50);
        assertThat(imports.store("ws_a", imports.parse(LeadImports.Format.CSV, body), LeadImports.OnConflict.REJECT)
                .imported()).isEqualTo(50);
        LeadImports.Report again = imports.store("ws_a", imports.parse(LeadImports.Format.CSV, body),
                LeadImports.OnConflict.SKIP);
        assertThat(again.imported()).isZero();
        assertThat(again.skipped()).isEqualTo(50);
        assertThat(imports.store("ws_b", imports.parse(LeadImports.Format.CSV, body), LeadImports.OnConflict.REJECT)
                .imported()).as("another workspace holds its own numbers").isEqualTo(50);
    }
}
