package dev.herald.platform.webhooks;

import dev.herald.platform.Worker;
import dev.herald.platform.egress.EgressClient;
import dev.herald.platform.egress.EgressFailure;
import dev.herald.platform.egress.EgressResult;
import dev.herald.platform.events.Event;
import dev.herald.platform.events.EventBus;
import dev.herald.platform.events.Subscriber;
import dev.herald.platform.events.Subscription;
import dev.herald.platform.store.Database;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends queued webhook messages. Every node runs one; they coordinate only through the database:
 * a node claims a due message with a conditional {@code UPDATE} that sets a lease (owner and
 * expiry), so no two nodes send the same attempt, and a message whose node died mid-send becomes
 * claimable again when its lease expires. Nothing lives only in memory, so a restart loses nothing.
 *
 * <p>Every request goes out through the {@link EgressClient}, which checks the endpoint's host
 * after every lookup and connects only to the checked address. Outcomes: any 2xx succeeds; 410
 * fails the message and disables the endpoint; anything else (other status, a 3xx, which is
 * never followed, timeout after {@link #REQUEST_TIMEOUT}, a refused address, connection error)
 * is retried per the {@link RetrySchedule}, honouring {@code Retry-After}. An attempt records the
 * HTTP status or a coarse {@link EgressFailure} class, never an exception's text.
 *
 * <p>When to look: notify, then poll. {@link WebhookService} publishes on {@link #CHANNEL} in the
 * transaction that queues a message, so every node's dispatcher wakes as soon as it commits. A
 * retry this node scheduled wakes it when it is due. And every {@code pollInterval} (5 s on a
 * server) a pass runs anyway: the safety net for what no event announces (another node's
 * retries, leases that expired, an event lost while the bus reconnected).
 *
 * <p>{@link #runOnce()} does one claim-and-send pass (tests drive it with a controllable clock);
 * {@link #start()} runs passes in the background until {@link #stop()}.
 */
public final class WebhookDispatcher implements Worker {
    /** The bus channel that announces queued messages (the message is {@code "queued"}). */
    public static final String CHANNEL = "webhooks.queued";
    /** How often a server's dispatcher looks even when no event woke it. */
    public static final Duration SAFETY_POLL = Duration.ofSeconds(5);
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    /** How long a claim is exclusive; comfortably above the request timeout. */
    static final Duration LEASE = Duration.ofSeconds(60);
    private static final int BATCH = 32;
    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final Database db;
    private final WebhookService service;
    private final EventBus events;
    private final Clock clock;
    private final RetrySchedule schedule;
    private final EgressClient http;
    private final String nodeId;
    private final Duration pollInterval;
    private final Duration requestTimeout;
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    private final Object wake = new Object();
    /** Guarded by {@link #wake}: a wake-up that came while a pass ran is not lost. */
    private boolean wakeRequested;
    /** The earliest retry this node scheduled and has not looked at yet (epoch millis), or MAX_VALUE. */
    private final AtomicLong retryDue = new AtomicLong(Long.MAX_VALUE);
    private volatile boolean running;
    private volatile Subscription subscription;
    private Thread loop;

    /**
     * @param events       the bus that announces queued messages
     * @param http         the client every delivery goes through; the dispatcher closes it
     * @param pollInterval how often a pass runs when nothing woke the dispatcher
     */
    public WebhookDispatcher(Database db, WebhookService service, EventBus events, EgressClient http, Clock clock,
                             RetrySchedule schedule, Duration pollInterval) {
        this(db, service, events, http, clock, schedule, pollInterval, REQUEST_TIMEOUT);
    }

    /** As above with another request timeout (tests use a short one instead of waiting 15 s). */
    WebhookDispatcher(Database db, WebhookService service, EventBus events, EgressClient http, Clock clock,
                      RetrySchedule schedule, Duration pollInterval, Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
        this.db = db;
        this.service = service;
        this.events = events;
        this.clock = clock;
        this.schedule = schedule;
        this.pollInterval = pollInterval;
        this.nodeId = "node-" + UUID.randomUUID();
        this.http = http;
    }

    @Override
    public String name() {
        return "webhook-dispatcher";
    }

    /** Subscribes to queued-message events and starts the background loop (idempotent). */
    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        listen();
        loop = Thread.ofVirtual().name("herald-webhooks").start(this::loop);
    }

    private void listen() {
        subscription = events.subscribeWakeUps(CHANNEL, new Subscriber() {
            @Override
            public void onEvent(Event event) {
                wake();
            }

            @Override
            public void onGap() {
                wake();
            }
        });
    }

    /** Makes the loop run a pass now (or right after the one in progress). */
    void wake() {
        synchronized (wake) {
            wakeRequested = true;
            wake.notifyAll();
        }
    }

    private void loop() {
        while (running) {
            int sent = 0;
            try {
                sent = runOnce();
            } catch (RuntimeException e) {
                log.warn("webhook dispatch pass failed: {}", e.toString());
            }
            if (sent == 0 && running) {
                synchronized (wake) {
                    try {
                        if (!wakeRequested) {
                            wake.wait(idleWaitMillis());
                        }
                        wakeRequested = false;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    /** Until the next retry this node scheduled, at most the poll interval. */
    private long idleWaitMillis() {
        long poll = pollInterval.toMillis();
        long due = retryDue.get();
        if (due == Long.MAX_VALUE) {
            return poll;
        }
        long until = due - clock.millis();
        if (until <= 0) {
            // The pass that just ran found it taken or not claimable: back to plain polling.
            retryDue.compareAndSet(due, Long.MAX_VALUE);
            return poll;
        }
        return Math.min(until, poll);
    }

    /** Claims due messages and sends them (concurrently); returns how many were attempted. */
    public int runOnce() {
        List<Claimed> claimed = claim();
        List<Future<?>> inFlight = new ArrayList<>();
        for (Claimed c : claimed) {
            inFlight.add(senders.submit(() -> attempt(c)));
        }
        for (Future<?> f : inFlight) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (java.util.concurrent.ExecutionException e) {
                log.warn("webhook attempt failed unexpectedly: {}", e.getCause().toString());
            }
        }
        return claimed.size();
    }

    private record Claimed(String id, String workspaceId, String endpointId, String url, String payload,
                           int attempts, int runAttempts, boolean manual) {
    }

    private List<Claimed> claim() {
        long now = clock.millis();
        List<Claimed> candidates = db.read(h -> h.createQuery("""
                SELECT d.id, d.workspace_id, d.endpoint_id, e.url, d.payload, d.attempts, d.run_attempts, d.manual_pending
                FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
                WHERE d.status = 'pending' AND d.next_attempt_at <= :now AND e.status = 'enabled'
                  AND (d.lease_until IS NULL OR d.lease_until < :now)
                ORDER BY d.next_attempt_at LIMIT :n""")
                .bind("now", now).bind("n", BATCH)
                .map((rs, c) -> new Claimed(rs.getString("id"), rs.getString("workspace_id"),
                        rs.getString("endpoint_id"), rs.getString("url"), rs.getString("payload"),
                        rs.getInt("attempts"), rs.getInt("run_attempts"), rs.getInt("manual_pending") == 1))
                .list());
        List<Claimed> mine = new ArrayList<>();
        for (Claimed c : candidates) {
            int won = db.write(h -> h.createUpdate("""
                    UPDATE webhook_deliveries SET lease_owner = :me, lease_until = :until
                    WHERE id = :id AND status = 'pending' AND next_attempt_at <= :now
                      AND (lease_until IS NULL OR lease_until < :now)""")
                    .bind("me", nodeId).bind("until", now + LEASE.toMillis()).bind("id", c.id()).bind("now", now)
                    .execute());
            if (won == 1) {
                mine.add(c);
            }
        }
        return mine;
    }

    private void attempt(Claimed c) {
        long startedAt = clock.millis();
        long timestamp = startedAt / 1000;
        byte[] body = c.payload().getBytes(StandardCharsets.UTF_8);
        Integer status = null;
        String error = null;
        Duration retryAfter = null;
        long t0 = System.nanoTime();
        String signature = db.read(h -> WebhookSigner.signatureHeader(
                service.signingSecrets(h, c.endpointId(), startedAt), c.id(), timestamp, body));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "Herald-Webhooks/1");
        headers.put("webhook-id", c.id());
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", signature);
        switch (http.post(c.url(), headers, body, requestTimeout)) {
            case EgressResult.Answered a -> {
                status = a.status();
                retryAfter = parseRetryAfter(a.retryAfter(), startedAt);
                if (status / 100 == 3) {
                    error = EgressFailure.REDIRECT.wire();
                }
            }
            case EgressResult.Failed f -> error = f.failure().wire();
        }
        long durationMs = (System.nanoTime() - t0) / 1_000_000;
        log.debug("webhook {} to endpoint {} attempt {}: {} in {} ms", c.id(), c.endpointId(), c.attempts() + 1,
                status == null ? error : status, durationMs);
        record(c, startedAt, status, error, retryAfter, durationMs);
    }

    private void record(Claimed c, long attemptedAt, Integer status, String error, Duration retryAfter,
                        long durationMs) {
        String err = error;
        int attemptNo = c.attempts() + 1;
        int runAttempts = c.runAttempts() + 1;
        long now = clock.millis();
        db.write(h -> {
            // The lease is the right to write this outcome; a node whose lease expired lost it.
            String owner = h.createQuery("SELECT lease_owner FROM webhook_deliveries WHERE id = :id")
                    .bind("id", c.id()).mapTo(String.class).findOne().orElse(null);
            if (!nodeId.equals(owner)) {
                log.warn("lease on webhook message {} was lost before its outcome was recorded", c.id());
                return null;
            }
            h.createUpdate("""
                    INSERT INTO webhook_attempts (delivery_id, attempt_no, attempted_at, status_code, error, duration_ms,
                        manual) VALUES (:id, :no, :at, :status, :error, :ms, :manual)""")
                    .bind("id", c.id()).bind("no", attemptNo).bind("at", attemptedAt).bind("status", status)
                    .bind("error", err).bind("ms", durationMs).bind("manual", c.manual() ? 1 : 0).execute();
            String outcome;
            Long next = null;
            if (status != null && status / 100 == 2) {
                outcome = WebhookDelivery.SUCCEEDED;
            } else if (status != null && status == 410) {
                outcome = WebhookDelivery.FAILED;
                h.createUpdate("""
                        UPDATE webhook_endpoints SET status = 'disabled', disabled_reason = :reason, updated_at = :now
                        WHERE id = :endpoint""")
                        .bind("reason", "receiver answered 410 Gone").bind("now", now)
                        .bind("endpoint", c.endpointId()).execute();
                log.info("webhook endpoint {} disabled: receiver answered 410 Gone", c.endpointId());
            } else {
                Duration delay = schedule.nextDelay(runAttempts, retryAfter);
                if (delay == null) {
                    outcome = WebhookDelivery.FAILED;
                } else {
                    outcome = WebhookDelivery.PENDING;
                    next = now + delay.toMillis();
                    retryDue.accumulateAndGet(next, Math::min);
                }
            }
            return h.createUpdate("""
                    UPDATE webhook_deliveries SET status = :status, attempts = :attempts, run_attempts = :run,
                        next_attempt_at = COALESCE(:next, next_attempt_at), manual_pending = 0,
                        last_status_code = :code, last_error = :error, lease_owner = NULL, lease_until = NULL,
                        completed_at = :completed, updated_at = :now
                    WHERE id = :id AND lease_owner = :me""")
                    .bind("status", outcome).bind("attempts", attemptNo).bind("run", runAttempts)
                    .bind("next", next).bind("code", status).bind("error", err)
                    .bind("completed", WebhookDelivery.PENDING.equals(outcome) ? null : (Long) now)
                    .bind("now", now).bind("id", c.id()).bind("me", nodeId).execute();
        });
    }

    /** {@code Retry-After} as delta-seconds or an HTTP-date; null when absent or unreadable. */
    static Duration parseRetryAfter(Optional<String> header, long nowMillis) {
        if (header.isEmpty()) {
            return null;
        }
        String v = header.get().trim();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            try {
                long at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
                return Duration.ofMillis(Math.max(0, at - nowMillis));
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    /** Stops the loop and waits briefly for in-flight sends; unsent messages stay queued in the database. */
    @Override
    public void stop() {
        running = false;
        Subscription s = subscription;
        if (s != null) {
            s.close();
        }
        synchronized (wake) {
            wake.notifyAll();
        }
        Thread t = loop;
        if (t != null) {
            try {
                t.join(REQUEST_TIMEOUT.plusSeconds(1).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        senders.shutdown();
        try {
            senders.awaitTermination(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        http.close();
    }
}
