package dev.herald.governance.attest;

import dev.herald.platform.domain.Invalid;
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
import dev.herald.governance.realtime.SealedSession;
import dev.herald.governance.realtime.SealedSessions;
import dev.herald.platform.store.Database;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a closed session's evidence (read through realtime's {@link SealedSessions}) into its
 * signed, time-stamped attestation artifact (evidence's {@link ArtifactAssembler}), stores it in
 * {@code session_attestations}, and builds signed compliance exports. The assembler re-chains the
 * stored events; the result must reproduce every stored content hash, so a client's ingestion
 * receipts are the artifact's entries (checked, never assumed). Time-stamping calls the TSAs over
 * the network, so assembling refuses to run inside a write transaction. Thread-safe.
 */
public final class AttestationService {
    /** Most sessions one export holds; narrow the filters for more. */
    public static final int MAX_EXPORT_SESSIONS = 500;

    private final Database db;
    private final SealedSessions sessions;
    private final ProjectLedger projects;
    private final KeyRing keys;
    private final TimestampClient timestamps;
    private final Clock clock;
    private final ObjectMapper mapper;

    /** @param keys the issuer key ring, or null when this process cannot sign (CLI without a data dir) */
    public AttestationService(Database db, SealedSessions sessions, ProjectLedger projects, KeyRing keys,
                              TimestampClient timestamps, Clock clock, ObjectMapper mapper) {
        this.db = db;
        this.sessions = sessions;
        this.projects = projects;
        this.keys = keys;
        this.timestamps = timestamps;
        this.clock = clock;
        this.mapper = mapper;
    }

    public KeyRing keys() {
        if (keys == null) {
            throw new Unavailable("this process has no issuer key");
        }
        return keys;
    }

    /** The stored artifact's canonical text (the exact signed bytes), if assembled. */
    private Optional<String> storedText(String sessionId) {
        return db.read(h -> h.createQuery("SELECT artifact FROM session_attestations WHERE session_id = :id")
                .bind("id", sessionId).mapTo(String.class).findOne());
    }

    /** As {@link #assembleCanonical}, parsed. */
    public ObjectNode assemble(String sessionId) {
        return parse(new String(assembleCanonical(sessionId), StandardCharsets.UTF_8));
    }

    /**
     * The artifact of an ended or failed session as its exact signed bytes: the stored one, or one
     * assembled (time-stamped through the configured TSAs, outside any transaction), stored and
     * returned. Two concurrent first calls may both stamp; the first stored wins and both answer it.
     *
     * @throws IllegalStateException when called inside a write transaction
     */
    public byte[] assembleCanonical(String sessionId) {
        Optional<String> existing = storedText(sessionId);
        if (existing.isPresent()) {
            return existing.get().getBytes(StandardCharsets.UTF_8);
        }
        if (db.inTransaction()) {
            throw new IllegalStateException("an artifact is time-stamped over the network: never inside a transaction");
        }
        SealedSession sealed = sessions.sealed(sessionId);
        Optional<ProjectAnchor> anchor = db.read(h -> projects.anchorOf(h, sealed.projectId(), sessionId));
        Artifact artifact = new ArtifactAssembler(keys().active(), timestamps, clock).assemble(evidence(sealed, anchor));
        var chain = artifact.json().withArray("chain");
        for (int i = 0; i < sealed.entries().size(); i++) {
            if (!sealed.entries().get(i).contentHash().equals(chain.get(i).path("content_hash").asText())) {
                throw new IllegalStateException("session " + sessionId + " chain entry " + (i + 1)
                        + " does not reproduce its stored hash");
            }
        }
        String text = new String(artifact.canonicalBytes(), StandardCharsets.UTF_8);
        db.write(h -> h.createUpdate("INSERT INTO session_attestations (session_id, artifact, created_at) "
                        + "VALUES (:id, :a, :t) ON CONFLICT (session_id) DO NOTHING")
                .bind("id", sessionId).bind("a", text).bind("t", clock.millis()).execute());
        return storedText(sessionId).orElse(text).getBytes(StandardCharsets.UTF_8);
    }

    private SessionEvidence evidence(SealedSession s, Optional<ProjectAnchor> anchor) {
        ObjectNode metadata = mapper.createObjectNode();
        metadata.put("session_id", s.sessionId());
        metadata.put("status", s.status());
        metadata.put("project_id", s.projectId());
        metadata.put("provider", s.provider());
        metadata.put("model", s.model());
        metadata.put("operation", s.operation());
        metadata.put("modality", "voice");
        metadata.put("started_at", ArtifactFormat.instant(Instant.ofEpochMilli(s.startedAt())));
        long last = s.lastOccurredAt();
        long endedAt = Math.max(s.endedAt() == null ? last : s.endedAt(), last);
        metadata.put("ended_at", ArtifactFormat.instant(Instant.ofEpochMilli(endedAt)));
        List<ChainEvent> events = s.entries().stream().map(SealedSession.Entry::event).toList();
        return new SessionEvidence(metadata, events, s.snapshot(), Optional.of(s.permit()),
                new ArrayList<>(s.toolCallPermits()), anchor, Optional.empty());
    }

    /** What an export covers: sessions by id (or request id, which is the same for a realtime session) and a time range. */
    public record ExportRequest(Set<String> sessionIds, Set<String> requestIds, Optional<Instant> from,
                                Optional<Instant> to) {
        public ExportRequest {
            sessionIds = Set.copyOf(sessionIds);
            requestIds = Set.copyOf(requestIds);
            if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
                throw new Invalid("filters.to", "must be later than filters.from");
            }
        }

        ExportFilter filter() {
            return new ExportFilter(sessionIds, requestIds, from, to);
        }
    }

    /** The artifacts an export is made of, assembled now (so signing the export needs no network). */
    public record ExportContents(ExportRequest request, List<JsonNode> artifacts) {
        public ExportContents {
            artifacts = List.copyOf(artifacts);
        }
    }

    /**
     * Selects the project's closed sessions an export covers and assembles their artifacts,
     * time-stamping any not made yet: network calls, so outside any transaction. More than
     * {@link #MAX_EXPORT_SESSIONS} sessions is a 422 asking to narrow the filters.
     */
    public ExportContents collect(String projectId, ExportRequest request) {
        // A realtime session's request id is its session id.
        Set<String> wanted = new LinkedHashSet<>(request.sessionIds().isEmpty() ? request.requestIds()
                : request.sessionIds());
        List<String> selected = sessions.closedIds(projectId,
                new SealedSessions.Selection(wanted, request.from(), request.to()), MAX_EXPORT_SESSIONS + 1);
        if (selected.size() > MAX_EXPORT_SESSIONS) {
            throw new Invalid("filters", "selects more than " + MAX_EXPORT_SESSIONS + " sessions; narrow it");
        }
        List<JsonNode> artifacts = new ArrayList<>();
        for (String id : selected) {
            artifacts.add(assemble(id));
        }
        return new ExportContents(request, artifacts);
    }

    /** A signed {@code full_audit} export over collected artifacts (CPU only: safe inside a transaction). */
    public SignedExport export(ExportContents contents) {
        return new ComplianceExporter(keys().active(), clock).export(contents.artifacts(), contents.request().filter());
    }

    private ObjectNode parse(String json) {
        try {
            return (ObjectNode) mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored document is not JSON", e);
        }
    }
}
