package dev.herald.governance.realtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.evidence.json.Sha256;
import dev.herald.ratify.crypto.Ed25519s;
import dev.herald.ratify.crypto.MlDsa;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.bouncycastle.pqc.crypto.mldsa.MLDSAPrivateKeyParameters;

/**
 * Builds Herald's signing-format test vectors ({@code testvectors/herald/v1}, described in the
 * README there) from fixed seeds, with Herald's own code for the canonical bytes and the
 * signatures. The expected verdicts are written here by hand, never asked of the verifier, so
 * that {@link SigningVectorsTest} checks the verifier against them. Ed25519 signing is
 * deterministic by definition and ML-DSA-65 is signed in its deterministic mode, so the same
 * build always writes the same bytes.
 */
final class SigningVectors {
    static final String DIRECTORY = "testvectors/herald/v1";
    static final String SESSION = "ses_019a8c2f4e00a1b2c3d4e5f607";
    static final String OTHER_SESSION = "ses_019a8c2f4e00ffeeddccbbaa99";
    static final String NOW = "2026-11-22T12:00:00Z";
    static final String ED_KEY = "sk_ed25519";
    static final String ML_KEY = "sk_mldsa65";
    static final byte[] ED_SEED = fill(0x11);
    static final byte[] ML_SEED = fill(0x22);
    static final byte[] SESSION_SEED = fill(0x33);
    /** A key no project registered: its signatures must not count. */
    static final byte[] STRANGER_SEED = fill(0x44);
    /** Body members that are not part of an interruption's signed payload (docs/realtime.md). */
    static final Set<String> INTERRUPTION_UNSIGNED = Set.of("interruption_id", "captured_at_ns", "signatures");

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter(Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)).withObjectIndenter(new DefaultIndenter("  ", "\n"));
    private static final MLDSAPrivateKeyParameters ML = MlDsa.privateFromSeed(ML_SEED);

    private SigningVectors() {}

    /** One vector file: its name (without {@code .json}) and its content. */
    record Vector(String name, ObjectNode json) {
        byte[] bytes() {
            try {
                return (MAPPER.writer(PRETTY).writeValueAsString(json) + "\n").getBytes(StandardCharsets.UTF_8);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Every vector, in file-name order. */
    static List<Vector> all() {
        List<Vector> out = new ArrayList<>();
        out.addAll(atoms());
        out.addAll(sessionCerts());
        out.sort(java.util.Comparator.comparing(Vector::name));
        return List.copyOf(out);
    }

    private static List<Vector> atoms() {
        List<Vector> out = new ArrayList<>();
        ObjectNode audio = audioChunk();
        out.add(atom("atom_ed25519_audio_chunk_accept",
                "An audio_chunk atom signed directly by a registered Ed25519 sidecar key. The payload's members are "
                        + "sent out of order and captured_at_ns as a JSON integer: "
                        + "the canonical bytes sort the members "
                        + "and carry captured_at_ns as a decimal string.",
                SESSION, signed(audio, ed25519(SESSION)), accepted(ED_KEY)));

        ObjectNode transcript = JSON.objectNode();
        transcript.put("atom_type", "transcript_span");
        transcript.put("idempotency_key", "span-0002");
        transcript.put("captured_at_ns", "1795348800250000000");
        transcript.put("direction", "outbound");
        transcript.putObject("payload").put("text", "Grüß Gott, \"Zoë\" — how may I help?\n").put("language", "de");
        out.add(atom("atom_mldsa65_transcript_span_accept",
                "A transcript_span atom signed by a registered ML-DSA-65 sidecar key (FIPS 204, pure, empty context, "
                        + "deterministic). captured_at_ns is sent as a string; the text shows which characters "
                        + "canonical JSON escapes (the quote and the newline) and which it writes as UTF-8.",
                SESSION, signed(transcript, mlDsa(SESSION)), accepted(ML_KEY)));

        ObjectNode marker = JSON.objectNode();
        marker.put("atom_type", "lifecycle_marker");
        marker.put("idempotency_key", "marker-0003");
        marker.put("captured_at_ns", 1795348800500000000L);
        ObjectNode markerPayload = marker.putObject("payload");
        markerPayload.put("marker_type", "ai_disclosure");
        markerPayload.putObject("details").put("turn", 0).put("channel", "voice").putArray("locales").add("en-US");
        out.add(atom("atom_two_signatures_lifecycle_marker_accept",
                "A lifecycle_marker atom without direction (so the canonical bytes have no direction member), with "
                        + "a nested payload, signed by both registered keys: "
                        + "verified because every signature verifies.",
                SESSION, signed(marker, ed25519(SESSION), mlDsa(SESSION)), accepted(ED_KEY, ML_KEY)));

        ObjectNode interruption = JSON.objectNode();
        interruption.put("interruption_id", "int-0001");
        interruption.put("captured_at_ns", 1795348801000000000L);
        interruption.put("delivered_digest", "sha256:" + "ab".repeat(32));
        interruption.put("withheld_digest", "sha256:" + "cd".repeat(32));
        interruption.put("cutoff_offset_ms", 1840);
        interruption.putObject("provider_cancel").put("acknowledged", true).put("provider_event_id", "evt_77");
        interruption.put("reason", "caller_barge_in");
        byte[] interruptionBytes = interruptionBytes(interruption, SESSION);
        interruption.putArray("signatures").add(ed25519(SESSION).sign(interruptionBytes));
        ObjectNode iv = head("atom_interruption_state_accept", AtomSignatures.ATOM_DOMAIN,
                "An interruption event body. It is signed as an atom of type interruption_state whose idempotency_key "
                        + "is interruption_id, without direction, whose payload is the body without interruption_id, "
                        + "captured_at_ns and signatures.",
                SESSION, List.of(ED_KEY));
        iv.set("interruption", interruption);
        iv.set("signing_bytes", bytesObject(interruptionBytes));
        iv.set("expected", accepted(ED_KEY));
        out.add(new Vector(iv.get("name").asText(), iv));

        ObjectNode tamperedSignature = signed(audioChunk(), ed25519(SESSION));
        String good = tamperedSignature.at("/signatures/0/signature").asText();
        byte[] flipped = Base64.getDecoder().decode(good);
        flipped[0] ^= 0x01;
        ((ObjectNode) tamperedSignature.at("/signatures/0")).put("signature", b64(flipped));
        out.add(atom("atom_ed25519_bad_signature_rejected",
                "The first vector's atom with the lowest bit of the signature's first byte flipped.",
                SESSION, tamperedSignature, rejected("bad_signature", "signatures[0]: " + NOT_OVER_ATOM)));

        out.add(atom("atom_ed25519_wrong_session_rejected",
                "An atom signed for session " + OTHER_SESSION + " and sent to session " + SESSION + ": the session id "
                        + "is part of the signed bytes, so a valid signature cannot be replayed into another session. "
                        + "signing_bytes are those of the receiving session.",
                SESSION, signed(audioChunk(), ed25519(OTHER_SESSION)),
                rejected("bad_signature", "signatures[0]: " + NOT_OVER_ATOM)));

        out.add(atom("atom_mldsa65_wrong_session_rejected",
                "The same replay with an ML-DSA-65 signature made for session " + OTHER_SESSION + ".",
                SESSION, signed(audioChunk(), mlDsa(OTHER_SESSION)),
                rejected("bad_signature", "signatures[0]: " + NOT_OVER_ATOM)));

        ObjectNode tamperedPayload = signed(audioChunk(), ed25519(SESSION));
        ((ObjectNode) tamperedPayload.get("payload")).put("duration_ms", 2000);
        out.add(atom("atom_payload_tampered_rejected",
                "The first vector's atom, signed as it was, then its payload's duration_ms changed from 20 to 2000.",
                SESSION, tamperedPayload, rejected("bad_signature", "signatures[0]: " + NOT_OVER_ATOM)));

        ObjectNode stranger = audioChunk();
        byte[] strangerBytes = atomBytes(stranger, SESSION);
        ArrayNode strangerSigs = stranger.putArray("signatures");
        strangerSigs.add(entry("ed25519", "sk_unregistered", Ed25519s.sign(STRANGER_SEED, strangerBytes)));
        out.add(atom("atom_unknown_key_rejected",
                "A correct Ed25519 signature by a key the project never registered (seed 0x44 repeated).",
                SESSION, stranger, rejected("unknown_key",
                        "signatures[0]: key_id 'sk_unregistered' is not an active sidecar key of this project")));

        ObjectNode mislabelled = audioChunk();
        byte[] mislabelledBytes = atomBytes(mislabelled, SESSION);
        mislabelled.putArray("signatures").add(entry("ed25519", ML_KEY, Ed25519s.sign(ED_SEED, mislabelledBytes)));
        out.add(atom("atom_algorithm_mismatch_rejected",
                "An Ed25519 signature whose key_id names the registered ML-DSA-65 key.",
                SESSION, mislabelled, rejected("algorithm_mismatch",
                        "signatures[0]: key '" + ML_KEY + "' is an ml-dsa-65 key, not ed25519")));

        ObjectNode unsigned = audioChunk();
        unsigned.putArray("signatures");
        out.add(atom("atom_unsigned_rejected", "An atom with an empty signatures array.",
                SESSION, unsigned, rejected("unsigned", "the atom carries no signature")));

        ObjectNode half = audioChunk();
        byte[] halfBytes = atomBytes(half, SESSION);
        ArrayNode halfSigs = half.putArray("signatures");
        halfSigs.add(entry("ed25519", ED_KEY, Ed25519s.sign(ED_SEED, halfBytes)));
        halfSigs.add(entry("ml-dsa-65", ML_KEY, MlDsa.sign(ML, atomBytes(half, OTHER_SESSION), null)));
        ObjectNode halfExpected = rejected("bad_signature", "signatures[1]: " + NOT_OVER_ATOM);
        halfExpected.putArray("key_ids").add(ED_KEY);
        out.add(atom("atom_second_signature_bad_rejected",
                "A good Ed25519 signature and an ML-DSA-65 signature made for another session: one failing "
                        + "signature fails the atom. "
                        + "key_ids lists the signatures that verified before the failing one.",
                SESSION, half, halfExpected));
        return out;
    }

    private static List<Vector> sessionCerts() {
        List<Vector> out = new ArrayList<>();
        out.add(certified("session_cert_ed25519_accept",
                "A per-session Ed25519 key certified by the registered Ed25519 sidecar key, without expiry; the atom "
                        + "is signed by the session key.",
                ED_KEY, ED_SEED, SESSION, null, SESSION, accepted(ED_KEY)));
        out.add(certified("session_cert_mldsa65_expiring_accept",
                "A session key certified by the registered ML-DSA-65 key until one hour after verifier_now.",
                ML_KEY, null, SESSION, "2026-11-22T13:00:00Z", SESSION, accepted(ML_KEY)));
        out.add(certified("session_cert_expired_rejected",
                "A certificate whose expires_at is one hour before verifier_now.",
                ED_KEY, ED_SEED, SESSION, "2026-11-22T11:00:00Z", SESSION,
                rejected("session_cert_expired", "signatures[0]: session_cert expired at 2026-11-22T11:00:00Z")));
        out.add(certified("session_cert_wrong_session_rejected",
                "A certificate (and an atom signature) made for session " + OTHER_SESSION + ", sent to session "
                        + SESSION + ". session_cert_signing_bytes are those of the receiving session.",
                ED_KEY, ED_SEED, OTHER_SESSION, null, OTHER_SESSION, rejected("session_cert_not_signed",
                        "signatures[0]: session_cert is not signed by sidecar key '" + ED_KEY + "' for this session")));
        out.add(certified("session_cert_forged_rejected",
                "A certificate signed by an unregistered key (seed 0x44 repeated) but naming the registered key_id.",
                ED_KEY, STRANGER_SEED, SESSION, null, SESSION, rejected("session_cert_not_signed",
                        "signatures[0]: session_cert is not signed by sidecar key '" + ED_KEY + "' for this session")));
        out.add(certified("session_cert_bad_atom_signature_rejected",
                "A valid certificate, but the session key signed the atom's bytes for session " + OTHER_SESSION + ".",
                ED_KEY, ED_SEED, SESSION, null, OTHER_SESSION, rejected("bad_session_signature",
                        "signatures[0]: signature does not verify under the certified session key")));
        return out;
    }

    static final String NOT_OVER_ATOM = "signature does not verify over the atom's canonical bytes";

    /**
     * A session-certificate vector: the certificate names {@code certSession} and is signed by
     * {@code certSeed} (the ML-DSA key when null) under key id {@code keyId}; the atom is signed by
     * the session key over its bytes in {@code atomSession}; Herald verifies in {@link #SESSION}.
     */
    private static Vector certified(String name, String description, String keyId, byte[] certSeed,
                                    String certSession, String expiresAt, String atomSession, ObjectNode expected) {
        ObjectNode atom = audioChunk();
        String sessionKey = "ed25519:" + b64(Ed25519s.publicKey(SESSION_SEED));
        byte[] certBytes = AtomSignatures.certBytes(certSession, sessionKey, expiresAt);
        byte[] certSignature = certSeed == null ? MlDsa.sign(ML, certBytes, null) : Ed25519s.sign(certSeed, certBytes);
        byte[] atomSignature = Ed25519s.sign(SESSION_SEED, atomBytes(atom, atomSession));
        ObjectNode entry = entry(AtomSignatures.SESSION_CERT, keyId, atomSignature);
        ObjectNode cert = entry.putObject("session_cert").put("public_key", sessionKey);
        if (expiresAt != null) {
            cert.put("expires_at", expiresAt);
        }
        cert.put("signature", b64(certSignature));
        atom.putArray("signatures").add(entry);

        ObjectNode v = head(name, AtomSignatures.CERT_DOMAIN, description, SESSION, List.of(ED_KEY, ML_KEY));
        v.putObject("session_key").put("seed_hex", hex(SESSION_SEED)).put("public_key", sessionKey);
        v.set("atom", atom);
        v.set("session_cert_signing_bytes", bytesObject(AtomSignatures.certBytes(SESSION, sessionKey, expiresAt)));
        v.set("signing_bytes", bytesObject(atomBytes(atom, SESSION)));
        v.set("expected", expected);
        return new Vector(name, v);
    }

    private static Vector atom(String name, String description, String session, ObjectNode atom, ObjectNode expected) {
        ObjectNode v = head(name, AtomSignatures.ATOM_DOMAIN, description, session, List.of(ED_KEY, ML_KEY));
        v.set("atom", atom);
        v.set("signing_bytes", bytesObject(atomBytes(atom, session)));
        v.set("expected", expected);
        return new Vector(name, v);
    }

    private static ObjectNode head(String name, String format, String description, String session, List<String> keys) {
        ObjectNode v = JSON.objectNode();
        v.put("name", name);
        v.put("format", format);
        v.put("description", description);
        ArrayNode sidecarKeys = v.putArray("sidecar_keys");
        for (String keyId : keys) {
            ObjectNode k = sidecarKeys.addObject().put("key_id", keyId);
            if (keyId.equals(ED_KEY)) {
                k.put("algorithm", "ed25519").put("seed_hex", hex(ED_SEED))
                        .put("public_key", "ed25519:" + b64(Ed25519s.publicKey(ED_SEED)));
            } else {
                k.put("algorithm", "ml-dsa-65").put("seed_hex", hex(ML_SEED))
                        .put("public_key", "ml-dsa-65:" + b64(MlDsa.publicKey(ML)));
            }
        }
        v.put("session_id", session);
        v.put("verifier_now", NOW);
        return v;
    }

    /** The audio atom most vectors start from, its payload members deliberately out of canonical order. */
    private static ObjectNode audioChunk() {
        ObjectNode atom = JSON.objectNode();
        atom.put("atom_type", "audio_chunk");
        atom.put("idempotency_key", "chunk-0001");
        atom.put("captured_at_ns", 1795348800123456789L);
        atom.put("direction", "inbound");
        atom.putObject("payload")
                .put("format", "pcm_s16le")
                .put("duration_ms", 20)
                .put("content_hash", "sha256:" + "0f".repeat(32))
                .put("sample_rate_hz", 16000)
                .put("channels", 1);
        return atom;
    }

    /** A signer: signs the atom's bytes in its session. */
    private record Signer(String algorithm, String keyId, byte[] seed, String session) {
        ObjectNode sign(byte[] message) {
            byte[] sig = algorithm.equals("ed25519") ? Ed25519s.sign(seed, message) : MlDsa.sign(ML, message, null);
            return entry(algorithm, keyId, sig);
        }
    }

    private static Signer ed25519(String session) {
        return new Signer("ed25519", ED_KEY, ED_SEED, session);
    }

    private static Signer mlDsa(String session) {
        return new Signer("ml-dsa-65", ML_KEY, null, session);
    }

    /** Adds the signatures of each signer over the atom's bytes in the signer's own session. */
    private static ObjectNode signed(ObjectNode atom, Signer... signers) {
        ArrayNode signatures = JSON.arrayNode();
        for (Signer signer : signers) {
            signatures.add(signer.sign(atomBytes(atom, signer.session())));
        }
        atom.set("signatures", signatures);
        return atom;
    }

    static byte[] atomBytes(JsonNode atom, String session) {
        return atom(atom).signingBytes(session);
    }

    /** One atom read and checked as a batch member is (it must be well formed). */
    static Atom atom(JsonNode node) {
        AtomCheck check = new AtomCheck();
        Atom atom = Atom.read(node, 0, check);
        check.throwIfAny();
        return atom;
    }

    /** The bytes an interruption event body is signed as (docs/realtime.md). */
    static byte[] interruptionBytes(JsonNode body, String session) {
        ObjectNode payload = body.deepCopy();
        payload.remove(INTERRUPTION_UNSIGNED);
        String captured = body.get("captured_at_ns").bigIntegerValue().toString();
        return AtomSignatures.atomBytes(session, "interruption_state", body.get("interruption_id").asText(), captured,
                null, payload);
    }

    private static ObjectNode bytesObject(byte[] bytes) {
        ObjectNode o = JSON.objectNode();
        o.put("utf8", new String(bytes, StandardCharsets.UTF_8));
        o.put("hex", hex(bytes));
        o.put("sha256_hex", Sha256.of(bytes).hex());
        return o;
    }

    private static ObjectNode accepted(String... keyIds) {
        ObjectNode e = JSON.objectNode();
        e.put("verified", true);
        ArrayNode ids = e.putArray("key_ids");
        for (String id : keyIds) {
            ids.add(id);
        }
        return e;
    }

    private static ObjectNode rejected(String code, String reason) {
        ObjectNode e = JSON.objectNode();
        e.put("verified", false);
        e.putArray("key_ids");
        e.put("reason_code", code);
        // The verifier's wire form: the stable code, then the detail (docs/realtime.md, rejection codes).
        e.put("reason", code + ": " + reason);
        return e;
    }

    private static ObjectNode entry(String algorithm, String keyId, byte[] signature) {
        return JSON.objectNode().put("algorithm", algorithm).put("key_id", keyId).put("signature", b64(signature));
    }

    private static byte[] fill(int b) {
        byte[] s = new byte[32];
        java.util.Arrays.fill(s, (byte) b);
        return s;
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }
}
