package dev.herald.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.Herald;
import dev.herald.server.testing.SseClient;
import dev.herald.server.testing.StoreExtension;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresEventStreamTest extends EventStreamContract {
    @RegisterExtension
    static final StoreExtension STORE = StoreExtension.postgres();

    @Override
    StoreExtension store() {
        return STORE;
    }

    @Test
    void anEventWrittenOnAnotherNodeReachesThisNodesClientsWithinASecond() throws IOException {
        Herald other = startNode();
        String stream = stream();
        try (SseClient onThisNode = open(stream, null)) {
            assertThat(onThisNode.next(PROMPTLY).comment()).isEqualTo("stream open");
            long t0 = System.nanoTime();
            String id = append(other, stream, "from-b", 0);
            SseClient.Item got = onThisNode.nextEvent(Duration.ofSeconds(1));
            assertThat(got).isNotNull();
            assertThat(got.id()).isEqualTo(id);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
        } finally {
            other.close();
        }
    }
}
