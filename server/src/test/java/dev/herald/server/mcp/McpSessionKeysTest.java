package dev.herald.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.platform.auth.Caller;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Session-to-key bindings, on a clock the test moves. */
class McpSessionKeysTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final McpSessionKeys sessions = new McpSessionKeys(Duration.ofMinutes(10), now::get);
    private final Caller alice = new Caller("ws_1", null, "key_alice", Set.of("admin"));
    private final Caller bob = new Caller("ws_1", null, "key_bob", Set.of("admin"));

    @Test
    void aSessionAdmitsOnlyTheKeyThatOpenedIt() {
        sessions.bind("s1", alice);
        assertThat(sessions.admits("s1", alice)).isTrue();
        assertThat(sessions.admits("s1", bob)).isFalse();
        assertThat(sessions.admits("s2", alice)).isFalse();
    }

    @Test
    void useKeepsABindingAliveAndIdlenessPastTheLimitEndsIt() {
        sessions.bind("s1", alice);
        now.addAndGet(Duration.ofMinutes(9).toNanos());
        assertThat(sessions.admits("s1", alice)).isTrue();
        now.addAndGet(Duration.ofMinutes(9).toNanos());
        assertThat(sessions.admits("s1", alice)).as("used 9 minutes ago").isTrue();
        now.addAndGet(Duration.ofMinutes(11).toNanos());
        assertThat(sessions.admits("s1", alice)).as("idle 11 minutes").isFalse();
        assertThat(sessions.size()).isZero();
    }

    @Test
    void expiredBindingsAreDroppedWhenNewOnesAreMadeAndDeletedOnesAtOnce() {
        sessions.bind("old", alice);
        now.addAndGet(Duration.ofMinutes(11).toNanos());
        sessions.bind("new", bob);
        assertThat(sessions.size()).isEqualTo(1);
        sessions.forget("new");
        assertThat(sessions.admits("new", bob)).isFalse();
    }

    @Test
    void anOpenStreamHoldsTheBindingAndIdlenessCountsFromItsEnd() {
        sessions.bind("s1", alice);
        sessions.streamOpened("s1");
        now.addAndGet(Duration.ofHours(3).toNanos());
        sessions.bind("other", bob);
        assertThat(sessions.admits("s1", alice)).as("listening for three hours").isTrue();
        sessions.streamClosed("s1");
        now.addAndGet(Duration.ofMinutes(9).toNanos());
        assertThat(sessions.admits("s1", alice)).isTrue();
        now.addAndGet(Duration.ofMinutes(11).toNanos());
        assertThat(sessions.admits("s1", alice)).isFalse();
    }
}
