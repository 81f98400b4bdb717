package dev.herald.governance.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.ratify.crypto.Ed25519Batch;
import dev.herald.ratify.crypto.Ed25519s;
import dev.herald.ratify.crypto.MlDsa;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Verifies sidecar signatures over atoms' canonical bytes ({@link AtomSignatures} defines the
 * bytes and the signature forms). A whole batch is verified together: every Ed25519 signature of
 * every atom, direct or by a certified session key, goes into one {@link Ed25519Batch}
 * verification, which costs a fraction of checking them one by one, and each distinct session
 * certificate is checked once per batch. The verdicts are exactly those of checking each atom on
 * its own. An atom is verified when it carries at least one signature and every one verifies;
 * otherwise its result names the first signature that does not, with its {@link AtomRejection}.
 * Never throws for bad signatures.
 * Thread-safe.
 */
public final class AtomVerifier {
    private final Ed25519Batch ed25519;

    public AtomVerifier(Ed25519Batch ed25519) {
        this.ed25519 = ed25519;
    }

    /** One atom to verify: the bytes its signatures cover and its {@code signatures} array (shape already validated). */
    public record Signed(byte[] message, JsonNode signatures) {
    }

    /** Verifies one atom. */
    public AtomSignatures.Result verify(Map<String, SidecarKey> keys, String sessionId, Signed atom, Instant now) {
        return verifyAll(keys, sessionId, List.of(atom), now).get(0);
    }

    /**
     * Verifies a batch of atoms of one session against the project's active sidecar keys (by key
     * id); one result per atom, in order.
     */
    public List<AtomSignatures.Result> verifyAll(Map<String, SidecarKey> keys, String sessionId, List<Signed> atoms,
                                                 Instant now) {
        Plan plan = new Plan(ed25519, keys, sessionId, now);
        List<List<Check>> checks = new ArrayList<>(atoms.size());
        for (Signed atom : atoms) {
            checks.add(plan.checks(atom));
        }
        boolean[] valid = ed25519.verify(plan.items);
        List<AtomSignatures.Result> results = new ArrayList<>(atoms.size());
        for (List<Check> atomChecks : checks) {
            results.add(verdict(atomChecks, valid));
        }
        return results;
    }

