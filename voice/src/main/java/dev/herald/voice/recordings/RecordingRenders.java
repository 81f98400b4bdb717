package dev.herald.voice.recordings;

import dev.herald.platform.Worker;
import dev.herald.voice.core.call.TranscriptTurn;
import dev.herald.voice.core.qualifier.RecordingConsent;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes call recordings in the background, a few at a time, so that a call's end never waits for
 * speech synthesis and synthesis never takes the cores that live calls' turns need. Measured: with
 * one renderer per ending call, {@code espeak-ng} used as much CPU as the server and tripled the
 * tail of the turn decisions; unbounded and at low priority, renders piled up on a saturated
 * machine until leases expired.
 *
 * <p>The durable queue is the database: a call that asked to be recorded ends with a
 * {@link Recording#RENDERING} row ({@link RecordingService#expect}), and this worker fills it. A row
 * left by a node that stopped or died is found by a sweep once it is older than {@link #STALE}
 * and rendered again from the call's stored transcript; a row finished twice (two nodes) keeps the
 * first answer.
 */
public final class RecordingRenders implements Worker {
    /** A rendering row this old was left by a node that is gone (a render takes about a second). */
    public static final Duration STALE = Duration.ofMinutes(10);
    static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);
    /** Renders waiting in memory at most; beyond that the rows wait for the sweep. */
    static final int QUEUE_LIMIT = 10_000;
    private static final int SWEEP_BATCH = 100;
    private static final Logger log = LoggerFactory.getLogger(RecordingRenders.class);

    /** The words of a stored call, to render a recording whose call ended on another (gone) node. */
    @FunctionalInterface
    public interface CallWords {
        /** The call's transcript; empty when the call is unknown or its transcript was purged. */
        Optional<List<TranscriptTurn>> of(String workspaceId, String callId);
    }

    private final RecordingService recordings;
    private final CallWords words;
    private final Clock clock;
    private final Duration stale;
    private final ThreadPoolExecutor renderers;
    private final ScheduledExecutorService sweeper;
    private final Set<String> queued = ConcurrentHashMap.newKeySet();

    /**
     * @param renderers how many recordings render at once; {@link #defaultRenderers} keeps half the
     *                  node's cores for its calls
     */
    public RecordingRenders(RecordingService recordings, CallWords words, Clock clock, int renderers, Duration stale) {
        if (renderers < 1) {
            throw new IllegalArgumentException("at least one renderer, got " + renderers);
        }
        this.recordings = recordings;
        this.words = words;
        this.clock = clock;
        this.stale = stale;
        AtomicInteger n = new AtomicInteger();
        this.renderers = new ThreadPoolExecutor(renderers, renderers, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(QUEUE_LIMIT), r -> daemon(r, "herald-recording-" + n.incrementAndGet()));
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "herald-recording-sweep"));
    }

    /** Half the node's cores, at least one. */
    public static int defaultRenderers() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    @Override
    public String name() {
        return "recording-renders";
    }

    @Override
    public void start() {
        sweeper.scheduleWithFixedDelay(this::sweep, SWEEP_INTERVAL.toMillis(), SWEEP_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Queues the recording of a call that ended (its rendering row committed). Returns at once;
     * when the queue is full the row waits for the sweep.
     */
    public void submit(String workspaceId, String callId, List<TranscriptTurn> turns) {
        String key = workspaceId + "/" + callId;
        if (!queued.add(key)) {
            return;
        }
        try {
            renderers.execute(() -> {
                try {
                    recordings.record(workspaceId, callId, turns, RecordingConsent.GRANTED);
                } catch (RuntimeException e) {
                    log.warn("recording of call {} failed: {}", callId, e.toString());
                } finally {
                    queued.remove(key);
                }
            });
        } catch (RejectedExecutionException e) {
            queued.remove(key);
            log.debug("recording of call {} left for the sweep: {}", callId, e.getMessage());
        }
    }

    /**
     * Queues the rendering rows older than the stale age that this node is not rendering, after
     * dropping audio parts that old that no row names (runs every minute).
     */
    void sweep() {
        try {
            recordings.dropUnnamedAudio(clock.instant().minus(stale), SWEEP_BATCH);
            for (Recording r : recordings.renderingBefore(clock.instant().minus(stale), SWEEP_BATCH)) {
                if (queued.contains(r.workspaceId() + "/" + r.callId())) {
                    continue;
                }
                Optional<List<TranscriptTurn>> turns = words.of(r.workspaceId(), r.callId());
                if (turns.isPresent()) {
                    submit(r.workspaceId(), r.callId(), turns.get());
                } else {
                    recordings.notRecorded(r.workspaceId(), r.callId(), Recording.WORDS_GONE);
                }
            }
        } catch (RuntimeException e) {
            log.warn("recording sweep failed: {}", e.toString());
        }
    }

    /** Drops what waits (its rows stay for the next node's sweep), lets running renders finish briefly. */
    @Override
    public void stop() {
        sweeper.shutdownNow();
        renderers.getQueue().clear();
        renderers.shutdown();
        try {
            if (!renderers.awaitTermination(10, TimeUnit.SECONDS)) {
                renderers.shutdownNow();
            }
        } catch (InterruptedException e) {
            renderers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
