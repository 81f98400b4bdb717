package dev.herald.governance.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.ratify.crypto.Ed25519Batch;
import dev.herald.ratify.crypto.Ed25519s;
import dev.herald.ratify.crypto.MlDsa;
import dev.herald.platform.http.JsonBody;
import dev.herald.platform.http.JsonMapping;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the committed seed corpus of {@link AtomBatchFuzzTest}: batches of every atom type signed
 * with the fuzz test's registered keys in all three signature forms, plus near-valid variants with
 * one defect each. Runs only on request:
 * {@code ./mvnw -pl server test -Dtest=AtomSeeds -Dherald.fuzz.writeSeeds=true}.
 */
@EnabledIfSystemProperty(named = "herald.fuzz.writeSeeds", matches = "true")
class AtomSeeds {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private final SecureRandom random = deterministic();

    @Test
    void writeAtomSeeds() throws IOException {
        Map<String, String> seeds = new LinkedHashMap<>();
        ObjectNode audio = atom("audio_chunk", "a-1", "inbound");
        audio.putObject("payload").put("content_hash", "sha256:" + "ab".repeat(32)).put("format", "pcm16")
                .put("duration_ms", 20).put("chunk_index", 0);
        ObjectNode outbound = atom("transcript_span", "t-1", "outbound");
        outbound.putObject("payload").put("text", "Hello, this is an AI assistant \u00e9\u2713\ud83d\ude00")
                .put("language", "en");
        ObjectNode card = atom("transcript_span", "t-2", "inbound");
        card.putObject("payload").put("text", "my card is 4111 1111 1111 1111, thanks");
        ObjectNode disclosure = atom("lifecycle_marker", "m-1", null);
        disclosure.putObject("payload").put("marker_type", "ai_disclosure");
        ObjectNode recording = atom("lifecycle_marker", "m-2", null);
        recording.putObject("payload").put("marker_type", "recording_started");
        ObjectNode tool = atom("tool_invocation_attempt", "x-1", null);
        tool.putObject("payload").put("tool_name", "lookup_order").putObject("arguments").put("order", 42);
        ObjectNode interruption = atom("interruption", "i-1", "inbound");
        interruption.putObject("payload").put("at_ms", 1200);
        ObjectNode opaque = atom("provider_opaque_marker", "o-1", null);
        opaque.putObject("payload").putArray("nested").addObject().put("k", "v");

        signEd(audio);
        signMl(outbound);
        signSessionCert(card, null);
        signSessionCert(disclosure, "2027-01-01T00:00:00Z");
        signEd(recording);
        signEd(interruption);
        seeds.put("batch-every-type", batch("b-1", audio, outbound, card, disclosure, recording, tool, interruption,
                opaque));
        List<AtomVerifier.Signed> signed = new ArrayList<>();
        for (Atom atom : AtomBatch.read(new JsonBody(JsonMapping.create()).parse(
                seeds.get("batch-every-type").getBytes(StandardCharsets.UTF_8), ObjectNode.class)).atoms()) {
            signed.add(new AtomVerifier.Signed(atom.signingBytes(AtomBatchFuzzTest.SESSION), atom.signatures()));
        }
        assertThat(new AtomVerifier(new Ed25519Batch()).verifyAll(AtomBatchFuzzTest.KEYS,
                AtomBatchFuzzTest.SESSION, signed, AtomBatchFuzzTest.NOW)).extracting(AtomSignatures.Result::verified)
                .as("the signed seeds verify, so fuzzing starts on the accepting paths")
                .containsExactly(true, true, true, true, true, false, true, false);
        seeds.put("batch-one-signed-audio", batch("b-2", audio));
        seeds.put("batch-captured-as-string", batch("b-3", with(audio, "captured_at_ns", "1764000000000000000")));

        ObjectNode floatPayload = outbound.deepCopy();
        ((ObjectNode) floatPayload.get("payload")).put("confidence", 0.93);
        seeds.put("near-float-in-payload", batch("b-4", floatPayload));
        ObjectNode media = audio.deepCopy();
        ((ObjectNode) media.get("payload")).put("audio_base64", "AAAA");
        seeds.put("near-media-bytes", batch("b-5", media));
        seeds.put("near-unknown-type", batch("b-6", with(audio, "atom_type", "video_frame")));
        seeds.put("near-negative-time", batch("b-7", with(audio, "captured_at_ns", -5)));
        ObjectNode badSig = audio.deepCopy();
        ((ObjectNode) badSig.get("signatures").get(0)).put("signature", "not base64!");
        seeds.put("near-signature-not-base64", batch("b-8", badSig));
        seeds.put("near-duplicate-keys", batch("b-9", audio, audio));
        seeds.put("near-no-events", "{\"batch_idempotency_key\":\"b-10\",\"events\":[]}");
        seeds.put("near-not-object", "[{\"atom_type\":\"interruption\"}]");

        Path dir = Path.of(System.getProperty("herald.root"), "governance/src/test/resources/dev/herald/governance/realtime",
                "AtomBatchFuzzTestInputs", "batchIsAcceptedOrRefusedWithAClientProblem");
        Files.createDirectories(dir);
        for (Map.Entry<String, String> seed : seeds.entrySet()) {
            Files.writeString(dir.resolve(seed.getKey() + ".json"), seed.getValue(), StandardCharsets.UTF_8);
        }
    }

