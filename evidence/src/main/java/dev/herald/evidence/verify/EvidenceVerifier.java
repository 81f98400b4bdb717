package dev.herald.evidence.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.evidence.json.Json;
import java.io.IOException;

/**
 * Entry point for {@code herald verify FILE}: reads the bytes, recognises an attestation
 * artifact or a signed compliance export ({@code {"manifest", "export"}}) and verifies it.
 * Thread-safe.
 */
public final class EvidenceVerifier {
    private final ArtifactVerifier artifacts;
    private final ExportVerifier exports;

    public EvidenceVerifier(VerifyOptions options) {
        this.artifacts = new ArtifactVerifier(options);
        this.exports = new ExportVerifier(options);
    }

    public VerificationReport verify(byte[] fileBytes) {
        JsonNode document;
        try {
            document = Json.parse(fileBytes);
        } catch (IOException e) {
            return ArtifactVerifier.notJson(e.getMessage());
        }
        if (isExport(document)) {
            return exports.verify(document);
        }
        return artifacts.verify(document);
    }

    static boolean isExport(JsonNode document) {
        return document.isObject() && document.has("manifest") && document.has("export") && !document.has("schema");
    }
}
