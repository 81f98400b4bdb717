package dev.herald.platform;

/**
 * A background loop a node runs beside its HTTP server: the webhook dispatcher, the event bus's
 * listening connection. The composition root builds workers by hand, starts them in a fixed order
 * before it serves requests and stops them in the reverse order after the last request drained,
 * so a worker may rely on every worker started before it.
 *
 * <p>Contract: {@link #start} returns once the loop runs (a worker that must wait for something
 * outside the process waits a bounded time, then carries on trying in the background); it is
 * called at most once. {@link #stop} ends the loop and waits a bounded time for work in progress;
 * it is idempotent and safe to call on a worker that never started. Neither throws for a failure
 * the loop can recover from; they log it. Implementations are thread-safe.
 */
public interface Worker extends AutoCloseable {
    /** A short name for logs, such as {@code "webhook-dispatcher"}. */
    String name();

    void start();

    void stop();

    /** Same as {@link #stop}, so a worker can be used in try-with-resources. */
    @Override
    default void close() {
        stop();
    }
}
