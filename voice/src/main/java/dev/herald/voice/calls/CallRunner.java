package dev.herald.voice.calls;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.platform.Worker;
import dev.herald.platform.store.Database;
import dev.herald.platform.webhooks.WebhookService;
import dev.herald.voice.governed.CallGovernance;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs queued calls on this node, at most {@code maxConcurrent} at once (each on a virtual
 * thread). A call is claimed from {@code queued} by a guarded UPDATE that also sets this node's
 * lease ({@code lease_owner}, {@code lease_until}); the player renews the lease as it goes. Every
 * few seconds, and first when it starts, the runner fails calls whose lease expired mid-call (their
 * node died): session failed, outcome {@code failed}, end reason {@code node_lost}, one
 * {@code call.ended} and one {@code agent.run.completed}; such a call is never dialled again.
 */
public final class CallRunner implements Worker {
    private static final Logger log = LoggerFactory.getLogger(CallRunner.class);
    static final Duration LEASE = Duration.ofSeconds(30);
    private static final Duration RENEW_BEFORE = Duration.ofSeconds(20);
    private static final long CHECK_EVERY_MS = 200;
    private static final Duration POLL = Duration.ofSeconds(2);
    private static final Duration RECOVER_EVERY = Duration.ofSeconds(5);

    private final Database db;
    private final Clock clock;
    private final CallStore store = new CallStore();
    private final CallEventLog events;
    private final WebhookService webhooks;
    private final CallGovernance governance;
    private final CallPlayer player;
    private final String node;
    private final int maxConcurrent;
    private final Semaphore slots;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition woken = lock.newCondition();
    private boolean pending;
    private volatile boolean running;
    private Thread loop;
    private ExecutorService calls;

