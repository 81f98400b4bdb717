package dev.herald.evidence.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.evidence.EvidenceException;
import dev.herald.evidence.chain.ChainBuilder;
import dev.herald.evidence.chain.ChainEvent;
import dev.herald.evidence.chain.ChainHead;
import dev.herald.evidence.json.CanonicalJson;
import dev.herald.evidence.json.Json;
import dev.herald.evidence.json.Sha256;
import dev.herald.evidence.keys.IssuerKeyPair;
import dev.herald.evidence.tsa.TimestampAttempt;
import dev.herald.evidence.tsa.TimestampClient;
import dev.herald.evidence.tsa.TimestampOutcome;
import dev.herald.evidence.tsa.TimestampReceipt;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds a schema-version-3 ({@code artifact_version} 1.2.0) attestation artifact for a session:
 * chains the events (hash_only), binds child permits to their events, hashes the policy snapshot,
 * time-stamps the project chain head through the {@link TimestampClient} (failing over; when no
 * TSA grants, {@code tsa_status} is {@code degraded_no_receipt} and the artifact is still signed),
 * then signs everything but {@code signatures} with the issuer key. Thread-safe if the client is.
 */
public final class ArtifactAssembler {
    static final Set<String> POLICY_HASH_EXCLUDED = Set.of("snapshot_id", "snapshot_hash");

    private final IssuerKeyPair issuer;
    private final TimestampClient timestamps;
    private final Clock clock;

    /** @param timestamps TSAs to try; a client with no endpoints yields degraded artifacts */
    public ArtifactAssembler(IssuerKeyPair issuer, TimestampClient timestamps, Clock clock) {
        this.issuer = issuer;
        this.timestamps = timestamps;
        this.clock = clock;
    }

    public Artifact assemble(SessionEvidence session) {
        ChainBuilder chain = new ChainBuilder();
        Map<String, String> eventHashByPermit = new HashMap<>();
        for (ChainEvent event : session.events()) {
            chain.append(event);
        }
        ChainHead head = chain.head();
        ArrayNode entries = chain.finish();
        for (JsonNode entry : entries) {
            JsonNode permitId = entry.get("permit_id");
            if (permitId != null && permitId.isTextual()) {
                eventHashByPermit.putIfAbsent(permitId.textValue(), entry.get("content_hash").textValue());
            }
        }

        ObjectNode policy = session.policySnapshot();
        Sha256 policyHash = CanonicalJson.sha256Excluding(policy, POLICY_HASH_EXCLUDED);
        policy.put("snapshot_hash", policyHash.prefixed());

        ObjectNode metadata = session.sessionMetadata();
        metadata.put("policy_snapshot_id", policy.get("snapshot_id").textValue());
        metadata.put("policy_snapshot_hash", policyHash.hex());

        ProjectAnchor anchor = session.projectAnchor().orElseGet(() -> deriveAnchor(session, entries, head));
        // The verifier requires every entry that names a chain scope to name the anchor's; refuse
        // to sign an artifact that could never verify.
        for (int i = 0; i < entries.size(); i++) {
            JsonNode scope = entries.get(i).get("chain_scope");
            if (scope != null && !scope.asText().equals(anchor.chainScope())) {
                throw new EvidenceException("chain entry " + i + " has chain_scope " + scope.asText()
                        + " but the project anchor's is " + anchor.chainScope());
            }
        }

        ArrayNode children = Json.nodes().arrayNode();
        for (ObjectNode permit : session.childPermits()) {
            String permitId = permit.path("permit_id").asText(null);
            String eventHash = permitId == null ? null : eventHashByPermit.get(permitId);
            if (eventHash == null) {
                throw new EvidenceException("child permit " + permitId + " matches no session event's permit_id");
            }
            permit.put("binding_session_event_hash", eventHash);
            permit.put("binding_project_anchor_hash", anchor.contentHash().prefixed());
            permit.put("binding_session_id", session.sessionId());
            permit.put("session_id", session.sessionId());
            permit.put("policy_snapshot_hash", policyHash.prefixed());
            children.add(permit);
        }
        ObjectNode permits = Json.object();
        permits.set("parent_session_permit", session.parentSessionPermit().<JsonNode>map(p -> p).orElse(NullNode.instance));
        permits.set("child_tool_call_permits", children);

        ObjectNode artifact = Json.object();
        artifact.put("schema", ArtifactFormat.SCHEMA);
        artifact.put("schema_version", ArtifactFormat.SCHEMA_VERSION);
        artifact.put("artifact_version", ArtifactFormat.ARTIFACT_VERSION);
        artifact.put("canonicalization_profile", CanonicalJson.PROFILE);
        ObjectNode compatibility = artifact.putObject("verifier_compatibility");
        compatibility.put("format_version", ArtifactFormat.VERIFIER_FORMAT_VERSION);
        compatibility.put("atoms_layer", false);
        Instant issuedAt = clock.instant();
        artifact.put("issued_at", ArtifactFormat.instant(issuedAt));
        session.regionAnchor().ifPresent(region -> artifact.put("region_anchor", region));
        artifact.set("session_metadata", metadata);
        artifact.set("chain", entries);
        ObjectNode chainHead = artifact.putObject("chain_head");
        chainHead.put("content_hash", head.contentHash().prefixed());
        chainHead.put("event_count", head.eventCount());
        chainHead.put("sequence", head.sequence());
        artifact.set("project_chain_head", anchorJson(anchor));
        artifact.set("permits", permits);
        artifact.set("policy_snapshot", policy);

        TimestampOutcome outcome = timestamps.stamp(anchor.contentHash());
        ArrayNode attempts = artifact.putArray("rfc3161_timestamp_attempts");
        for (TimestampAttempt attempt : outcome.attempts()) {
            ObjectNode a = attempts.addObject();
            a.put("provider", attempt.provider());
            a.put("url", attempt.url());
            a.put("status", attempt.status().wire());
            a.put("witness_type", ArtifactFormat.WITNESS_TYPE);
            a.put("attempted_at", ArtifactFormat.instant(attempt.attemptedAt()));
            if (!attempt.detail().isEmpty()) {
                a.put("detail", attempt.detail());
            }
        }
        ArrayNode receipts = artifact.putArray("timestamp_receipts");
        Optional<TimestampReceipt> receipt = outcome.receipt();
        if (receipt.isPresent()) {
            ObjectNode r = receiptJson(receipt.get(), anchor);
            artifact.set("rfc3161_timestamp_receipt", r);
            receipts.add(r.deepCopy());
        } else {
            artifact.set("rfc3161_timestamp_receipt", NullNode.instance);
        }
        artifact.put("tsa_status", outcome.tsaStatus());

        byte[] canonical = ArtifactSigner.sign(artifact, issuer, issuedAt);
        return new Artifact(artifact, canonical, outcome);
    }

