package dev.herald.governance.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.ratify.crypto.Ed25519Batch;
import dev.herald.ratify.crypto.Ed25519s;
import dev.herald.ratify.crypto.MlDsa;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Herald against its own signing-format vectors ({@code testvectors/herald/v1}): the committed
 * files are exactly what Herald's code generates from the fixed seeds, every byte field is what
 * Herald computes from the vector's inputs, and Herald's verifier reaches every expected verdict.
 * Regenerate the files after a deliberate format change with
 * {@code ./mvnw -o -pl governance -am test -Dtest=SigningVectorsTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dherald.vectors.write=true}.
 */
class SigningVectorsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();
    /**
     * Reads the vectors' stable reason code from the text Herald's verifier reports
     * ({@code signatures[i]: ...}). Once the verifier's result carries its code, compare that instead.
     */
    /** The rejection codes the vectors cover (AtomRejection's atom-scoped codes a signer can meet). */
    private static final java.util.Set<String> REASON_CODES = java.util.Set.of("unsigned", "unknown_key",
            "algorithm_mismatch", "bad_signature", "session_cert_expired", "session_cert_not_signed",
            "bad_session_signature");

    private final AtomVerifier verifier = new AtomVerifier(new Ed25519Batch());

    static Stream<String> vectorFiles() throws IOException {
        try (Stream<Path> files = Files.list(directory())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted()
                    .toList().stream();
        }
    }

    @Test
    void committedVectorsAreExactlyWhatHeraldGeneratesFromTheSeeds() throws IOException {
        List<SigningVectors.Vector> generated = SigningVectors.all();
        assertThat(vectorFiles().toList()).as("files in " + SigningVectors.DIRECTORY)
                .containsExactlyElementsOf(generated.stream().map(v -> v.name() + ".json").toList());
        for (SigningVectors.Vector v : generated) {
            String committed = Files.readString(directory().resolve(v.name() + ".json"), StandardCharsets.UTF_8);
            assertThat(committed)
                    .as(v.name() + " (regenerate with -Dherald.vectors.write=true after a deliberate change)")
                    .isEqualTo(new String(v.bytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void theVectorsCoverBothFormatsBothAlgorithmsAndRejections() throws IOException {
        List<JsonNode> all = new ArrayList<>();
        for (String name : vectorFiles().toList()) {
            all.add(read(name));
        }
        assertThat(all).extracting(v -> v.path("format").asText())
                .contains(AtomSignatures.ATOM_DOMAIN, AtomSignatures.CERT_DOMAIN);
        assertThat(all).extracting(v -> v.at("/expected/reason_code").asText(""))
                .containsAll(REASON_CODES).contains("");
        assertThat(all).flatExtracting(v -> v.path("atom").path("signatures").findValuesAsText("algorithm"))
                .contains("ed25519", "ml-dsa-65", AtomSignatures.SESSION_CERT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectorFiles")
    void keysAndSigningBytesAreHeraldsOwn(String file) throws IOException {
        JsonNode v = read(file);
        for (JsonNode k : v.path("sidecar_keys")) {
            byte[] seed = HEX.parseHex(k.path("seed_hex").asText());
            byte[] derived = k.path("algorithm").asText().equals("ed25519") ? Ed25519s.publicKey(seed)
                    : MlDsa.publicKey(MlDsa.privateFromSeed(seed));
            assertThat(k.path("public_key").asText()).as(k.path("key_id").asText())
                    .isEqualTo(k.path("algorithm").asText() + ":" + SigningVectors.b64(derived));
        }
        String session = v.path("session_id").asText();
        byte[] bytes = v.has("interruption") ? SigningVectors.interruptionBytes(v.get("interruption"), session)
                : SigningVectors.atomBytes(v.get("atom"), session);
        checkBytes(v.get("signing_bytes"), bytes);
        if (v.path("format").asText().equals(AtomSignatures.CERT_DOMAIN)) {
            JsonNode sessionKey = v.get("session_key");
            assertThat(sessionKey.path("public_key").asText()).isEqualTo("ed25519:"
                    + SigningVectors.b64(Ed25519s.publicKey(HEX.parseHex(sessionKey.path("seed_hex").asText()))));
            JsonNode cert = v.at("/atom/signatures/0/session_cert");
            checkBytes(v.get("session_cert_signing_bytes"), AtomSignatures.certBytes(session,
                    cert.path("public_key").asText(), cert.has("expires_at") ? cert.get("expires_at").asText() : null));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectorFiles")
    void heraldReachesTheExpectedVerdict(String file) throws IOException {
        JsonNode v = read(file);
        Map<String, SidecarKey> keys = new HashMap<>();
        for (JsonNode k : v.path("sidecar_keys")) {
            SidecarAlgorithm algorithm = SidecarAlgorithm.fromWire(k.path("algorithm").asText()).orElseThrow();
            String publicKey = k.path("public_key").asText();
            byte[] raw = Base64.getDecoder().decode(publicKey.substring(algorithm.wire().length() + 1));
            keys.put(k.path("key_id").asText(), new SidecarKey("prj_vectors", k.path("key_id").asText(), algorithm, raw,
                    0, null));
        }
        String session = v.path("session_id").asText();
        JsonNode signed = v.has("interruption") ? v.get("interruption") : v.get("atom");
        byte[] bytes = v.has("interruption") ? SigningVectors.interruptionBytes(signed, session)
                : SigningVectors.atom(signed).signingBytes(session);
        AtomSignatures.Result result = verifier.verify(keys, session,
                new AtomVerifier.Signed(bytes, signed.path("signatures")),
                Instant.parse(v.path("verifier_now").asText()));

        JsonNode expected = v.get("expected");
        assertThat(result.verified()).as("verified").isEqualTo(expected.path("verified").asBoolean());
        assertThat(result.keyIds()).as("key_ids").containsExactlyElementsOf(texts(expected.path("key_ids")));
        if (!result.verified()) {
            assertThat(result.reason()).as("reason").isEqualTo(expected.path("reason").asText());
            assertThat(result.rejection().code().code()).as("reason_code").isEqualTo(expected.path("reason_code").asText());
        } else {
            assertThat(expected.has("reason_code")).as("an accepted vector has no reason_code").isFalse();
        }
    }

    @Test
    void mlDsa65SigningOfTheVectorsIsDeterministic() {
        var key = MlDsa.privateFromSeed(SigningVectors.ML_SEED);
        byte[] message = "herald.voice_atom.v1".getBytes(StandardCharsets.UTF_8);
        assertThat(MlDsa.sign(key, message, null)).isEqualTo(MlDsa.sign(key, message, null));
    }

    /** Writes the vector files; on request only (see the class comment). */
    @Test
    @EnabledIfSystemProperty(named = "herald.vectors.write", matches = "true")
    void writeVectors() throws IOException {
        Path dir = directory();
        try (Stream<Path> old = Files.list(dir)) {
            for (Path p : old.filter(p -> p.toString().endsWith(".json")).toList()) {
                Files.delete(p);
            }
        }
        for (SigningVectors.Vector v : SigningVectors.all()) {
            Files.write(dir.resolve(v.name() + ".json"), v.bytes());
        }
    }

    private static void checkBytes(JsonNode field, byte[] herald) {
        assertThat(field.path("hex").asText()).as("hex").isEqualTo(HEX.formatHex(herald));
        assertThat(field.path("utf8").asText()).as("utf8").isEqualTo(new String(herald, StandardCharsets.UTF_8));
        assertThat(field.path("sha256_hex").asText()).as("sha256_hex").isEqualTo(HEX.formatHex(sha256(herald)));
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static JsonNode read(String file) throws IOException {
        return MAPPER.readTree(directory().resolve(file).toFile());
    }

    /** {@value SigningVectors#DIRECTORY} under the reactor root. */
    static Path directory() {
        String root = System.getProperty("herald.root");
        if (root != null && Files.isDirectory(Path.of(root, SigningVectors.DIRECTORY))) {
            return Path.of(root, SigningVectors.DIRECTORY);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(SigningVectors.DIRECTORY))) {
                return dir.resolve(SigningVectors.DIRECTORY);
            }
        }
        throw new IllegalStateException(SigningVectors.DIRECTORY + " not found under herald.root=" + root
                + " or above " + Path.of("").toAbsolutePath());
    }
}
