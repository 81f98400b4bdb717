package dev.herald.evidence.verify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.evidence.Fixtures;
import dev.herald.evidence.artifact.Artifact;
import dev.herald.evidence.export.ComplianceExporter;
import dev.herald.evidence.export.ExportFilter;
import dev.herald.evidence.json.CanonicalJson;
import dev.herald.evidence.keys.IssuerKeyPair;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the committed seed corpus of {@link ArtifactVerifierFuzzTest}: real artifacts and a signed
 * export assembled by this module (deterministic keys, clock and TSA), plus near-valid variants
 * with one defect each. Runs only on request:
 * {@code ./mvnw -pl evidence test -Dtest=ArtifactSeeds -Dherald.fuzz.writeSeeds=true}.
 */
@EnabledIfSystemProperty(named = "herald.fuzz.writeSeeds", matches = "true")
class ArtifactSeeds {
    static final IssuerKeyPair EXPORT_SIGNER = IssuerKeyPair.generate(Fixtures.random(31));

    @Test
    void writeArtifactSeeds() throws IOException {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        Artifact two = Fixtures.artifact("sess_seed_a", 2);
        Artifact four = Fixtures.artifact("sess_seed_b", 4);
        seeds.put("artifact-two-events", two.canonicalBytes());
        seeds.put("artifact-four-events", four.canonicalBytes());
        seeds.put("export-two-artifacts", new ComplianceExporter(EXPORT_SIGNER, Fixtures.CLOCK)
                .export(List.of(two.json(), four.json()), ExportFilter.all()).bytes());

        ObjectNode v1 = two.json().deepCopy();
        v1.put("schema_version", 1);
        seeds.put("near-schema-version-1", CanonicalJson.bytes(v1));
        ObjectNode unlinked = two.json().deepCopy();
        ((ArrayNode) unlinked.get("chain")).remove(0);
        seeds.put("near-first-entry-removed", CanonicalJson.bytes(unlinked));
        ObjectNode degraded = two.json().deepCopy();
        degraded.putNull("rfc3161_timestamp_receipt");
        degraded.put("tsa_status", "degraded_no_receipt");
        seeds.put("near-degraded", CanonicalJson.bytes(degraded));
        ObjectNode unsigned = two.json().deepCopy();
        unsigned.putArray("signatures");
        seeds.put("near-unsigned", CanonicalJson.bytes(unsigned));
        String text = new String(two.canonicalBytes(), StandardCharsets.UTF_8);
        seeds.put("near-float", utf8(text.replaceFirst("\"schema_version\":3", "\"schema_version\":3.0")));
        seeds.put("near-lone-surrogate", utf8(text.replaceFirst("\"session_id\":\"", "\"session_id\":\"\\\\ud800")));
        seeds.put("near-truncated", utf8(text.substring(0, 300)));

        Path dir = Path.of(System.getProperty("herald.root"), "evidence/src/test/resources/dev/herald/evidence/verify",
                "ArtifactVerifierFuzzTestInputs", "verifierReturnsAReportWithClosedReasons");
        Files.createDirectories(dir);
        for (Map.Entry<String, byte[]> seed : seeds.entrySet()) {
            Files.write(dir.resolve(seed.getKey() + ".json"), seed.getValue());
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