    public CallRunner(Database db, Clock clock, SecureRandom random, ObjectMapper mapper, CallEventLog events,
                      WebhookService webhooks, CallGovernance governance, CallDirectory directory, CallToolbox toolbox,
                      CrmWriteBack crm, CallRecorder recorder, double simulationSpeed, int maxConcurrent) {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("maxConcurrent must be >= 1");
        }
        this.db = db;
        this.clock = clock;
        this.events = events;
        this.webhooks = webhooks;
        this.governance = governance;
        this.player = new CallPlayer(db, clock, mapper, store, events, governance, directory, toolbox, crm, recorder,
                webhooks, simulationSpeed);
        this.node = "node-" + Long.toHexString(random.nextLong() & Long.MAX_VALUE);
        this.maxConcurrent = maxConcurrent;
        this.slots = new Semaphore(maxConcurrent);
    }

    @Override
    public String name() {
        return "voice-call-runner";
    }

    /** This node's lease owner name. */
    public String node() {
        return node;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        calls = Executors.newVirtualThreadPerTaskExecutor();
        loop = Thread.ofPlatform().daemon().name("voice-call-runner").start(this::run);
    }

    /** A call was queued: look now instead of at the next poll. */
    public void wake() {
        lock.lock();
        try {
            pending = true;
            woken.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        long nextRecovery = 0;
        while (running) {
            try {
                if (clock.millis() >= nextRecovery) {
                    recoverLost();
                    nextRecovery = clock.millis() + RECOVER_EVERY.toMillis();
                }
                dispatch();
                await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("voice call runner: {}", e.toString());
                sleepQuietly();
            }
        }
    }

    private void await() throws InterruptedException {
        lock.lock();
        try {
            if (!pending && running) {
                woken.await(POLL.toMillis(), TimeUnit.MILLISECONDS);
            }
            pending = false;
        } finally {
            lock.unlock();
        }
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Claims as many queued calls as there are free slots, and plays each. */
    private void dispatch() {
        int free = slots.availablePermits();
        if (free == 0) {
            return;
        }
        for (String id : db.read(h -> store.queued(h, free))) {
            if (!slots.tryAcquire()) {
                return;
            }
            long now = clock.millis();
            boolean mine = db.write(h -> store.claim(h, id, node, now + LEASE.toMillis(), now));
            if (!mine) {
                slots.release();
                continue;
            }
            CallRecord call = db.read(h -> store.byId(h, id)).orElseThrow();
            calls.submit(() -> play(call));
        }
    }

    private void play(CallRecord call) {
        try {
            player.play(call, new HeldLease(call.id()));
        } catch (CallPlayer.LeaseLost e) {
            log.info("{}; its end was recorded by the node that declared it lost", e.getMessage());
        } catch (RuntimeException e) {
            log.warn("call {} failed on this node: {}", call.id(), e.toString());
            Thread.interrupted(); // a stop interrupts the pacing sleep; the write below must still run
            // Let the lease lapse now: recovery fails the call and its session (node_lost) at once.
            db.write(h -> h.createUpdate("UPDATE voice_calls SET lease_until = 0 WHERE id = :id AND lease_owner = :n")
                    .bind("id", call.id()).bind("n", node).execute());
        } finally {
            slots.release();
            wake();
        }
    }

    /** This node's hold on one running call: renewed when due, and the hangup flag read, every 200 ms at most. */
    private final class HeldLease implements CallPlayer.Lease {
        private final String callId;
        private long lastCheck;
        private long until;
        private boolean hangup;

        HeldLease(String callId) {
            this.callId = callId;
            this.until = clock.millis() + LEASE.toMillis();
        }

        @Override
        public boolean hangupRequested() {
            long now = clock.millis();
            if (hangup || now - lastCheck < CHECK_EVERY_MS) {
                return hangup;
            }
            lastCheck = now;
            if (until - now < RENEW_BEFORE.toMillis()) {
                long next = now + LEASE.toMillis();
                if (!db.write(h -> store.renew(h, callId, node, next))) {
                    throw new CallPlayer.LeaseLost(callId);
                }
                until = next;
            }
            hangup = db.read(h -> store.hangupRequestedAt(h, callId)).isPresent();
            return hangup;
        }

        @Override
        public String node() {
            return node;
        }
    }

    /** Ends a call driven from outside the runner (a test call) held by {@code holder}, through the player's end path. */
    void endDriven(CallRecord call, String holder, dev.herald.voice.governed.GovernedCall governed,
                   dev.herald.voice.core.simulation.SimulatedCall played, String failure) {
        player.end(call, new CallPlayer.Lease() {
            @Override
            public boolean hangupRequested() {
                return false;
            }

            @Override
            public String node() {
                return holder;
            }
        }, governed, played, played == null ? clock.instant() : played.endedAt(), failure);
    }

    /** Fails the calls whose node stopped renewing their lease; returns how many. */
    public int recoverLost() {
        int failed = 0;
        for (CallRecord lost : db.read(h -> store.expired(h, clock.millis(), 100))) {
            Long seen = db.read(h -> h.createQuery("SELECT lease_until FROM voice_calls WHERE id = :id")
                    .bind("id", lost.id()).mapTo(Long.class).findOne()).orElse(null);
            if (seen == null) {
                continue;
            }
            boolean done = db.write(h -> {
                long now = clock.millis();
                if (!store.failLost(h, lost.id(), seen, null, now)) {
                    return false;
                }
                Optional<String> head = lost.sessionId() == null ? Optional.empty()
                        : governance.failLost(lost.workspaceId(), lost.sessionId(), "node_lost");
                head.ifPresent(hash -> store.chainHead(h, lost.id(), hash));
                Map<String, Object> ended = new LinkedHashMap<>();
                ended.put("call_id", lost.id());
                ended.put("status", CallRecord.FAILED);
                ended.put("outcome", "failed");
                ended.put("end_reason", "node_lost");
                ended.put("provider_end_code", "herald:lease_expired");
                ended.put("duration_ms", 0);
                ended.put("session_id", lost.sessionId());
                ended.put("chain_head_hash", head.orElse(lost.chainHeadHash()));
                events.append(h, lost.workspaceId(), lost.id(), CallEventType.ENDED, ended);
                webhooks.enqueue(h, lost.workspaceId(), null, "call.ended", ended);
                Map<String, Object> run = new LinkedHashMap<>(ended);
                run.put("lead_id", lost.leadId());
                run.put("profile_id", lost.profileId());
                run.put("profile_version", lost.profileVersion());
                run.put("campaign_id", lost.campaignId());
                run.put("verdict", null);
                run.put("summary", "The call was lost when the node running it stopped; it was not dialled again.");
                events.append(h, lost.workspaceId(), lost.id(), CallEventType.VERDICT, run);
                webhooks.enqueue(h, lost.workspaceId(), null, "agent.run.completed", run);
                return true;
            });
            failed += done ? 1 : 0;
        }
        return failed;
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        wake();
        loop.interrupt();
        calls.shutdownNow();
        try {
            loop.join(5_000);
            calls.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
