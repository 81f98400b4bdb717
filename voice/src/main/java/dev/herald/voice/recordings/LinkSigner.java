package dev.herald.voice.recordings;

import dev.herald.platform.store.SecretBox;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and checks expiring recording links: HMAC-SHA256 over a domain tag, the recording id and
 * the expiry (epoch seconds), base64url without padding. The 32-byte key is made once per
 * install, sealed with the install's {@link SecretBox} and kept in the database, so every node
 * that shares the database (and, as required, the secret key) signs and checks alike. Thread-safe.
 */
final class LinkSigner {
    static final String KEY_ID = "recording-links-v1";
    private static final String DOMAIN = "herald.voice.recording-link.v1";
    /** 32 bytes of base64url without padding. */
    static final int SIGNATURE_CHARS = 43;

    private final RecordingStore store;
    private final SecretBox secrets;
    private final SecureRandom random;
    private final Clock clock;
    private volatile SecretKeySpec key;

    LinkSigner(RecordingStore store, SecretBox secrets, SecureRandom random, Clock clock) {
        this.store = store;
        this.secrets = secrets;
        this.random = random;
        this.clock = clock;
    }

    String sign(String recordingId, long expiresEpochSecond) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key());
            byte[] tag = mac.doFinal((DOMAIN + "\n" + recordingId + "\n" + expiresEpochSecond).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every JDK", e);
        }
    }

    /** Whether {@code signature} is this install's for the id and expiry (constant-time compare). */
    boolean matches(String recordingId, long expiresEpochSecond, String signature) {
        byte[] expected = sign(recordingId, expiresEpochSecond).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
    }

    private SecretKeySpec key() {
        SecretKeySpec k = key;
        if (k == null) {
            String context = "voice_recording_keys:" + KEY_ID;
            String sealed = store.sealedKey(KEY_ID).orElseGet(() -> {
                byte[] fresh = new byte[32];
                random.nextBytes(fresh);
                return store.insertKeyIfAbsent(KEY_ID, secrets.seal(Base64.getEncoder().encodeToString(fresh), context),
                        clock.instant());
            });
            k = new SecretKeySpec(Base64.getDecoder().decode(secrets.open(sealed, context)), "HmacSHA256");
            key = k;
        }
        return k;
    }
}
