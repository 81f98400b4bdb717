package dev.herald.evidence.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.evidence.json.CanonicalJson;

/**
 * A signed compliance export: one JSON document {@code {"manifest": {...}, "export": {...}}}.
 * The manifest holds the export's content hash (SHA-256 of its canonical bytes), its creation
 * time, counts, and an Ed25519 signature by the issuer key over the canonical manifest without
 * {@code signature}.
 */
public record SignedExport(ObjectNode document) {
    public SignedExport {
        document = document.deepCopy();
    }

    @Override
    public ObjectNode document() {
        return document.deepCopy();
    }

    public ObjectNode manifest() {
        return (ObjectNode) document.get("manifest").deepCopy();
    }

    /** The bytes to write to a file; canonical, so byte-stable. */
    public byte[] bytes() {
        return CanonicalJson.bytes(document);
    }
}
