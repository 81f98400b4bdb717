package dev.herald.server.mcp;

import dev.herald.platform.auth.Caller;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Which API key opened each MCP session, so that a session id works only with that key. The SDK
 * keeps its sessions in this node's memory, so the bindings live beside them: made when the SDK
 * hands out a session id, dropped when the session is deleted or has gone unused for
 * {@code idleLimit} with no stream open (the SDK, too, keeps a session while a stream of it is
 * open, and an idle one for less than the limit; so a session the SDK still serves is not left
 * unbound, and an unbound one is refused, fail-closed). Thread-safe.
 */
final class McpSessionKeys {
    private record Binding(String keyId, long lastUsed, int streams) {
        Binding used(long now, int streamChange) {
            return new Binding(keyId, now, Math.max(0, streams + streamChange));
        }

        boolean expired(long now, long idleNanos) {
            return streams == 0 && now - lastUsed > idleNanos;
        }
    }

    private final ConcurrentHashMap<String, Binding> bySession = new ConcurrentHashMap<>();
    private final long idleNanos;
    private final LongSupplier nanoTime;
    private final AtomicLong lastPrune;

    McpSessionKeys(Duration idleLimit, LongSupplier nanoTime) {
        this.idleNanos = idleLimit.toNanos();
        this.nanoTime = nanoTime;
        this.lastPrune = new AtomicLong(nanoTime.getAsLong());
    }

    /** Binds a session the SDK just opened to the key that opened it. */
    void bind(String sessionId, Caller caller) {
        long now = nanoTime.getAsLong();
        bySession.put(sessionId, new Binding(caller.keyId(), now, 0));
        pruneIfDue(now);
    }

    /** True when {@code sessionId} was opened by {@code caller}'s key and is still bound; counts as a use. */
    boolean admits(String sessionId, Caller caller) {
        long now = nanoTime.getAsLong();
        Binding b = bySession.computeIfPresent(sessionId,
                (id, old) -> old.expired(now, idleNanos) ? null : old.used(now, 0));
        return b != null && b.keyId().equals(caller.keyId());
    }

    /** A stream of the session (an answer or the listening stream) stays open after its request: the binding is held. */
    void streamOpened(String sessionId) {
        long now = nanoTime.getAsLong();
        bySession.computeIfPresent(sessionId, (id, old) -> old.used(now, 1));
    }

    /** A stream of the session ended: idleness counts from now. */
    void streamClosed(String sessionId) {
        long now = nanoTime.getAsLong();
        bySession.computeIfPresent(sessionId, (id, old) -> old.used(now, -1));
    }

    void forget(String sessionId) {
        bySession.remove(sessionId);
    }

    /** Sessions bound now (expired ones may linger until the next prune). */
    int size() {
        return bySession.size();
    }

    /** At most once per tenth of the idle limit, drops every expired binding. */
    private void pruneIfDue(long now) {
        long last = lastPrune.get();
        if (now - last < idleNanos / 10 || !lastPrune.compareAndSet(last, now)) {
            return;
        }
        bySession.entrySet().removeIf(e -> e.getValue().expired(now, idleNanos));
    }
}