    private static ProjectAnchor deriveAnchor(SessionEvidence session, ArrayNode entries, ChainHead head) {
        String scope = entries.isEmpty() || !entries.get(0).path("chain_scope").isTextual()
                ? "session:" + session.sessionId()
                : entries.get(0).get("chain_scope").textValue();
        ObjectNode body = Json.object();
        body.put("chain_scope", scope);
        body.put("event_id", session.sessionId() + ":ended");
        body.put("event_type", "voice.session.ended");
        body.put("previous_content_hash", head.contentHash().prefixed());
        body.put("sequence", head.sequence() + 1);
        return new ProjectAnchor(scope, session.sessionId() + ":ended", "voice.session.ended", head.contentHash(),
                head.sequence() + 1, CanonicalJson.sha256(body));
    }

    private static ObjectNode anchorJson(ProjectAnchor anchor) {
        ObjectNode node = Json.object();
        node.put("chain_scope", anchor.chainScope());
        node.put("content_hash", anchor.contentHash().prefixed());
        node.put("event_id", anchor.eventId());
        node.put("event_type", anchor.eventType());
        node.put("previous_content_hash", anchor.previousContentHash().prefixed());
        node.put("sequence", anchor.sequence());
        return node;
    }

    private static ObjectNode receiptJson(TimestampReceipt receipt, ProjectAnchor anchor) {
        byte[] token = receipt.tokenDer();
        ObjectNode r = Json.object();
        r.put("covers_chain_head_at_sequence", anchor.sequence());
        r.put("covers_chain_head_hash", anchor.contentHash().prefixed());
        r.put("provider", receipt.provider());
        r.put("receipt_hash", Sha256.of(token).prefixed());
        r.put("received_at", ArtifactFormat.instant(receipt.receivedAt()));
        r.put("request_hash", anchor.contentHash().prefixed());
        r.put("tsa", receipt.url());
        r.put("tsa_response_base64", Base64.getEncoder().encodeToString(token));
        r.put("witness_type", ArtifactFormat.WITNESS_TYPE);
        return r;
    }

}
