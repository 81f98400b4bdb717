package dev.herald.governance.attest;

import dev.herald.platform.domain.Conflict;
import dev.herald.platform.domain.NotFound;
import dev.herald.platform.domain.Unavailable;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.evidence.artifact.Artifact;
import dev.herald.evidence.artifact.ArtifactAssembler;
import dev.herald.evidence.artifact.ArtifactFormat;
import dev.herald.evidence.artifact.ProjectAnchor;
import dev.herald.evidence.artifact.SessionEvidence;
import dev.herald.evidence.chain.ChainEvent;
import dev.herald.evidence.export.ComplianceExporter;
import dev.herald.evidence.export.ExportFilter;
import dev.herald.evidence.export.SignedExport;
import dev.herald.evidence.keys.KeyRing;
import dev.herald.evidence.tsa.TimestampClient;
import dev.herald.platform.store.Database;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Turns an ended session's stored evidence into its signed, time-stamped attestation artifact
 * (evidence's {@link ArtifactAssembler}), stores it, and builds signed compliance exports. The
 * assembler re-chains the stored events; the result must reproduce every stored content hash, so
 * a client's ingestion receipts are the artifact's entries (checked, never assumed).
 * Thread-safe.
 */
public final class AttestationService {
    private final Database db;
    private final SessionLedger ledger;
    private final ProjectLedger projects;
    private final KeyRing keys;
    private final TimestampClient timestamps;
    private final Clock clock;
    private final ObjectMapper mapper;

    /** @param keys the issuer key ring, or null when this process cannot sign (CLI without a data dir) */
    public AttestationService(Database db, SessionLedger ledger, ProjectLedger projects, KeyRing keys,
                              TimestampClient timestamps, Clock clock, ObjectMapper mapper) {
        this.db = db;
        this.ledger = ledger;
        this.projects = projects;
        this.keys = keys;
        this.timestamps = timestamps;
        this.clock = clock;
        this.mapper = mapper;
    }

    public ProjectLedger projectLedger() {
        return projects;
    }

    public KeyRing keys() {
        if (keys == null) {
            throw new Unavailable("this process has no issuer key");
        }
        return keys;
    }

    /** The stored artifact of a session, if assembled. */
    public Optional<ObjectNode> stored(String sessionId) {
        return storedText(sessionId).map(this::parse);
    }

    /** The stored artifact's canonical text (the exact signed bytes), if assembled. */
    public Optional<String> storedText(String sessionId) {
        return db.read(h -> h.createQuery("SELECT attestation FROM realtime_sessions WHERE id = :id")
                .bind("id", sessionId).mapTo(String.class).findOne());
    }

    /** As {@link #assemble}, answering the stored canonical bytes (served as they were signed). */
    public byte[] assembleCanonical(String sessionId) {
        assemble(sessionId);
        return storedText(sessionId).orElseThrow().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Assembles (time-stamping through the configured TSAs, outside any transaction) and stores the
     * artifact of an ended or failed session; returns the stored one if it already exists.
     */
    public ObjectNode assemble(String sessionId) {
        Optional<ObjectNode> existing = stored(sessionId);
        if (existing.isPresent()) {
            return existing.get();
        }
        SessionEvidence evidence = db.read(h -> evidence(h, sessionId));
        Artifact artifact = new ArtifactAssembler(keys().active(), timestamps, clock).assemble(evidence);
        ObjectNode json = artifact.json();
        List<String> stored = db.read(h -> ledger.hashes(h, sessionId));
        var chain = json.withArray("chain");
        for (int i = 0; i < stored.size(); i++) {
            if (!stored.get(i).equals(chain.get(i).path("content_hash").asText())) {
                throw new IllegalStateException("session " + sessionId + " chain entry " + (i + 1)
                        + " does not reproduce its stored hash");
            }
        }
        String text = new String(artifact.canonicalBytes(), StandardCharsets.UTF_8);
        db.write(h -> h.createUpdate("UPDATE realtime_sessions SET attestation = :a WHERE id = :id AND attestation IS NULL")
                .bind("a", text).bind("id", sessionId).execute());
        return stored(sessionId).orElse(json);
    }

    private SessionEvidence evidence(Handle h, String sessionId) {
        var row = h.createQuery("SELECT project_id, status, provider, model, operation, snapshot, permit, started_at, "
                        + "ended_at, last_occurred_at FROM realtime_sessions WHERE id = :id")
                .bind("id", sessionId).mapToMap().findOne()
                .orElseThrow(() -> new NotFound("session '" + sessionId + "' not found"));
        String status = (String) row.get("status");
        if ("active".equals(status)) {
            throw new Conflict("session " + sessionId + " is still active; end it first");
        }
        String projectId = (String) row.get("project_id");
        ObjectNode metadata = mapper.createObjectNode();
        metadata.put("session_id", sessionId);
        metadata.put("status", status);
        metadata.put("project_id", projectId);
        metadata.put("provider", (String) row.get("provider"));
        metadata.put("model", (String) row.get("model"));
        metadata.put("operation", (String) row.get("operation"));
        metadata.put("modality", "voice");
        metadata.put("started_at", ArtifactFormat.instant(Instant.ofEpochMilli(((Number) row.get("started_at")).longValue())));
        long last = ((Number) row.get("last_occurred_at")).longValue();
        Object ended = row.get("ended_at");
        long endedAt = Math.max(ended == null ? last : ((Number) ended).longValue(), last);
        metadata.put("ended_at", ArtifactFormat.instant(Instant.ofEpochMilli(endedAt)));
        List<ChainEvent> events = ledger.events(h, sessionId);
        List<ObjectNode> children = new ArrayList<>();
        h.createQuery("SELECT document FROM tool_call_permits WHERE session_id = :s ORDER BY seq")
                .bind("s", sessionId).mapTo(String.class).forEach(d -> children.add(parse(d)));
        Optional<ProjectAnchor> anchor = projects.anchorOf(h, projectId, sessionId);
        return new SessionEvidence(metadata, events, parse((String) row.get("snapshot")),
                Optional.of(parse((String) row.get("permit"))), children, anchor, Optional.empty());
    }

    /** A signed {@code full_audit} export over the given stored artifacts. */
    public SignedExport export(List<? extends JsonNode> artifacts, ExportFilter filter) {
        return new ComplianceExporter(keys().active(), clock).export(artifacts, filter);
    }

    private ObjectNode parse(String json) {
        try {
            return (ObjectNode) mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored document is not JSON", e);
        }
    }
}
