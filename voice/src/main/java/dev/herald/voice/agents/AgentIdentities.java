package dev.herald.voice.agents;

import dev.herald.platform.domain.NotFound;
import dev.herald.platform.store.Database;
import dev.herald.platform.store.SecretBox;
import dev.herald.ratify.Bytes;
import dev.herald.ratify.DelegationCert;
import dev.herald.ratify.HybridKeyPair;
import dev.herald.ratify.Issuer;
import dev.herald.ratify.KeyPairFile;
import dev.herald.ratify.ProofBundle;
import dev.herald.ratify.RatifyJson;
import dev.herald.voice.core.profile.Tool;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * The Ratify identities of voice agents. Each workspace has one root key pair (its "human root"
 * in Ratify's terms: the organization the agents speak for); each profile has an agent key pair
 * and a delegation cert root -> agent granting {@link AgentScopes#forTools the scopes its tools
 * need}. Private keys never leave Herald: their seeds are sealed with the install's {@link SecretBox},
 * bound to the row they belong to. Certs are "until revoked" and re-issued whenever the tools
 * change the scopes, so the cert a call presents always matches the profile version it runs.
 * Thread-safe; writes run in the caller's transaction.
 */
public final class AgentIdentities {
    private static final String ROOT = "";
    private static final String AGENT_TYPE = "voice_agent";

    private final Database db;
    private final Clock clock;
    private final SecretBox secrets;
    private final Issuer issuer;

    public AgentIdentities(Database db, Clock clock, SecureRandom random, SecretBox secrets) {
        this.db = db;
        this.clock = clock;
        this.secrets = secrets;
        this.issuer = new Issuer(clock, random);
    }

    /** One stored key: its pair (opened) and, for an agent, its cert and scopes. */
    private record Row(String keyId, String sealedSeeds, List<String> scopes, String cert) {}

    /**
     * Makes sure the profile's agent exists and holds exactly the scopes {@code tools} need:
     * creates the workspace root and the agent on first use, re-issues the cert when the scopes
     * changed, and leaves everything as it is otherwise. Runs in the caller's transaction.
     *
     * @return the agent's Ratify id
     */
    public String ensure(Handle h, String workspaceId, String profileId, String agentName, Set<Tool> tools) {
        if (profileId.isEmpty()) {
            throw new IllegalArgumentException("a profile id is required");
        }
        HybridKeyPair root = rootKey(h, workspaceId);
        List<String> scopes = AgentScopes.forTools(tools);
        long now = clock.millis();
        Optional<Row> existing = find(h, workspaceId, profileId);
        if (existing.isPresent() && existing.get().scopes().equals(scopes)) {
            return existing.get().keyId();
        }
        HybridKeyPair agent = existing.map(r -> open(r, workspaceId, profileId).keyPair())
                .orElseGet(issuer::generateKeyPair);
        DelegationCert cert = issuer.delegate(root, agent.publicKey(), scopes, List.of(), null);
        String certJson = utf8(RatifyJson.encode(cert));
        if (existing.isPresent()) {
            h.createUpdate("UPDATE voice_agent_identities SET scopes = :s, cert = :c, updated_at = :t "
                            + "WHERE workspace_id = :w AND profile_id = :p")
                    .bind("s", String.join(" ", scopes)).bind("c", certJson).bind("t", now)
                    .bind("w", workspaceId).bind("p", profileId).execute();
        } else {
            KeyPairFile file = KeyPairFile.agent(agent, agentName.isBlank() ? "agent" : agentName, AGENT_TYPE,
                    issuer.now());
            insert(h, workspaceId, profileId, file, scopes, certJson, now);
        }
        return agent.id();
    }

    /** The agent's Ratify id (NotFound when the profile has no agent in this workspace). */
    public String agentId(String workspaceId, String profileId) {
        return db.read(h -> find(h, workspaceId, profileId)).map(Row::keyId)
                .orElseThrow(() -> notFound(profileId));
    }

    /** The agent's public identity: id, key, scopes and cert, and its root's id and key. */
    public AgentIdentity identity(String workspaceId, String profileId) {
        return db.read(h -> {
            Row agent = find(h, workspaceId, profileId).orElseThrow(() -> notFound(profileId));
            DelegationCert cert = RatifyJson.decodeDelegationCert(agent.cert().getBytes(StandardCharsets.UTF_8));
            return new AgentIdentity(agent.keyId(), cert.subjectPubKey(), agent.scopes(), cert, cert.issuerId(),
                    cert.issuerPubKey());
        });
    }

    /**
     * A proof bundle (SPEC 5.8) in which the profile's agent answers {@code challenge} over its
     * one-cert chain, bound to {@code sessionContext} when given (SPEC 6.4.9).
     */
    public ProofBundle present(String workspaceId, String profileId, Bytes challenge, Bytes sessionContext) {
        Row row = db.read(h -> find(h, workspaceId, profileId)).orElseThrow(() -> notFound(profileId));
        HybridKeyPair agent = open(row, workspaceId, profileId).keyPair();
        DelegationCert cert = RatifyJson.decodeDelegationCert(row.cert().getBytes(StandardCharsets.UTF_8));
        Issuer.Binding binding = sessionContext == null || sessionContext.isEmpty() ? Issuer.Binding.NONE
                : Issuer.Binding.session(sessionContext);
        return issuer.present(agent, List.of(cert), challenge, binding);
    }

    /**
     * The workspace's root, created on first use. Two first uses racing on PostgreSQL both try to
     * insert it: the conflict clause keeps the first, and both go on with the stored one.
     */
    private HybridKeyPair rootKey(Handle h, String workspaceId) {
        Optional<Row> root = find(h, workspaceId, ROOT);
        if (root.isEmpty()) {
            insert(h, workspaceId, ROOT, KeyPairFile.humanRoot(issuer.generateKeyPair(), issuer.now()), List.of(), null,
                    clock.millis());
            root = find(h, workspaceId, ROOT);
        }
        return open(root.orElseThrow(), workspaceId, ROOT).keyPair();
    }

    private void insert(Handle h, String workspaceId, String profileId, KeyPairFile file, List<String> scopes,
                        String certJson, long now) {
        HybridKeyPair kp = file.keyPair();
        h.createUpdate("INSERT INTO voice_agent_identities (workspace_id, profile_id, key_id, public_key, "
                        + "sealed_seeds, scopes, cert, created_at, updated_at) "
                        + "VALUES (:w, :p, :k, :pub, :seeds, :s, :c, :t, :t) "
                        + "ON CONFLICT (workspace_id, profile_id) DO NOTHING")
                .bind("w", workspaceId).bind("p", profileId).bind("k", kp.id())
                .bind("pub", utf8(RatifyJson.encode(kp.publicKey())))
                .bind("seeds", secrets.seal(utf8(RatifyJson.encode(file)), context(workspaceId, profileId)))
                .bind("s", String.join(" ", scopes)).bind("c", certJson).bind("t", now).execute();
    }

    private Optional<Row> find(Handle h, String workspaceId, String profileId) {
        return h.createQuery("SELECT key_id, sealed_seeds, scopes, cert FROM voice_agent_identities "
                        + "WHERE workspace_id = :w AND profile_id = :p")
                .bind("w", workspaceId).bind("p", profileId)
                .map((rs, c) -> new Row(rs.getString("key_id"), rs.getString("sealed_seeds"),
                        rs.getString("scopes").isEmpty() ? List.of() : Arrays.asList(rs.getString("scopes").split(" ")),
                        rs.getString("cert")))
                .findOne();
    }

    private KeyPairFile open(Row row, String workspaceId, String profileId) {
        String file = secrets.open(row.sealedSeeds(), context(workspaceId, profileId));
        return RatifyJson.decodeKeyPairFile(file.getBytes(StandardCharsets.UTF_8));
    }

    /** The associated data of a sealed key: a key copied into another row does not open. */
    private static String context(String workspaceId, String profileId) {
        return "voice_agent_identities/" + workspaceId + "/" + (profileId.isEmpty() ? "root" : profileId);
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static NotFound notFound(String profileId) {
        return new NotFound("profile '" + profileId + "' has no agent identity");
    }
}
