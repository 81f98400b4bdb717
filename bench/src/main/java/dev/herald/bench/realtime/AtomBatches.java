package dev.herald.bench.realtime;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.ratify.crypto.Ed25519s;
import dev.herald.governance.realtime.AtomSignatures;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Builds signed event-atom batches ahead of the timed run, so the measurement is the server's
 * ingestion and not the client's signing. Each atom is a 20 ms audio chunk (content hash only) or
 * a short transcript span, signed with a real Ed25519 sidecar key over the atom's canonical bytes.
 */
final class AtomBatches {
    /** A request ready to send: its session and body. */
    record Batch(String sessionId, byte[] body, int atoms) {
    }

    private final String keyId;
    private final byte[] seed = new byte[32];
    private final byte[] publicKey;

    AtomBatches(String keyId, SecureRandom random) {
        this.keyId = keyId;
        random.nextBytes(seed);
        publicKey = Ed25519s.publicKey(seed);
    }

    byte[] registration() {
        return JsonNodeFactory.instance.objectNode().put("key_id", keyId).put("algorithm", "ed25519")
                .put("public_key", "ed25519:" + Base64.getEncoder().encodeToString(publicKey)).toString()
                .getBytes(StandardCharsets.UTF_8);
    }

    /** {@code count} batches of {@code size} atoms for {@code sessionId}, built on all cores. */
    List<Batch> build(String sessionId, String tag, int count, int size) {
        return new ArrayList<>(IntStream.range(0, count).parallel()
                .mapToObj(i -> batch(sessionId, tag + "-" + i, size)).toList());
    }

    private Batch batch(String sessionId, String tag, int size) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode body = json.objectNode();
        body.put("batch_idempotency_key", "b-" + tag);
        ArrayNode events = body.putArray("events");
        long ns = 1_780_513_200_000_000_000L + Math.floorMod(tag.hashCode(), 1_000_000) * 1_000_000_000L;
        for (int i = 0; i < size; i++) {
            ObjectNode atom = events.addObject();
            boolean audio = i % 4 != 3;
            String type = audio ? "audio_chunk" : "transcript_span";
            String key = "a-" + tag + "-" + i;
            String direction = i % 8 < 4 ? "inbound" : "outbound";
            ObjectNode payload = json.objectNode();
            if (audio) {
                byte[] digest = new byte[32];
                java.util.concurrent.ThreadLocalRandom.current().nextBytes(digest);
                payload.put("content_hash", "sha256:" + HexFormat.of().formatHex(digest)).put("format", "pcm16")
                        .put("duration_ms", 20);
            } else {
                payload.put("text", "caller says something short about their account " + i).put("language", "en");
            }
            String captured = Long.toString(ns + i * 20_000_000L);
            atom.put("atom_type", type).put("idempotency_key", key).put("captured_at_ns", captured)
                    .put("direction", direction).set("payload", payload);
            byte[] signed = AtomSignatures.atomBytes(sessionId, type, key, captured, direction, payload);
            atom.putArray("signatures").addObject().put("algorithm", "ed25519").put("key_id", keyId)
                    .put("signature", Base64.getEncoder().encodeToString(Ed25519s.sign(seed, signed)));
        }
        return new Batch(sessionId, body.toString().getBytes(StandardCharsets.UTF_8), size);
    }
}
