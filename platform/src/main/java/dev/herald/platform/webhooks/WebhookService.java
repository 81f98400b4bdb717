package dev.herald.platform.webhooks;

import dev.herald.platform.domain.Conflict;
import dev.herald.platform.domain.Invalid;
import dev.herald.platform.domain.NotFound;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.herald.platform.egress.EgressGuard;
import dev.herald.platform.http.FieldCheck;
import dev.herald.platform.http.Page;
import dev.herald.platform.http.PageRequest;
import dev.herald.platform.events.EventBus;
import dev.herald.platform.store.Database;
import dev.herald.platform.store.Ids;
import dev.herald.platform.store.SecretBox;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Webhook endpoints, the transactional outbox and the delivery log. Every read and write is scoped
 * to a workspace: another workspace's endpoint or delivery is "not found". Secrets are sealed with
 * the install's {@link SecretBox} and shown only in the {@link Created} answer. Thread-safe.
 *
 * <p>Other features report state changes with {@link #enqueue}, passing the handle of the
 * transaction that makes the change: the messages commit or roll back with it, and the
 * {@link WebhookDispatcher} sends them after commit, surviving restarts. The same transaction
 * announces them on the event bus, so a dispatcher wakes the moment they commit.
 */
public final class WebhookService {
    public static final Duration DEFAULT_GRACE = Duration.ofHours(24);
    public static final Duration MAX_GRACE = Duration.ofDays(7);
    private static final String ENDPOINT_COLUMNS = "SELECT id, workspace_id, platform_id, url, description, "
            + "event_types, status, disabled_reason, previous_expires_at, created_at, updated_at FROM webhook_endpoints ";
    private static final String DELIVERY_COLUMNS = "SELECT id, endpoint_id, event_type, status, attempts, "
            + "next_attempt_at, last_status_code, last_error, created_at, completed_at, payload FROM webhook_deliveries ";
    private static final RowMapper<WebhookEndpoint> ENDPOINT = (rs, c) -> new WebhookEndpoint(rs.getString("id"),
            rs.getString("workspace_id"), rs.getString("platform_id"), rs.getString("url"),
            rs.getString("description"), Arrays.asList(rs.getString("event_types").split(" ")),
            rs.getString("status"), rs.getString("disabled_reason"),
            nullableLong(rs, "previous_expires_at"), rs.getLong("created_at"), rs.getLong("updated_at"));
    private static final RowMapper<WebhookDelivery> DELIVERY = (rs, c) -> {
        String status = rs.getString("status");
        return new WebhookDelivery(rs.getString("id"), rs.getString("endpoint_id"), rs.getString("event_type"),
                status, rs.getInt("attempts"),
                WebhookDelivery.PENDING.equals(status) ? rs.getLong("next_attempt_at") : null,
                nullableInt(rs, "last_status_code"), rs.getString("last_error"),
                rs.getLong("created_at"), nullableLong(rs, "completed_at"), rs.getString("payload"),
                null);
    };

    static Long nullableLong(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    static Integer nullableInt(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    private final Database db;
    private final Ids ids;
    private final Clock clock;
    private final SecureRandom random;
    private final SecretBox box;
    private final ObjectMapper mapper;
    private final EgressGuard targets;
    private final EventBus events;
    /** The event types this install emits: platform's own and those the modules above it declared. */
    private final java.util.Set<String> eventTypes;

    /** @param events the bus on which queued messages are announced to every node's dispatcher */
    public WebhookService(Database db, Ids ids, Clock clock, SecureRandom random, SecretBox box, ObjectMapper mapper,
                          EgressGuard targets, EventBus events) {
        this(db, ids, clock, random, box, mapper, targets, events, List.of());
    }

    /**
     * @param extraEventTypes event types other modules emit (the voice module's {@code call.ended}, ...),
     *                        handed in by the composition root so platform never names them
     */
    public WebhookService(Database db, Ids ids, Clock clock, SecureRandom random, SecretBox box, ObjectMapper mapper,
                          EgressGuard targets, EventBus events, List<String> extraEventTypes) {
        java.util.Set<String> types = new java.util.LinkedHashSet<>(WebhookEvents.LIFECYCLE);
        for (String t : extraEventTypes) {
            if (!WebhookEvents.isValidSubscription(t) || "*".equals(t)) {
                throw new IllegalArgumentException("not an event type: " + t);
            }
            types.add(t);
        }
        this.eventTypes = java.util.Collections.unmodifiableSet(types);
        this.db = db;
        this.events = events;
        this.ids = ids;
        this.clock = clock;
        this.random = random;
        this.box = box;
        this.mapper = mapper;
        this.targets = targets;
    }

    Clock clock() {
        return clock;
    }

    /** Every event type this install emits (what an endpoint may subscribe to by name). */
    public java.util.Set<String> eventTypes() {
        return eventTypes;
    }

    /** The body of every message: the event type, when it happened (ISO-8601) and its data. */
    record Envelope(String type, String timestamp, Object data) {
    }

    /** An endpoint and its secret: the only moment the secret exists in clear outside the dispatcher. */
    public record Created(WebhookEndpoint endpoint, WebhookSecret secret) {
    }

    /** What a new endpoint receives. {@code platformId} null: every event of the workspace. */
    public record EndpointSpec(String url, String description, List<String> eventTypes, String platformId) {
    }

    /** Checks an endpoint request, naming each bad field under {@code prefix} (no DNS lookups). */
    public void check(FieldCheck check, String prefix, String url, List<String> eventTypes) {
        checkUrl(check, prefix + "url", url);
        if (eventTypes != null) {
            if (eventTypes.isEmpty() || eventTypes.size() > 50) {
                check.fail(prefix + "event_types", "must list 1 to 50 event types (or \"*\")");
            }
            for (int i = 0; i < eventTypes.size(); i++) {
                if (!WebhookEvents.isValidSubscription(eventTypes.get(i))) {
                    check.fail(prefix + "event_types[" + i + "]", "must be \"*\" or a dotted event type like "
                            + WebhookEvents.AGENT_REVOKED);
                }
            }
        }
    }

    private void checkUrl(FieldCheck check, String field, String url) {
        targets.refusal(url).ifPresent(reason -> check.fail(field, reason));
    }

    /**
     * Refuses a target URL whose host name resolves to an address Herald does not send to (422
     * naming {@code field}). It looks the name up: call it before the write transaction; the
     * checks inside {@link #create} judge the URL alone, never wait on DNS, and report a URL that
     * is wrong on its own together with the request's other field errors.
     */
    public void checkTargetLookup(String field, String url) {
        if (targets.refusal(url).isPresent()) {
            return;
        }
        targets.refusalAfterLookup(url).ifPresent(reason -> {
            throw new Invalid(field, reason);
        });
    }

    /** Creates an endpoint in the caller's transaction (joins the current write if any). */
    public Created create(String workspaceId, EndpointSpec spec) {
        FieldCheck check = new FieldCheck();
        check(check, "", spec.url(), spec.eventTypes());
        if (spec.description() != null && spec.description().length() > 200) {
            check.fail("description", "must be at most 200 characters");
        }
        check.throwIfAny();
        List<String> types = spec.eventTypes() == null ? List.of("*") : List.copyOf(new TreeSet<>(spec.eventTypes()));
        WebhookSecret secret = WebhookSecret.generate(random);
        String id = ids.next("whe");
        long now = clock.millis();
        db.write(h -> h.createUpdate("""
                INSERT INTO webhook_endpoints (id, workspace_id, platform_id, url, description, event_types, status,
                    secret_enc, created_at, updated_at)
                VALUES (:id, :ws, :platform, :url, :description, :types, 'enabled', :secret, :now, :now)""")
                .bind("id", id).bind("ws", workspaceId).bind("platform", spec.platformId()).bind("url", spec.url())
                .bind("description", spec.description()).bind("types", String.join(" ", types))
                .bind("secret", box.seal(secret.reveal(), context(id))).bind("now", now).execute());
        return new Created(get(workspaceId, id), secret);
    }

    private static String context(String endpointId) {
        return "webhook-endpoint:" + endpointId;
    }

    private static String previousContext(String endpointId) {
        return "webhook-endpoint-previous:" + endpointId;
    }

    public WebhookEndpoint get(String workspaceId, String id) {
        return find(workspaceId, id).orElseThrow(() -> new NotFound("webhook endpoint '" + id + "' not found"));
    }

    public Optional<WebhookEndpoint> find(String workspaceId, String id) {
        return db.read(h -> h.createQuery(ENDPOINT_COLUMNS + "WHERE workspace_id = :ws AND id = :id")
                .bind("ws", workspaceId).bind("id", id).map(ENDPOINT).findOne());
    }

    public Page<WebhookEndpoint> list(String workspaceId, PageRequest page) {
        List<WebhookEndpoint> rows = db.read(h -> h.createQuery(ENDPOINT_COLUMNS
                        + "WHERE workspace_id = :ws AND id > :after ORDER BY id LIMIT :n")
                .bind("ws", workspaceId).bind("after", page.afterOrEmpty()).bind("n", page.fetchSize())
                .map(ENDPOINT).list());
        return Page.of(rows, page, WebhookEndpoint::id);
    }

    /** What rotates an endpoint's secret: how long the old one keeps signing (default 24 hours). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Rotation(Long graceSeconds) {
    }

    /**
     * The grace period of {@code seconds}: the default when null, else 0 to {@link #MAX_GRACE}; out
     * of range, the reason is added to {@code check} (as {@code grace_seconds}) and null returned.
     */
    public static Duration grace(FieldCheck check, Long seconds) {
        if (seconds == null) {
            return DEFAULT_GRACE;
        }
        if (seconds < 0 || seconds > MAX_GRACE.toSeconds()) {
            check.fail("grace_seconds", "must be from 0 to " + MAX_GRACE.toSeconds());
            return null;
        }
        return Duration.ofSeconds(seconds);
    }

    /** Rotates the endpoint's secret as {@code rotation} asks; see {@link #rotateSecret(String, String, Duration)}. */
    public Created rotateSecret(String workspaceId, String id, Rotation rotation) {
        FieldCheck check = new FieldCheck();
        Duration grace = grace(check, rotation.graceSeconds());
        check.throwIfAny();
        return rotateSecret(workspaceId, id, grace);
    }

    /**
     * Replaces the endpoint's secret. The old one keeps signing (a second signature in the header)
     * for {@code grace}; zero drops it at once. Returns the new secret, shown once.
     */
    public Created rotateSecret(String workspaceId, String id, Duration grace) {
        if (grace.isNegative() || grace.compareTo(MAX_GRACE) > 0) {
            throw new Invalid("grace_seconds", "must be from 0 to " + MAX_GRACE.toSeconds());
        }
        WebhookSecret fresh = WebhookSecret.generate(random);
        long now = clock.millis();
        db.write(h -> {
            String current = h.createQuery("SELECT secret_enc FROM webhook_endpoints WHERE workspace_id = :ws AND id = :id")
                    .bind("ws", workspaceId).bind("id", id).mapTo(String.class).findOne()
                    .orElseThrow(() -> new NotFound("webhook endpoint '" + id + "' not found"));
            boolean keep = !grace.isZero();
            String previous = keep ? box.seal(box.open(current, context(id)), previousContext(id)) : null;
            return h.createUpdate("""
                    UPDATE webhook_endpoints SET secret_enc = :secret, previous_secret_enc = :previous,
                        previous_expires_at = :until, updated_at = :now WHERE workspace_id = :ws AND id = :id""")
                    .bind("secret", box.seal(fresh.reveal(), context(id))).bind("previous", previous)
                    .bind("until", keep ? (Long) (now + grace.toMillis()) : null).bind("now", now)
                    .bind("ws", workspaceId).bind("id", id).execute();
        });
        return new Created(get(workspaceId, id), fresh);
    }

    /** Enables or disables an endpoint. Disabled endpoints get no new messages; queued ones wait. */
    public WebhookEndpoint setStatus(String workspaceId, String id, boolean enabled, String reason) {
        int n = db.write(h -> h.createUpdate("""
                UPDATE webhook_endpoints SET status = :status, disabled_reason = :reason, updated_at = :now
                WHERE workspace_id = :ws AND id = :id""")
                .bind("status", enabled ? WebhookEndpoint.ENABLED : WebhookEndpoint.DISABLED)
                .bind("reason", enabled ? null : reason).bind("now", clock.millis())
                .bind("ws", workspaceId).bind("id", id).execute());
        if (n == 0) {
            throw new NotFound("webhook endpoint '" + id + "' not found");
        }
        return get(workspaceId, id);
    }

    /** Points an endpoint at a new URL (a platform changing its callback URL). */
    public WebhookEndpoint setUrl(String workspaceId, String id, String url) {
        FieldCheck check = new FieldCheck();
        checkUrl(check, "callback_url", url);
        check.throwIfAny();
        db.write(h -> h.createUpdate("UPDATE webhook_endpoints SET url = :url, updated_at = :now "
                        + "WHERE workspace_id = :ws AND id = :id")
                .bind("url", url).bind("now", clock.millis()).bind("ws", workspaceId).bind("id", id).execute());
        return get(workspaceId, id);
    }

    /**
     * Queues {@code type} with {@code data} for every enabled endpoint of the workspace that
     * subscribes to it, inside the transaction of {@code h}. An endpoint bound to a platform gets
     * only that platform's events. Returns the message ids (one per endpoint). When there is at
     * least one, every node's dispatcher is woken once the transaction commits.
     *
     * @param platformId the platform the event concerns, or null for a workspace-wide event
     */
    public List<String> enqueue(Handle h, String workspaceId, String platformId, String type, Object data) {
        if (!eventTypes.contains(type)) {
            throw new IllegalArgumentException("not an event type of this install: " + type);
        }
        long now = clock.millis();
        String payload;
        try {
            payload = mapper.writeValueAsString(new Envelope(type, Instant.ofEpochMilli(now).toString(), data));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event data is not serializable: " + e.getOriginalMessage(), e);
        }
        List<WebhookEndpoint> targets = h.createQuery(ENDPOINT_COLUMNS
                        + "WHERE workspace_id = :ws AND status = 'enabled' AND (platform_id IS NULL OR platform_id = :p)")
                .bind("ws", workspaceId).bind("p", platformId == null ? "" : platformId)
                .map(ENDPOINT).list();
        List<String> messageIds = new ArrayList<>();
        for (WebhookEndpoint endpoint : targets) {
            if (!endpoint.receives(type)) {
                continue;
            }
            String id = ids.next("msg");
            h.createUpdate("""
                    INSERT INTO webhook_deliveries (id, workspace_id, endpoint_id, event_type, payload, status,
                        attempts, run_attempts, next_attempt_at, created_at, updated_at)
                    VALUES (:id, :ws, :endpoint, :type, :payload, 'pending', 0, 0, :now, :now, :now)""")
                    .bind("id", id).bind("ws", workspaceId).bind("endpoint", endpoint.id()).bind("type", type)
                    .bind("payload", payload).bind("now", now).execute();
            messageIds.add(id);
        }
        if (!messageIds.isEmpty()) {
            announce(h);
        }
        return messageIds;
    }

    /** The delivery log, newest first, optionally for one endpoint and/or one status. */
    public Page<WebhookDelivery> deliveries(String workspaceId, String endpointId, String status, PageRequest page) {
        if (status != null && !List.of(WebhookDelivery.PENDING, WebhookDelivery.SUCCEEDED, WebhookDelivery.FAILED)
                .contains(status)) {
            throw new Invalid("status", "must be pending, succeeded or failed");
        }
        if (endpointId != null) {
            get(workspaceId, endpointId);
        }
        String before = page.after() == null ? "~" : page.after();
        List<WebhookDelivery> rows = db.read(h -> h.createQuery(DELIVERY_COLUMNS
                        + "WHERE workspace_id = :ws AND id < :before"
                        + (endpointId == null ? "" : " AND endpoint_id = :endpoint")
                        + (status == null ? "" : " AND status = :status")
                        + " ORDER BY id DESC LIMIT :n")
                .bind("ws", workspaceId).bind("before", before).bind("endpoint", endpointId).bind("status", status)
                .bind("n", page.fetchSize()).map(DELIVERY).list());
        return Page.of(rows, page, WebhookDelivery::id);
    }

    /** One delivery with its attempts. */
    public WebhookDelivery delivery(String workspaceId, String id) {
        return db.read(h -> h.createQuery(DELIVERY_COLUMNS + "WHERE workspace_id = :ws AND id = :id")
                .bind("ws", workspaceId).bind("id", id).map(DELIVERY).findOne()
                .map(d -> d.withAttempts(h.createQuery("""
                        SELECT attempt_no, attempted_at, status_code, error, duration_ms, manual FROM webhook_attempts
                        WHERE delivery_id = :id ORDER BY attempt_no""")
                        .bind("id", id)
                        .map((rs, c) -> new WebhookDelivery.Attempt(rs.getInt("attempt_no"), rs.getLong("attempted_at"),
                                nullableInt(rs, "status_code"), rs.getString("error"),
                                rs.getLong("duration_ms"), rs.getInt("manual") == 1))
                        .list())))
                .orElseThrow(() -> new NotFound("webhook delivery '" + id + "' not found"));
    }

    /**
     * Queues the same message (same {@code webhook-id}, same body) again, now, as a new retry run.
     * 409 while it is already queued, or when its endpoint is disabled.
     */
    public WebhookDelivery redeliver(String workspaceId, String id) {
        db.write(h -> {
            WebhookDelivery d = h.createQuery(DELIVERY_COLUMNS + "WHERE workspace_id = :ws AND id = :id")
                    .bind("ws", workspaceId).bind("id", id).map(DELIVERY).findOne()
                    .orElseThrow(() -> new NotFound("webhook delivery '" + id + "' not found"));
            if (WebhookDelivery.PENDING.equals(d.status())) {
                throw new Conflict("delivery '" + id + "' is already queued");
            }
            WebhookEndpoint endpoint = get(workspaceId, d.endpointId());
            if (!WebhookEndpoint.ENABLED.equals(endpoint.status())) {
                throw new Conflict("endpoint '" + endpoint.id() + "' is disabled; enable it first");
            }
            h.createUpdate("""
                    UPDATE webhook_deliveries SET status = 'pending', run_attempts = 0, next_attempt_at = :now,
                        manual_pending = 1, lease_owner = NULL, lease_until = NULL, completed_at = NULL, updated_at = :now
                    WHERE id = :id""")
                    .bind("now", clock.millis()).bind("id", id).execute();
            announce(h);
            return null;
        });
        return delivery(workspaceId, id);
    }

    /** Wakes every node's dispatcher once the transaction of {@code h} commits. */
    private void announce(Handle h) {
        events.publish(h, WebhookDispatcher.CHANNEL, "queued");
    }

    /** Secrets that sign a message to {@code endpointId} now: the current one, then one in its grace period. */
    List<WebhookSecret> signingSecrets(Handle h, String endpointId, long nowMillis) {
        return h.createQuery("SELECT secret_enc, previous_secret_enc, previous_expires_at FROM webhook_endpoints WHERE id = :id")
                .bind("id", endpointId)
                .map((rs, c) -> {
                    List<WebhookSecret> out = new ArrayList<>();
                    out.add(WebhookSecret.parse(box.open(rs.getString("secret_enc"), context(endpointId))));
                    Long until = nullableLong(rs, "previous_expires_at");
                    String previous = rs.getString("previous_secret_enc");
                    if (previous != null && until != null && until > nowMillis) {
                        out.add(WebhookSecret.parse(box.open(previous, previousContext(endpointId))));
                    }
                    return out;
                })
                .one();
    }
}
