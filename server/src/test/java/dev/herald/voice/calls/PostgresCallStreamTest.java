package dev.herald.voice.calls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.Herald;
import dev.herald.server.testing.SseClient;
import dev.herald.server.testing.StoreExtension;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresCallStreamTest extends CallStreamContract {
    @RegisterExtension
    static final StoreExtension STORE = StoreExtension.postgres();

    @Override
    protected StoreExtension store() {
        return STORE;
    }

    @Test
    void eventsWrittenOnAnotherNodeReachBothStreamsOnThisOne() throws IOException {
        Herald other = Herald.start(config(), List.of());
        String call = liveCall();
        try (SseClient callClient = callStream(call, null);
             SseClient dashboard = workspaceStream(herald.port(), null)) {
            assertThat(callClient.next(PROMPTLY).comment()).isEqualTo("stream open");
            assertThat(dashboard.next(PROMPTLY).comment()).isEqualTo("stream open");
            long t0 = System.nanoTime();
            append(other, ws, call, CallEventType.ANSWERED, Map.of("status", "in_progress"));
            append(other, ws, call, CallEventType.FINAL_UTTERANCE, Map.of("role", "agent", "text", "Hello"));
            assertThat(callClient.nextEvent(Duration.ofSeconds(1)).event()).isEqualTo("call.answered");
            assertThat(callClient.nextEvent(Duration.ofSeconds(1)).event()).isEqualTo("utterance.final");
            assertThat(dashboard.nextEvent(Duration.ofSeconds(1)).event()).isEqualTo("call.answered");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
            // And a stream served by the other node ends with a verdict written on this one.
            try (SseClient there = SseClient.authorized(other.port(), "/api/v1/voice/calls/" + call + "/events", key,
                    "2")) {
                assertThat(there.next(PROMPTLY).comment()).isEqualTo("stream open");
                append(herald, ws, call, CallEventType.VERDICT, Map.of("qualified", true));
                assertThat(there.nextEvent(Duration.ofSeconds(1)).event()).isEqualTo("call.verdict");
                assertThat(there.completesWithin(PROMPTLY)).isTrue();
            }
        } finally {
            other.close();
        }
    }
}