    private static ObjectNode atom(String type, String key, String direction) {
        ObjectNode atom = JSON.objectNode().put("atom_type", type).put("idempotency_key", key)
                .put("captured_at_ns", 1_764_000_000_000_000_000L);
        if (direction != null) {
            atom.put("direction", direction);
        }
        return atom;
    }

    private static ObjectNode with(ObjectNode atom, String member, Object value) {
        ObjectNode copy = atom.deepCopy();
        if (value instanceof Number n) {
            copy.put(member, n.longValue());
        } else {
            copy.put(member, (String) value);
        }
        return copy;
    }

    private static byte[] bytes(ObjectNode atom) {
        return AtomSignatures.atomBytes(AtomBatchFuzzTest.SESSION, atom.get("atom_type").asText(),
                atom.get("idempotency_key").asText(), atom.get("captured_at_ns").asText(),
                atom.has("direction") ? atom.get("direction").asText() : null, atom.get("payload"));
    }

    private static void signEd(ObjectNode atom) {
        atom.putArray("signatures").addObject().put("algorithm", "ed25519").put("key_id", "ed")
                .put("signature", b64(Ed25519s.sign(AtomBatchFuzzTest.ED_SEED, bytes(atom))));
    }

    private void signMl(ObjectNode atom) {
        atom.putArray("signatures").addObject().put("algorithm", "ml-dsa-65").put("key_id", "ml")
                .put("signature", "ml-dsa-65:" + b64(MlDsa.sign(AtomBatchFuzzTest.ML, bytes(atom), random)));
    }

    private static void signSessionCert(ObjectNode atom, String expiresAt) {
        byte[] sessionSeed = AtomBatchFuzzTest.filled(11);
        String publicKey = "ed25519:" + b64(Ed25519s.publicKey(sessionSeed));
        ObjectNode entry = atom.putArray("signatures").addObject().put("algorithm", "sidecar-session-cert")
                .put("key_id", "ed").put("signature", b64(Ed25519s.sign(sessionSeed, bytes(atom))));
        ObjectNode cert = entry.putObject("session_cert").put("public_key", publicKey);
        if (expiresAt != null) {
            cert.put("expires_at", expiresAt);
        }
        cert.put("signature", b64(Ed25519s.sign(AtomBatchFuzzTest.ED_SEED,
                AtomSignatures.certBytes(AtomBatchFuzzTest.SESSION, publicKey, expiresAt))));
    }

    private static String batch(String key, ObjectNode... atoms) {
        ObjectNode body = JSON.objectNode().put("batch_idempotency_key", key);
        ArrayNode events = body.putArray("events");
        for (ObjectNode atom : atoms) {
            events.add(atom);
        }
        return body.toString();
    }

    private static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    private static SecureRandom deterministic() {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(5);
            return r;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
