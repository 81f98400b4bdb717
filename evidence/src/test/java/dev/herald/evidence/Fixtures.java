package dev.herald.evidence;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.evidence.artifact.Artifact;
import dev.herald.evidence.artifact.ArtifactAssembler;
import dev.herald.evidence.artifact.SessionEvidence;
import dev.herald.evidence.chain.ChainEvent;
import dev.herald.evidence.json.Json;
import dev.herald.evidence.keys.IssuerKeyPair;
import dev.herald.evidence.tsa.HeraldTimestampAuthority;
import dev.herald.evidence.tsa.TimestampClient;
import dev.herald.evidence.tsa.TsaCredentials;
import dev.herald.evidence.tsa.TsaCredentialsFactory;
import dev.herald.evidence.tsa.TsaEndpoint;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Real components wired for tests: deterministic randomness and a fixed clock. */
public final class Fixtures {
    public static final Instant START = Instant.parse("2026-05-21T14:32:00Z");
    public static final Clock CLOCK = Clock.fixed(START.plus(Duration.ofHours(1)), ZoneOffset.UTC);

    private static TsaCredentials credentials;

    private Fixtures() {}

    public static SecureRandom random(long seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static synchronized TsaCredentials tsaCredentials() {
        if (credentials == null) {
            credentials = new TsaCredentialsFactory(random(7), CLOCK).generate("Herald Test");
        }
        return credentials;
    }

    public static HeraldTimestampAuthority tsa() {
        return new HeraldTimestampAuthority(tsaCredentials(), CLOCK, random(8));
    }

    public static IssuerKeyPair issuer() {
        return IssuerKeyPair.generate(random(1));
    }

    public static TimestampClient inProcessClient() {
        return new TimestampClient(List.of(new TsaEndpoint.InProcess("herald", "herald:in-process", tsa())),
                java.net.http.HttpClient.newHttpClient(), random(9), CLOCK);
    }

    public static ArtifactAssembler assembler() {
        return new ArtifactAssembler(issuer(), inProcessClient(), CLOCK);
    }

    /** A session with {@code events} events; every third event carries a permitted tool call. */
    public static SessionEvidence session(String sessionId, int events) {
        ObjectNode metadata = Json.object();
        metadata.put("session_id", sessionId);
        metadata.put("status", "ended");
        metadata.put("provider", "simulated_realtime");
        metadata.put("model", "sim-voice-1");
        metadata.put("modality", "voice");
        metadata.put("project_id", "proj_test");
        metadata.put("started_at", START.toString());
        metadata.put("ended_at", START.plusSeconds(events + 1L).toString());

        List<ChainEvent> chain = new ArrayList<>();
        List<ObjectNode> permits = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            ObjectNode attributes = Json.object();
            attributes.put("event_id", sessionId + "_evt_" + i);
            attributes.put("event_type", i % 3 == 1 ? "voice.tool_invocation.governed" : "voice.turn.completed");
            attributes.put("session_id", sessionId);
            attributes.put("request_id", "req_" + (i % 7));
            attributes.put("sequence", 100L + i);
            attributes.put("chain_scope", "project:proj_test");
            attributes.put("occurred_at", START.plusSeconds(i + 1L).toString());
            attributes.put("created_at", START.plusSeconds(i + 1L).toString());
            attributes.put("surface", "voice");
            String permitId = i % 3 == 1 ? sessionId + "_perm_" + i : null;
            if (permitId == null) {
                attributes.putNull("permit_id");
            } else {
                attributes.put("permit_id", permitId);
                ObjectNode permit = Json.object();
                permit.put("permit_id", permitId);
                permit.put("action_name", "lookup_order_status");
                permit.put("decision", "allowed");
                permit.put("status", "issued");
                permit.put("created_at", START.plusSeconds(i + 1L).toString());
                permits.add(permit);
            }
            ObjectNode payload = Json.object();
            payload.put("turn", i);
            payload.put("text", "caller said «bonjour» ✓ 😀 " + i);
            chain.add(new ChainEvent(attributes, payload));
        }
        ObjectNode policy = Json.object();
        policy.put("kind", "realtime_session_policy_snapshot_v1");
        policy.put("project_id", "proj_test");
        policy.put("snapshot_id", "ps_" + sessionId);
        ObjectNode rule = policy.putArray("policies").addObject();
        rule.put("id", "pol_disclosure");
        rule.put("version", 1);
        rule.putObject("policy_json").put("require_ai_disclosure", true);

        ObjectNode parent = Json.object();
        parent.put("permit_id", sessionId + "_session_permit");
        parent.put("session_id", sessionId);
        parent.put("status", "issued");
        return new SessionEvidence(metadata, chain, policy, Optional.of(parent), permits, Optional.empty(), Optional.of("eu-west-1"));
    }

    public static Artifact artifact(String sessionId, int events) {
        return assembler().assemble(session(sessionId, events));
    }
}
