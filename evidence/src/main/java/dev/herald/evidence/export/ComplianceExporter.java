package dev.herald.evidence.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.evidence.EvidenceException;
import dev.herald.evidence.artifact.ArtifactFormat;
import dev.herald.evidence.json.CanonicalJson;
import dev.herald.evidence.json.Json;
import dev.herald.evidence.keys.IssuerKeyPair;
import java.time.Clock;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Builds signed {@code full_audit} exports over one or many sessions' attestation artifacts.
 * Each included session carries its whole signed artifact (so it can be verified alone) and the
 * chain entries the filter selects. Sessions are ordered by session id. Thread-safe.
 */
public final class ComplianceExporter {
    static final Set<String> SIGNATURE_MEMBER = Set.of("signature");

    private final IssuerKeyPair signer;
    private final Clock clock;

    public ComplianceExporter(IssuerKeyPair signer, Clock clock) {
        this.signer = signer;
        this.clock = clock;
    }

    public SignedExport export(List<? extends JsonNode> artifacts, ExportFilter filter) {
        ObjectNode export = Json.object();
        export.put("export_type", ExportFormat.EXPORT_TYPE);
        export.put("export_version", ExportFormat.EXPORT_VERSION);
        String createdAt = ArtifactFormat.instant(clock.instant());
        export.put("created_at", createdAt);
        export.set("filter", filter.toJson());
        ArrayNode sessions = export.putArray("sessions");
        int eventCount = 0;
        List<? extends JsonNode> ordered = artifacts.stream()
                .sorted(Comparator.comparing(a -> a.path("session_metadata").path("session_id").asText(""), CanonicalJson.CODE_POINT_ORDER))
                .toList();
        for (JsonNode artifact : ordered) {
            String sessionId = artifact.path("session_metadata").path("session_id").asText(null);
            if (sessionId == null || !artifact.path("chain").isArray()) {
                throw new EvidenceException("export input is not an attestation artifact");
            }
            if (!filter.matchesSession(sessionId)) {
                continue;
            }
            ArrayNode events = Json.nodes().arrayNode();
            for (JsonNode entry : artifact.get("chain")) {
                if (filter.matchesEvent(entry)) {
                    events.add(entry.deepCopy());
                }
            }
            if (filter.hasEventCriteria() && events.isEmpty()) {
                continue;
            }
            ObjectNode session = sessions.addObject();
            session.put("session_id", sessionId);
            session.set("artifact", artifact.deepCopy());
            session.set("events", events);
            eventCount += events.size();
        }

        ObjectNode manifest = Json.object();
        manifest.put("manifest_version", ExportFormat.MANIFEST_VERSION);
        manifest.put("export_type", ExportFormat.EXPORT_TYPE);
        manifest.put("export_content_hash", CanonicalJson.sha256(export).prefixed());
        manifest.put("created_at", createdAt);
        manifest.put("session_count", sessions.size());
        manifest.put("event_count", eventCount);
        manifest.put("algorithm", "ed25519");
        manifest.put("key_id", signer.keyId());
        manifest.put("public_key", signer.publicKey().encoded());
        byte[] signed = CanonicalJson.bytesExcluding(manifest, SIGNATURE_MEMBER);
        manifest.put("signature", "ed25519:" + Base64.getEncoder().encodeToString(signer.sign(signed)));

        ObjectNode document = Json.object();
        document.set("manifest", manifest);
        document.set("export", export);
        return new SignedExport(document);
    }
}
