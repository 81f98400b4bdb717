package dev.herald.governance.platforms;

import dev.herald.platform.domain.Conflict;
import dev.herald.platform.domain.NotFound;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.herald.platform.auth.ApiKeyService;
import dev.herald.platform.auth.Caller;
import dev.herald.platform.auth.IssuedKey;
import dev.herald.platform.auth.Project;
import dev.herald.platform.auth.ProjectService;
import dev.herald.platform.http.FieldCheck;
import dev.herald.platform.http.Page;
import dev.herald.platform.http.PageRequest;
import dev.herald.platform.store.Database;
import dev.herald.platform.store.Ids;
import dev.herald.platform.store.SecretBox;
import dev.herald.platform.webhooks.WebhookEvents;
import dev.herald.platform.webhooks.WebhookService;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Voice platforms: registration (API key, signing secret and webhook secret, each shown once),
 * secret rotation, the approved voice policy, disabling. A platform belongs to one project of the
 * workspace; an admin key sees every platform of its workspace, a project key those of its project
 * (a platform's own key therefore sees itself). Anything else is "not found". Thread-safe.
 */
public final class PlatformService {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PlatformService.class);
    private static final String COLUMNS = "SELECT p.id, p.workspace_id, p.project_id, p.surface, p.name, "
            + "p.callback_url, p.status, p.api_key_id, p.endpoint_id, p.voice_policy, p.policy_approved_by, "
            + "p.policy_approved_at, p.created_at, p.updated_at FROM platforms p ";

    private final Database db;
    private final Ids ids;
    private final Clock clock;
    private final SecureRandom random;
    private final SecretBox box;
    private final ObjectMapper mapper;
    private final ProjectService projects;
    private final ApiKeyService apiKeys;
    private final WebhookService webhooks;
    private final RowMapper<Platform> rows;

    public PlatformService(Database db, Ids ids, Clock clock, SecureRandom random, SecretBox box, ObjectMapper mapper,
                           ProjectService projects, ApiKeyService apiKeys, WebhookService webhooks) {
        this.db = db;
        this.ids = ids;
        this.clock = clock;
        this.random = random;
        this.box = box;
        this.mapper = mapper;
        this.projects = projects;
        this.apiKeys = apiKeys;
        this.webhooks = webhooks;
        this.rows = (rs, c) -> new Platform(rs.getString("id"), rs.getString("workspace_id"),
                rs.getString("project_id"), rs.getString("surface"), rs.getString("name"),
                rs.getString("callback_url"), rs.getString("status"), rs.getString("api_key_id"),
                rs.getString("endpoint_id"), policy(rs.getString("voice_policy"), rs.getString("policy_approved_by"),
                rs.getLong("policy_approved_at")), rs.getLong("created_at"), rs.getLong("updated_at"));
    }

    private VoicePolicy policy(String json, String approvedBy, long approvedAt) {
        if (json == null) {
            return VoicePolicy.DEFAULT;
        }
        try {
            StoredPolicy p = mapper.readValue(json, StoredPolicy.class);
            return new VoicePolicy(p.requiredSessionScopes(), p.actionScopes(), p.proofRequired(),
                    Boolean.TRUE.equals(p.proofRequiredOnEveryTurn()), approvedBy, approvedAt);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored voice policy is unreadable", e);
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record StoredPolicy(List<String> requiredSessionScopes, Map<String, String> actionScopes, boolean proofRequired,
                        Boolean proofRequiredOnEveryTurn) {
    }

    /** A registration request. {@code project} (id or name) is required for admin keys. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Registration(String surface, String name, String callbackUrl, String project) {
    }

    /** A new platform and its three secrets: the only time they exist in clear. */
    public record Registered(Platform platform, String apiKey, String signingSecret, String webhookSecret) {
        @Override
        public String toString() {
            return "Registered[platform=" + platform.id() + ", secrets=***]";
        }
    }

    /**
     * Refuses a callback URL whose host name resolves to an address Herald does not send to. It
     * looks the name up, so the route calls it before the registration's transaction.
     */
    public void checkCallbackLookup(String callbackUrl) {
        webhooks.checkTargetLookup("callback_url", callbackUrl);
    }

    /** Registers a platform, its key, its callback endpoint and its {@code platform.registered} event in one transaction. */
    public Registered register(Caller caller, Registration r) {
        FieldCheck check = new FieldCheck();
        if (!Platform.VOICE.equals(r.surface())) {
            check.fail("surface", "must be \"voice\"");
        }
        check.name("name", r.name());
        webhooks.check(check, "callback_", r.callbackUrl(), null);
        if (caller.projectId() == null && (r.project() == null || r.project().isBlank())) {
            check.fail("project", "is required with an admin key (the platform's API key is bound to it)");
        }
        check.throwIfAny();
        Project project = projects.resolve(caller, caller.projectId() != null && r.project() == null
                ? caller.projectId() : r.project(), "project");
        try {
            return db.write(h -> insert(h, caller, project, r));
        } catch (RuntimeException e) {
            if (Database.isUniqueViolation(e)) {
                throw new Conflict("a platform named '" + r.name() + "' already exists in this workspace");
            }
            throw e;
        }
    }

    private Registered insert(Handle h, Caller caller, Project project, Registration r) {
        String id = ids.next("plt");
        IssuedKey key = apiKeys.issueForPlatform(project, "platform " + r.name());
        WebhookService.Created endpoint = webhooks.create(caller.workspaceId(), new WebhookService.EndpointSpec(
                r.callbackUrl(), "callback of platform " + r.name(), List.of("*"), id));
        String signing = PlatformSecrets.newSigningSecret(random);
        long now = clock.millis();
        h.createUpdate("""
                INSERT INTO platforms (id, workspace_id, project_id, surface, name, callback_url, status, api_key_id,
                    endpoint_id, signing_secret_enc, created_at, updated_at)
                VALUES (:id, :ws, :project, :surface, :name, :url, 'active', :key, :endpoint, :signing, :now, :now)""")
                .bind("id", id).bind("ws", caller.workspaceId()).bind("project", project.id())
                .bind("surface", r.surface()).bind("name", r.name()).bind("url", r.callbackUrl())
                .bind("key", key.id()).bind("endpoint", endpoint.endpoint().id())
                .bind("signing", box.seal(signing, signingContext(id))).bind("now", now).execute();
        Platform platform = find(h, caller, id).orElseThrow();
        webhooks.enqueue(h, caller.workspaceId(), id, WebhookEvents.PLATFORM_REGISTERED, RegisteredEvent.of(platform));
        log.info("platform {} ({}) registered in workspace {} with key {} and callback endpoint {}", id, r.name(),
                caller.workspaceId(), key.id(), endpoint.endpoint().id());
        return new Registered(platform, key.secret().reveal(), signing, endpoint.secret().reveal());
    }

    /** The data of a {@code platform.registered} event. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RegisteredEvent(String platformId, String name, String surface, String projectId, String callbackUrl) {
        static RegisteredEvent of(Platform p) {
            return new RegisteredEvent(p.id(), p.name(), p.surface(), p.projectId(), p.callbackUrl());
        }
    }

    private static String signingContext(String platformId) {
        return "platform-signing:" + platformId;
    }

    private Optional<Platform> find(Handle h, Caller caller, String id) {
        return h.createQuery(COLUMNS + "WHERE p.workspace_id = :ws AND p.id = :id"
                        + (caller.projectId() == null ? "" : " AND p.project_id = :project"))
                .bind("ws", caller.workspaceId()).bind("id", id).bind("project", caller.projectId())
                .map(rows).findOne();
    }

    public Platform get(Caller caller, String id) {
        return db.read(h -> find(h, caller, id))
                .orElseThrow(() -> new NotFound("platform '" + id + "' not found"));
    }

    /** A platform by id within a workspace (internal lookups, no caller scoping). */
    public Optional<Platform> byId(String workspaceId, String id) {
        return db.read(h -> h.createQuery(COLUMNS + "WHERE p.workspace_id = :ws AND p.id = :id")
                .bind("ws", workspaceId).bind("id", id).map(rows).findOne());
    }

    /** The platform whose own API key is making the call, if the caller is a platform. */
    public Optional<Platform> ofCaller(Caller caller) {
        return db.read(h -> h.createQuery(COLUMNS + "WHERE p.workspace_id = :ws AND p.api_key_id = :key")
                .bind("ws", caller.workspaceId()).bind("key", caller.keyId()).map(rows).findOne());
    }

    public Page<Platform> list(Caller caller, PageRequest page) {
        List<Platform> found = db.read(h -> h.createQuery(COLUMNS + "WHERE p.workspace_id = :ws AND p.id > :after"
                        + (caller.projectId() == null ? "" : " AND p.project_id = :project")
                        + " ORDER BY p.id LIMIT :n")
                .bind("ws", caller.workspaceId()).bind("after", page.afterOrEmpty())
                .bind("project", caller.projectId()).bind("n", page.fetchSize()).map(rows).list());
        return Page.of(found, page, Platform::id);
    }

    /** Which secret a rotation replaces. */
    public enum SecretKind {
        API_KEY("api_key"), SIGNING_SECRET("signing_secret"), WEBHOOK_SECRET("webhook_secret");

        private final String wire;

        SecretKind(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        public static Optional<SecretKind> fromWire(String s) {
            for (SecretKind k : values()) {
                if (k.wire.equals(s)) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }
    }

    /** A rotated secret, shown once. */
    public record Rotated(Platform platform, SecretKind kind, String secret, Long previousValidUntil) {
        @Override
        public String toString() {
            return "Rotated[platform=" + platform.id() + ", kind=" + kind + ", secret=***]";
        }
    }

    /**
     * Replaces one secret. The old API key and signing secret stop working at once; the old webhook
     * secret keeps signing (a second signature) for the rotation's grace period.
     */
    public Rotated rotate(Caller caller, String id, SecretRotation rotation) {
        FieldCheck check = new FieldCheck().required("secret", rotation.secret());
        SecretKind kind = SecretKind.fromWire(rotation.secret()).orElse(null);
        if (kind == null && rotation.secret() != null && !rotation.secret().isBlank()) {
            check.fail("secret", "must be api_key, signing_secret or webhook_secret");
        }
        boolean graceApplies = kind == null || kind == SecretKind.WEBHOOK_SECRET;
        if (rotation.graceSeconds() != null && !graceApplies) {
            check.fail("grace_seconds", "applies to webhook_secret only");
        }
        Duration grace = graceApplies ? WebhookService.grace(check, rotation.graceSeconds()) : WebhookService.DEFAULT_GRACE;
        check.throwIfAny();
        return db.write(h -> {
            Platform p = find(h, caller, id).orElseThrow(() -> new NotFound("platform '" + id + "' not found"));
            requireActive(p);
            long now = clock.millis();
            log.info("platform {} rotating its {} (by key {})", id, kind.wire(), caller.keyId());
            return switch (kind) {
                case API_KEY -> {
                    Project project = projects.resolve(caller, p.projectId(), "project");
                    IssuedKey key = apiKeys.issueForPlatform(project, "platform " + p.name());
                    apiKeys.revoke(p.workspaceId(), p.apiKeyId());
                    h.createUpdate("UPDATE platforms SET api_key_id = :key, updated_at = :now WHERE id = :id")
                            .bind("key", key.id()).bind("now", now).bind("id", id).execute();
                    yield new Rotated(find(h, caller, id).orElseThrow(), kind, key.secret().reveal(), null);
                }
                case SIGNING_SECRET -> {
                    String signing = PlatformSecrets.newSigningSecret(random);
                    h.createUpdate("UPDATE platforms SET signing_secret_enc = :s, updated_at = :now WHERE id = :id")
                            .bind("s", box.seal(signing, signingContext(id))).bind("now", now).bind("id", id).execute();
                    yield new Rotated(find(h, caller, id).orElseThrow(), kind, signing, null);
                }
                case WEBHOOK_SECRET -> {
                    WebhookService.Created rotated = webhooks.rotateSecret(p.workspaceId(), p.webhookEndpointId(), grace);
                    yield new Rotated(p, kind, rotated.secret().reveal(), rotated.endpoint().previousSecretUntil());
                }
            };
        });
    }

    private static void requireActive(Platform p) {
        if (!p.isActive()) {
            throw new Conflict("platform '" + p.id() + "' is disabled");
        }
    }

    /** Disables a platform: its API key is revoked and its callback endpoint stops receiving. */
    public Platform disable(Caller caller, String id) {
        return db.write(h -> {
            Platform p = find(h, caller, id).orElseThrow(() -> new NotFound("platform '" + id + "' not found"));
            if (!p.isActive()) {
                return p;
            }
            apiKeys.revoke(p.workspaceId(), p.apiKeyId());
            webhooks.setStatus(p.workspaceId(), p.webhookEndpointId(), false, "platform disabled");
            h.createUpdate("UPDATE platforms SET status = 'disabled', updated_at = :now WHERE id = :id")
                    .bind("now", clock.millis()).bind("id", id).execute();
            log.info("platform {} disabled by key {}", id, caller.keyId());
            return find(h, caller, id).orElseThrow();
        });
    }

    /** The organization approves a voice policy for the platform; members left null keep the default. */
    public Platform approvePolicy(Caller caller, String id, VoicePolicyApproval approval) {
        List<String> sessionScopes = approval.requiredSessionScopes();
        Map<String, String> actionScopes = approval.actionScopes();
        VoicePolicy d = VoicePolicy.DEFAULT;
        boolean proof = approval.proofRequired() == null ? d.proofRequired() : approval.proofRequired();
        boolean everyTurn = approval.proofRequiredOnEveryTurn() == null
                ? d.proofRequiredOnEveryTurn() : approval.proofRequiredOnEveryTurn();
        FieldCheck check = new FieldCheck();
        VoicePolicy.check(check, sessionScopes, actionScopes, proof, everyTurn);
        check.throwIfAny();
        StoredPolicy stored = new StoredPolicy(sessionScopes == null ? d.requiredSessionScopes() : sessionScopes,
                actionScopes == null ? d.actionScopes() : actionScopes, proof, everyTurn);
        String json;
        try {
            json = mapper.writeValueAsString(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return db.write(h -> {
            Platform p = find(h, caller, id).orElseThrow(() -> new NotFound("platform '" + id + "' not found"));
            requireActive(p);
            long now = clock.millis();
            h.createUpdate("""
                    UPDATE platforms SET voice_policy = :policy, policy_approved_by = :by, policy_approved_at = :now,
                        updated_at = :now WHERE id = :id""")
                    .bind("policy", json).bind("by", caller.keyId()).bind("now", now).bind("id", id).execute();
            return find(h, caller, id).orElseThrow();
        });
    }

    /**
     * Checks a request the platform signed with its signing secret: {@code v1,<base64 HMAC-SHA256
     * of "{id}.{timestamp}.{body}">}, the Standard Webhooks construction. Constant-time comparison.
     */
    public boolean verifyRequestSignature(Platform platform, String messageId, long timestamp, byte[] body,
                                          String signatureHeader) {
        String sealed = db.read(h -> h.createQuery("SELECT signing_secret_enc FROM platforms WHERE id = :id")
                .bind("id", platform.id()).mapTo(String.class).one());
        String secret = box.open(sealed, signingContext(platform.id()));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
            mac.update((messageId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            byte[] expected = ("v1," + Base64.getEncoder().encodeToString(mac.doFinal(body)))
                    .getBytes(StandardCharsets.US_ASCII);
            for (String candidate : signatureHeader == null ? new String[0] : signatureHeader.split(" ")) {
                if (MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.US_ASCII))) {
                    return true;
                }
            }
            return false;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every JDK", e);
        }
    }
}
