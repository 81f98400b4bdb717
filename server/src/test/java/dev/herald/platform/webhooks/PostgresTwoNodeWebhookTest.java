package dev.herald.platform.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.Herald;
import dev.herald.server.testing.StoreExtension;
import dev.herald.server.testing.WebhookReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two servers on one PostgreSQL, as they are wired in production: a message queued through node A
 * is sent within a second by whichever node's dispatcher wakes first (both poll only every
 * {@link WebhookDispatcher#SAFETY_POLL}), and exactly once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresTwoNodeWebhookTest {
    @RegisterExtension
    static final StoreExtension STORE = StoreExtension.postgres();
    private Herald nodeA;
    private Herald nodeB;

    @BeforeAll
    void start() {
        nodeA = Herald.start(STORE.config().withPrivateTargets(true));
        nodeB = Herald.start(STORE.config().withPrivateTargets(true));
    }

    @AfterAll
    void stop() {
        nodeB.close();
        nodeA.close();
    }

    @Test
    void aMessageQueuedOnNodeAIsSentWithinASecondAndOnlyOnce() throws InterruptedException {
        WebhookService webhooks = nodeA.services().webhooks();
        String workspace = nodeA.services().workspaces().findOrCreate("ws-" + UUID.randomUUID()).id();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            webhooks.create(workspace, new WebhookService.EndpointSpec(receiver.url(), "two nodes", null, null));
            Thread.sleep(200);
            List<String> sent = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                long t0 = System.nanoTime();
                sent.add(nodeA.services().db().write(h -> webhooks.enqueue(h, workspace, null, "session.ended",
                        Map.of())).getFirst());
                while (receiver.received().size() < i && System.nanoTime() - t0 < Duration.ofSeconds(3).toNanos()) {
                    Thread.sleep(5);
                }
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
            }
            Thread.sleep(300);
            assertThat(receiver.received()).extracting(r -> r.header("webhook-id")).containsExactlyElementsOf(sent);
        }
    }
}
