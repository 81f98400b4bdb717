package dev.herald.voice.governed;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.governance.policy.NewPolicy;
import dev.herald.governance.policy.Policy;
import dev.herald.governance.policy.PolicyDocument;
import dev.herald.governance.policy.PolicyService;
import dev.herald.governance.realtime.NewSidecarKey;
import dev.herald.governance.realtime.SidecarKeyService;
import dev.herald.platform.auth.Project;
import dev.herald.platform.auth.ProjectService;
import dev.herald.platform.store.Database;
import dev.herald.platform.store.SecretBox;
import dev.herald.ratify.crypto.Ed25519s;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What governs a workspace's calls, set up on its first call in one transaction: the project
 * {@value #PROJECT}, Herald's own Ed25519 sidecar key (registered in that project; its seed sealed
 * with the install's {@link SecretBox}) and the voice policy. Two nodes setting up the same
 * workspace at once race on the {@code voice_governance} primary key: the loser's transaction
 * rolls back whole (project, key and policy with it) and it reads the winner's row. The row never
 * changes once written, so each node keeps it in memory. Thread-safe.
 */
public final class WorkspaceGovernance {
    public static final String PROJECT = "voice";
    public static final String POLICY_NAME = "voice-calls";

    /** The workspace's governance: its project, sidecar key and policy. */
    public record Setup(String workspaceId, String projectId, String sidecarKeyId, SidecarSeed seed, String policyId) {
    }

    /** The sidecar key's 32-byte Ed25519 seed; never printed. */
    public static final class SidecarSeed {
        private final byte[] seed;

        SidecarSeed(byte[] seed) {
            this.seed = seed.clone();
        }

        byte[] sign(byte[] message) {
            return Ed25519s.sign(seed, message);
        }

        byte[] publicKey() {
            return Ed25519s.publicKey(seed);
        }

        @Override
        public String toString() {
            return "SidecarSeed[redacted]";
        }
    }

    private final Database db;
    private final Clock clock;
    private final SecureRandom random;
    private final ObjectMapper mapper;
    private final ProjectService projects;
    private final SidecarKeyService sidecarKeys;
    private final PolicyService policies;
    private final SecretBox secrets;
    private final Map<String, Setup> known = new ConcurrentHashMap<>();

    public WorkspaceGovernance(Database db, Clock clock, SecureRandom random, ObjectMapper mapper,
                               ProjectService projects, SidecarKeyService sidecarKeys, PolicyService policies,
                               SecretBox secrets) {
        this.db = db;
        this.clock = clock;
        this.random = random;
        this.mapper = mapper;
        this.projects = projects;
        this.sidecarKeys = sidecarKeys;
        this.policies = policies;
        this.secrets = secrets;
    }

    /** The workspace's governance, set up now if this is its first call. Not inside a transaction. */
    public Setup of(String workspaceId) {
        Setup setup = known.get(workspaceId);
        if (setup != null) {
            return setup;
        }
        setup = find(workspaceId).orElseGet(() -> create(workspaceId));
        known.put(workspaceId, setup);
        return setup;
    }

    /** The voice policy each workspace starts with: the AI disclosure and recording consent rules. */
    public ObjectNode defaultPolicy() {
        ObjectNode p = mapper.createObjectNode();
        p.put("description", "Herald voice calls: the agent discloses it is an AI in its first turn, "
                + "and nothing is recorded before the callee consents.");
        p.put("require_ai_disclosure", true);
        p.put("require_explicit_consent", true);
        return p;
    }

    private Optional<Setup> find(String workspaceId) {
        return db.read(h -> h.createQuery("SELECT project_id, sidecar_key_id, sealed_sidecar_seed, policy_id "
                        + "FROM voice_governance WHERE workspace_id = :w")
                .bind("w", workspaceId)
                .map((rs, c) -> new Setup(workspaceId, rs.getString("project_id"), rs.getString("sidecar_key_id"),
                        new SidecarSeed(Base64.getDecoder().decode(
                                secrets.open(rs.getString("sealed_sidecar_seed"), context(workspaceId)))),
                        rs.getString("policy_id")))
                .findOne());
    }

    private Setup create(String workspaceId) {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        SidecarSeed seed = new SidecarSeed(raw);
        String keyId = "herald-voice-" + Long.toHexString(random.nextLong() & Long.MAX_VALUE);
        try {
            return db.write(h -> {
                Project project = projects.findOrCreate(workspaceId, PROJECT);
                sidecarKeys.register(workspaceId, project.id(), new NewSidecarKey(keyId, "ed25519",
                        "ed25519:" + Base64.getEncoder().encodeToString(seed.publicKey())));
                Policy policy = policies.create(workspaceId, project.id(),
                        new NewPolicy(POLICY_NAME, PolicyDocument.of(defaultPolicy())));
                h.createUpdate("INSERT INTO voice_governance (workspace_id, project_id, sidecar_key_id, "
                                + "sealed_sidecar_seed, policy_id, created_at) VALUES (:w, :p, :k, :s, :pol, :t)")
                        .bind("w", workspaceId).bind("p", project.id()).bind("k", keyId)
                        .bind("s", secrets.seal(Base64.getEncoder().encodeToString(raw), context(workspaceId)))
                        .bind("pol", policy.id()).bind("t", clock.millis()).execute();
                return new Setup(workspaceId, project.id(), keyId, seed, policy.id());
            });
        } catch (RuntimeException e) {
            if (Database.isUniqueViolation(e)) {
                return find(workspaceId).orElseThrow(() -> e);
            }
            throw e;
        }
    }

    private static String context(String workspaceId) {
        return "voice_governance.sidecar_seed:" + workspaceId;
    }
}
