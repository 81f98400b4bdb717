package dev.herald.governance.realtime;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.server.testing.StoreExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A rough probe of signed-atom ingestion throughput over HTTP (not a timed test; the load
 * generator in bench/ is the reference). Run with {@code -Dherald.probe=sqlite|postgres}.
 */
@EnabledIfSystemProperty(named = "herald.probe", matches = ".+")
class AtomThroughputProbe extends RealtimeTestBase {
    @RegisterExtension
    static final StoreExtension STORE = "postgres".equals(System.getProperty("herald.probe"))
            ? StoreExtension.postgres() : StoreExtension.sqlite();

    @Override
    protected StoreExtension store() {
        return STORE;
    }

    @Test
    void signedBatchesOf100() throws Exception {
        Sidecar sidecar = new Sidecar("gw");
        Tenant t = tenant(sidecar);
        int sessions = 8;
        int batches = 25;
        List<String> ids = new ArrayList<>();
        List<List<String>> bodies = new ArrayList<>();
        for (int s = 0; s < sessions; s++) {
            String id = start(t, null);
            ids.add(id);
            List<String> list = new ArrayList<>();
            for (int b = 0; b < batches; b++) {
                ObjectNode body = MAPPER.createObjectNode().put("batch_idempotency_key", "b" + b);
                ArrayNode events = body.putArray("events");
                for (int i = 0; i < 100; i++) {
                    events.add(sidecar.signEd(id, audio("inbound")));
                }
                list.add(body.toString());
            }
            bodies.add(list);
        }
        ExecutorService pool = Executors.newFixedThreadPool(sessions);
        long t0 = System.nanoTime();
        List<Future<Integer>> futures = new ArrayList<>();
        for (int s = 0; s < sessions; s++) {
            int n = s;
            futures.add(pool.submit(() -> {
                int accepted = 0;
                for (String body : bodies.get(n)) {
                    accepted += http.post("/v1/voice/sessions/" + ids.get(n) + "/events", t.key(), body).json()
                            .get("accepted_count").asInt();
                }
                return accepted;
            }));
        }
        int total = 0;
        for (Future<Integer> f : futures) {
            total += f.get();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        System.out.printf("PROBE %s: %d signed atoms in %.2f s = %.0f atoms/s%n", STORE.kind(), total, seconds,
                total / seconds);
    }

    @Test
    void turnLatency() {
        Tenant t = tenant();
        String id = start(t, 1_000_000_000L);
        String body = "{\"input_tokens\":280,\"output_tokens\":120,\"risk_budget_used_micros\":10}";
        for (int i = 0; i < 300; i++) {
            http.post("/v1/sessions/" + id + "/turns", t.key(), body);
        }
        int n = 2000;
        long[] micros = new long[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            http.post("/v1/sessions/" + id + "/turns", t.key(), body);
            micros[i] = (System.nanoTime() - t0) / 1000;
        }
        java.util.Arrays.sort(micros);
        System.out.printf("PROBE %s turns (closed loop, one client): p50 %.2f ms, p99 %.2f ms%n", STORE.kind(),
                micros[n / 2] / 1000.0, micros[n * 99 / 100] / 1000.0);
    }
}
