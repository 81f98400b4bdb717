package dev.herald.platform.events;

import dev.herald.platform.domain.Unavailable;
import dev.herald.platform.http.Problems;
import io.javalin.http.Context;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.eclipse.jetty.server.HttpChannel;
import org.eclipse.jetty.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-sent event streams for Javalin routes, fed by the database and woken by the bus. A route
 * authorizes the caller, then hands over: {@code streams.serve(ctx, channel, backlog)}. The stream
 * sends the {@link Backlog}'s events after the client's {@code Last-Event-ID} (its position when
 * it last disconnected), then, whenever an event is published on {@code channel} (or the bus had a
 * gap), the events after the last one sent. Events are never held in memory beyond one page of
 * {@value #PAGE} being written: what a client has not taken yet stays in the database.
 *
 * <ul>
 *   <li><b>Heartbeats</b>: a comment line after {@link #heartbeat} without events, so proxies keep
 *       the connection and a client that vanished is noticed.</li>
 *   <li><b>Back-pressure</b>: a client that does not take a write within {@link #writeTimeout}
 *       (a full socket buffer that stays full) is disconnected; it reconnects with its
 *       {@code Last-Event-ID} when it can keep up. Nothing is buffered for it meanwhile.</li>
 *   <li><b>End</b>: a stream that has a last event (a call's verdict) is served with a
 *       {@code last} test; the stream ends once it has sent the first event that passes it.
 *       A client that reconnects after that event is the route's to answer (SSE's 204 stops a
 *       browser's reconnecting).</li>
 *   <li><b>Errors</b>: a malformed {@code Last-Event-ID} is a 400 and whatever the backlog throws
 *       for the first page is the route's answer (nothing is sent before it returned); later
 *       failures end the stream. {@link #close} (the server draining) ends every stream and
 *       answers new ones 503.</li>
 * </ul>
 *
 * <p>The route's thread runs the stream until it ends (virtual threads make that cheap). Thread-safe.
 */
public final class EventStreams implements AutoCloseable {
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(15);
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(10);
    /** Events read from the backlog and written at a time. */
    static final int PAGE = 100;
    static final String LAST_EVENT_ID = "Last-Event-ID";
    private static final byte[] OPENED = ": stream open\n\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] HEARTBEAT = ": heartbeat\n\n".getBytes(StandardCharsets.UTF_8);
    private static final Logger log = LoggerFactory.getLogger(EventStreams.class);

    private final EventBus bus;
    private final Duration heartbeat;
    private final Duration writeTimeout;
    private final Set<Stream> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    public EventStreams(EventBus bus) {
        this(bus, DEFAULT_HEARTBEAT, DEFAULT_WRITE_TIMEOUT);
    }

    public EventStreams(EventBus bus, Duration heartbeat, Duration writeTimeout) {
        if (heartbeat.isNegative() || heartbeat.isZero() || writeTimeout.isNegative() || writeTimeout.isZero()) {
            throw new IllegalArgumentException("heartbeat and write timeout must be positive");
        }
        this.bus = bus;
        this.heartbeat = heartbeat;
        this.writeTimeout = writeTimeout;
    }

    /** Streams to the client of {@code ctx} until it disconnects, is too slow, or the server drains. */
    public void serve(Context ctx, String channel, Backlog backlog) {
        serve(ctx, channel, backlog, e -> false);
    }

    /**
     * Like {@link #serve(Context, String, Backlog)}, but the stream also ends, normally, right after
     * it sent an event that passes {@code last} (events after it in the same page are not sent).
     */
    public void serve(Context ctx, String channel, Backlog backlog, Predicate<StreamEvent> last) {
        Event.requireChannel(channel);
        String lastId = ctx.header(LAST_EVENT_ID);
        if (lastId != null && !StreamEvent.isValidId(lastId)) {
            throw new Problems.BadRequest(LAST_EVENT_ID + " must be 1 to " + StreamEvent.MAX_ID_LENGTH
                    + " characters without control characters");
        }
        if (closed) {
            throw new Unavailable("the server is shutting down; reconnect to continue the stream");
        }
        Stream stream = new Stream(ctx, last);
        try (Subscription ignored = bus.subscribeWakeUps(channel, stream)) {
            List<StreamEvent> first = backlog.after(lastId, PAGE);
            open.add(stream);
            if (closed) {
                throw new Unavailable("the server is shutting down; reconnect to continue the stream");
            }
            stream.run(backlog, lastId, first);
        } finally {
            open.remove(stream);
        }
    }

    /** Streams now open (for tests and metrics). */
    public int openCount() {
        return open.size();
    }

    /** Ends every open stream and refuses new ones; the server calls it when it starts draining. */
    @Override
    public void close() {
        closed = true;
        open.forEach(Stream::end);
    }

    /** One client's stream: the route's thread writes; bus events and {@link #end} only signal it. */
    private final class Stream implements Subscriber {
        private final Context ctx;
        private final Predicate<StreamEvent> isFinal;
        private final HttpChannel channel;
        private final Semaphore wake = new Semaphore(0);
        private volatile boolean ended;
        /** When the write in progress started ({@code System.nanoTime()}), or 0 between writes. */
        private volatile long writingSince;

        Stream(Context ctx, Predicate<StreamEvent> last) {
            this.ctx = ctx;
            this.isFinal = last;
            Request base = Request.getBaseRequest(ctx.req());
            this.channel = base == null ? null : base.getHttpChannel();
        }

        @Override
        public void onEvent(Event event) {
            signal();
        }

        @Override
        public void onGap() {
            signal();
        }

        @Override
        public void onDropped(DropReason reason) {
            end();
        }

        void end() {
            ended = true;
            signal();
        }

        private void signal() {
            if (wake.availablePermits() == 0) {
                wake.release();
            }
        }

        void run(Backlog backlog, String lastId, List<StreamEvent> first) {
            Thread watchdog = Thread.ofVirtual().name("herald-sse-watchdog").start(this::watch);
            try {
                HttpServletResponse res = ctx.res();
                res.setStatus(200);
                res.setContentType("text/event-stream;charset=utf-8");
                res.setHeader("Cache-Control", "no-store");
                res.setHeader("X-Accel-Buffering", "no");
                ServletOutputStream out = res.getOutputStream();
                write(out, OPENED);
                String last = send(out, first, lastId);
                boolean more = first.size() == PAGE;
                while (!ended) {
                    if (more || wake.tryAcquire(heartbeat.toMillis(), TimeUnit.MILLISECONDS)) {
                        wake.drainPermits();
                        List<StreamEvent> page = backlog.after(last, PAGE);
                        last = send(out, page, last);
                        more = page.size() == PAGE;
                    } else {
                        write(out, HEARTBEAT);
                    }
                }
            } catch (IOException e) {
                log.debug("event stream ended: the client went away or was too slow ({})", e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                // The response is committed: no problem+json any more. The client reconnects and resumes.
                log.warn("event stream ended by a failure: {}", e.toString());
            } finally {
                ended = true;
                watchdog.interrupt();
            }
        }

        private String send(ServletOutputStream out, List<StreamEvent> events, String last) throws IOException {
            if (events.isEmpty()) {
                return last;
            }
            StringBuilder b = new StringBuilder();
            String sent = last;
            for (StreamEvent e : events) {
                b.append(e.wire());
                sent = e.id();
                if (isFinal.test(e)) {
                    // The stream's final event: the loop stops after this write and the response completes.
                    ended = true;
                    break;
                }
            }
            write(out, b.toString().getBytes(StandardCharsets.UTF_8));
            return sent;
        }

        private void write(ServletOutputStream out, byte[] bytes) throws IOException {
            writingSince = System.nanoTime();
            try {
                out.write(bytes);
                out.flush();
            } finally {
                writingSince = 0;
            }
        }

        /** Disconnects the client when one write has waited longer than the write timeout. */
        private void watch() {
            long period = Math.max(1, writeTimeout.toMillis() / 4);
            while (!ended) {
                try {
                    Thread.sleep(period);
                } catch (InterruptedException e) {
                    return;
                }
                long since = writingSince;
                if (since != 0 && System.nanoTime() - since > writeTimeout.toNanos()) {
                    log.info("event stream client took no data for {}; disconnecting it", writeTimeout);
                    ended = true;
                    if (channel != null) {
                        // Fails the blocked write at once; the route's thread then ends the stream.
                        channel.abort(new TimeoutException("slow event stream client"));
                    }
                    return;
                }
            }
        }
    }
}
