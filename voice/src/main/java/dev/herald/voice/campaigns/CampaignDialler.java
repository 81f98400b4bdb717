package dev.herald.voice.campaigns;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.platform.Worker;
import dev.herald.platform.events.Event;
import dev.herald.platform.events.EventBus;
import dev.herald.platform.events.Subscriber;
import dev.herald.platform.events.Subscription;
import dev.herald.platform.store.Database;
import dev.herald.platform.webhooks.WebhookService;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The campaign dialler every node runs. Nodes share campaigns through the database only: a node
 * claims a campaign that is due ({@code next_wake_at} passed) with a compare-and-set
 * {@code UPDATE} of its lease ({@code lease_owner}, {@code lease_until}), works it for one
 * {@link DialRound}, and releases it with the time of its next look. A node that dies keeps its
 * lease until it expires; then any node takes the campaign over, and the round's reservation
 * rule ({@link DialRound}) makes sure no (lead, attempt) is dialled twice and none is skipped.
 *
 * <p>When to look: on a wake-up (a campaign created or resumed on any node), at the earliest
 * {@code next_wake_at} (the next paced dial, a retry coming due, a live call to follow), and every
 * {@code pollInterval} anyway. {@link #runOnce()} is one pass, for tests with a controlled clock.
 */
public final class CampaignDialler implements Worker {
    public static final Duration LEASE = Duration.ofSeconds(30);
    public static final Duration POLL = Duration.ofSeconds(1);
    private static final int CLAIMS_PER_PASS = 20;
    private static final Logger log = LoggerFactory.getLogger(CampaignDialler.class);

    private final Database db;
    private final ObjectMapper json;
    private final Clock clock;
    private final EventBus events;
    private final CallPlacer placer;
    private final WebhookService webhooks;
    private final String node;
    private final Duration lease;
    private final Duration pollInterval;
    private final Object wake = new Object();
    private boolean wakeRequested;
    private volatile boolean running;
    private volatile Subscription subscription;
    private Thread loop;

    public CampaignDialler(Database db, ObjectMapper json, Clock clock, EventBus events, CallPlacer placer,
                           WebhookService webhooks) {
        this(db, json, clock, events, placer, webhooks, "dialler-" + UUID.randomUUID(), LEASE, POLL);
    }

    /** As above with a node name, lease and poll interval of the caller's (tests). */
    public CampaignDialler(Database db, ObjectMapper json, Clock clock, EventBus events, CallPlacer placer,
                           WebhookService webhooks, String node, Duration lease, Duration pollInterval) {
        this.db = db;
        this.json = json;
        this.clock = clock;
        this.events = events;
        this.placer = placer;
        this.webhooks = webhooks;
        this.node = node;
        this.lease = lease;
        this.pollInterval = pollInterval;
    }

    @Override
    public String name() {
        return "campaign-dialler";
    }

    public String node() {
        return node;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        subscription = events.subscribeWakeUps(CampaignService.CHANNEL, new Subscriber() {
            @Override
            public void onEvent(Event event) {
                wake();
            }

            @Override
            public void onGap() {
                wake();
            }
        });
        loop = Thread.ofVirtual().name("herald-dialler").start(this::loop);
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        Subscription s = subscription;
        if (s != null) {
            s.close();
        }
        wake();
        try {
            loop.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Makes the loop look now (or right after the pass in progress). */
    public void wake() {
        synchronized (wake) {
            wakeRequested = true;
            wake.notifyAll();
        }
    }

    private void loop() {
        while (running) {
            try {
                runOnce();
            } catch (RuntimeException e) {
                log.warn("campaign dialler pass failed; trying again: {}", e.toString());
            }
            long waitMs = pollInterval.toMillis();
            try {
                Long next = db.read(h -> h.createQuery("SELECT MIN(next_wake_at) FROM voice_campaigns "
                        + "WHERE next_wake_at IS NOT NULL").mapTo(Long.class).findOne().orElse(null));
                if (next != null) {
                    waitMs = Math.max(5, Math.min(waitMs, next - clock.millis()));
                }
            } catch (RuntimeException e) {
                log.debug("cannot read the next campaign wake-up: {}", e.toString());
            }
            synchronized (wake) {
                if (!wakeRequested && running) {
                    try {
                        wake.wait(waitMs);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                wakeRequested = false;
            }
        }
    }

    /** One pass: claims each due campaign it can and works it for a round. Returns how many it worked. */
    public int runOnce() {
        long now = clock.millis();
        List<String> due = db.read(h -> h.createQuery("""
                        SELECT id FROM voice_campaigns WHERE next_wake_at IS NOT NULL AND next_wake_at <= :now
                            AND (lease_owner IS NULL OR lease_until <= :now) ORDER BY next_wake_at LIMIT :n""")
                .bind("now", now).bind("n", CLAIMS_PER_PASS).mapTo(String.class).list());
        int worked = 0;
        for (String id : due) {
            if (!claim(id)) {
                continue; // another node was quicker
            }
            DialRound round = new DialRound(db, json, clock, placer, webhooks, node, pollInterval);
            Long next = clock.millis() + pollInterval.toMillis(); // after a failure: look again soon
            try {
                next = round.run(id);
                worked++;
            } catch (RuntimeException e) {
                // One campaign's trouble (its placer, a stored value) must not stop the others.
                log.warn("campaign {}: dial round failed; looking again soon: {}", id, e.toString());
            } finally {
                release(id, round.stateSeen(), next);
            }
        }
        return worked;
    }

    private boolean claim(String id) {
        long now = clock.millis();
        return db.write(h -> h.createUpdate("""
                        UPDATE voice_campaigns SET lease_owner = :me, lease_until = :until
                        WHERE id = :id AND (lease_owner IS NULL OR lease_until <= :now)""")
                .bind("me", node).bind("until", now + lease.toMillis()).bind("id", id).bind("now", now)
                .execute()) == 1;
    }

    /**
     * Gives the campaign up with the time of its next look; when its state changed meanwhile (a
     * pause, resume or cancel during the round), it is looked at again at once instead.
     */
    private void release(String id, String stateSeen, Long nextWake) {
        long now = clock.millis();
        db.write(h -> h.createUpdate("""
                        UPDATE voice_campaigns SET lease_owner = NULL, lease_until = NULL,
                            next_wake_at = CASE WHEN state = :seen THEN :next ELSE :now END
                        WHERE id = :id AND lease_owner = :me""")
                .bind("seen", stateSeen == null ? "" : stateSeen).bind("next", nextWake).bind("now", now)
                .bind("id", id).bind("me", node).execute());
    }
}