    private static AtomSignatures.Result verdict(List<Check> checks, boolean[] valid) {
        if (checks.isEmpty()) {
            return new AtomSignatures.Result(AtomRejection.UNSIGNED.because("the atom carries no signature"), List.of());
        }
        List<String> keyIds = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            Check c = checks.get(i);
            Optional<AtomRejection.Reason> failure = switch (c) {
                case Failed f -> Optional.of(f.reason());
                case Passed p -> Optional.empty();
                case Pending p -> valid[p.item()] ? Optional.empty() : Optional.of(p.reasonIfInvalid());
            };
            if (failure.isPresent()) {
                AtomRejection.Reason first = failure.get();
                return new AtomSignatures.Result(first.code().because("signatures[" + i + "]: " + first.detail()), keyIds);
            }
            keyIds.add(c.keyId());
        }
        return AtomSignatures.Result.verified(keyIds);
    }

    /** What one signature of an atom comes to before the batch runs. */
    private sealed interface Check permits Failed, Passed, Pending {
        String keyId();
    }

    /** Already decided: it does not verify, for this reason. */
    private record Failed(String keyId, AtomRejection.Reason reason) implements Check {
    }

    /** Already decided: it verifies (an ML-DSA signature, checked on its own). */
    private record Passed(String keyId) implements Check {
    }

    /** Everything else holds; it verifies when Ed25519 item {@code item} of the batch does. */
    private record Pending(String keyId, int item, AtomRejection.Reason reasonIfInvalid) implements Check {
    }

    /** Collects a batch's Ed25519 items and remembers each session certificate's verdict. */
    private static final class Plan {
        private final Ed25519Batch ed25519;
        private final Map<String, SidecarKey> keys;
        private final String sessionId;
        private final Instant now;
        private final List<Ed25519Batch.Item> items = new ArrayList<>();
        private final Map<String, Optional<AtomRejection.Reason>> certificates = new HashMap<>();

        Plan(Ed25519Batch ed25519, Map<String, SidecarKey> keys, String sessionId, Instant now) {
            this.ed25519 = ed25519;
            this.keys = keys;
            this.sessionId = sessionId;
            this.now = now;
        }

        List<Check> checks(Signed atom) {
            JsonNode signatures = atom.signatures();
            List<Check> out = new ArrayList<>();
            if (signatures == null) {
                return out;
            }
            for (JsonNode s : signatures) {
                String keyId = s.path("key_id").asText();
                SidecarKey key = keys.get(keyId);
                if (key == null) {
                    out.add(new Failed(keyId, AtomRejection.UNKNOWN_KEY.because(
                            "key_id '" + keyId + "' is not an active sidecar key of this project")));
                    continue;
                }
                String algorithm = s.path("algorithm").asText();
                out.add(algorithm.equals(AtomSignatures.SESSION_CERT)
                        ? sessionCertified(key, atom.message(), s)
                        : direct(key, algorithm, atom.message(), s.path("signature").asText()));
            }
            return out;
        }

        private Check direct(SidecarKey key, String algorithm, byte[] message, String signature) {
            if (!key.algorithm().wire().equals(algorithm)) {
                return new Failed(key.keyId(), AtomRejection.ALGORITHM_MISMATCH.because("key '" + key.keyId()
                        + "' is an " + key.algorithm().wire() + " key, not " + algorithm));
            }
            Optional<byte[]> sig = SignatureCodec.decode(signature, algorithm);
            if (sig.isEmpty()) {
                return new Failed(key.keyId(), AtomRejection.UNDECODABLE_SIGNATURE.because("signature is not base64"));
            }
            AtomRejection.Reason invalid = AtomRejection.BAD_SIGNATURE.because(
                    "signature does not verify over the atom's canonical bytes");
            return switch (key.algorithm()) {
                case ED25519 -> pending(key.keyId(), key.rawView(), message, sig.get(), invalid);
                case ML_DSA_65 -> mlDsa(key.rawView(), message, sig.get()) ? new Passed(key.keyId())
                        : new Failed(key.keyId(), invalid);
            };
        }

        private Check sessionCertified(SidecarKey key, byte[] message, JsonNode s) {
            JsonNode cert = s.get("session_cert");
            if (cert == null || !cert.isObject() || !cert.path("public_key").isTextual()
                    || !cert.path("signature").isTextual()) {
                return new Failed(key.keyId(), AtomRejection.SESSION_CERT_MALFORMED.because(
                        "a sidecar-session-cert signature needs session_cert {public_key, signature}"));
            }
            // Keyed by the members the verdict depends on (not the node's text: no serialization per atom).
            String certKey = key.keyId() + '\n' + cert.get("public_key").textValue() + '\n'
                    + cert.path("expires_at").asText() + '\n' + cert.get("signature").textValue();
            Optional<AtomRejection.Reason> certFailure = certificates.computeIfAbsent(certKey, k -> certificate(key, cert));
            if (certFailure.isPresent()) {
                return new Failed(key.keyId(), certFailure.get());
            }
            byte[] sessionKey = SignatureCodec.decode(cert.get("public_key").textValue(), "ed25519").orElseThrow();
            Optional<byte[]> sig = SignatureCodec.decode(s.path("signature").asText(), "ed25519");
            AtomRejection.Reason invalid = AtomRejection.BAD_SESSION_SIGNATURE.because(
                    "signature does not verify under the certified session key");
            if (sig.isEmpty()) {
                return new Failed(key.keyId(), invalid);
            }
            return pending(key.keyId(), sessionKey, message, sig.get(), invalid);
        }

        /** Why a session certificate does not hold for this session, if it does not. */
        private Optional<AtomRejection.Reason> certificate(SidecarKey key, JsonNode cert) {
            String publicKey = cert.get("public_key").textValue();
            String expiresAt = cert.path("expires_at").isTextual() ? cert.get("expires_at").textValue() : null;
            if (expiresAt != null) {
                try {
                    if (!Instant.parse(expiresAt).isAfter(now)) {
                        return Optional.of(AtomRejection.SESSION_CERT_EXPIRED.because("session_cert expired at " + expiresAt));
                    }
                } catch (DateTimeParseException e) {
                    return Optional.of(AtomRejection.SESSION_CERT_MALFORMED.because(
                            "session_cert.expires_at is not an RFC 3339 instant"));
                }
            }
            Optional<byte[]> certSig = SignatureCodec.decode(cert.get("signature").textValue(), key.algorithm().wire());
            byte[] signed = AtomSignatures.certBytes(sessionId, publicKey, expiresAt);
            if (certSig.isEmpty() || !verifyNow(key, signed, certSig.get())) {
                return Optional.of(AtomRejection.SESSION_CERT_NOT_SIGNED.because(
                        "session_cert is not signed by sidecar key '" + key.keyId() + "' for this session"));
            }
            Optional<byte[]> sessionKey = SignatureCodec.decode(publicKey, "ed25519");
            if (sessionKey.isEmpty() || !Ed25519s.isValidPublicKey(sessionKey.get())) {
                return Optional.of(AtomRejection.SESSION_CERT_MALFORMED.because(
                        "session_cert.public_key is not an Ed25519 public key"));
            }
            return Optional.empty();
        }

        private boolean verifyNow(SidecarKey key, byte[] message, byte[] signature) {
            return switch (key.algorithm()) {
                case ED25519 -> ed25519.verify(List.of(new Ed25519Batch.Item(key.rawView(), message, signature)))[0];
                case ML_DSA_65 -> mlDsa(key.rawView(), message, signature);
            };
        }

        private Check pending(String keyId, byte[] publicKey, byte[] message, byte[] signature,
                              AtomRejection.Reason invalid) {
            items.add(new Ed25519Batch.Item(publicKey, message, signature));
            return new Pending(keyId, items.size() - 1, invalid);
        }
    }

    private static boolean mlDsa(byte[] publicKey, byte[] message, byte[] signature) {
        try {
            return signature.length == MlDsa.SIGNATURE_SIZE && MlDsa.verify(publicKey, message, signature);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
