package dev.herald.platform.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets that Herald must be able to use again (webhook secrets, platform signing
 * secrets) before they are stored: AES-256-GCM with a random 96-bit nonce, and the row the secret
 * belongs to as associated data, so a ciphertext copied into another row does not decrypt.
 *
 * <p>The key comes from {@code HERALD_SECRET_KEY} (base64 of 32 bytes) when set, otherwise from
 * {@code secrets/master.key} in the data directory, created owner-only on first start. Nodes that
 * share a PostgreSQL database must share the key (set the variable). Thread-safe.
 */
public final class SecretBox {
    public static final String ENV = "HERALD_SECRET_KEY";
    private static final String VERSION = "v1:";
    private static final int NONCE_BYTES = 12;

    private final SecretKeySpec key;
    private final SecureRandom random;

    private SecretBox() {
        this.key = null;
        this.random = null;
    }

    /** A box for processes that never seal or open secrets (short CLI paths): using it fails loudly. */
    public static SecretBox unavailable() {
        return new SecretBox();
    }

    private SecretKeySpec key() {
        if (key == null) {
            throw new IllegalStateException("no secret key in this process (Services built without one)");
        }
        return key;
    }

    public SecretBox(byte[] key, SecureRandom random) {
        if (key.length != 32) {
            throw new IllegalArgumentException("secret key must be 32 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
        this.random = random;
    }

    /** The install's box: {@link #ENV} if set, else the key file under {@code dataDir}. */
    public static SecretBox forInstall(Path dataDir, SecureRandom random) {
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(env.trim());
            } catch (IllegalArgumentException e) {
                throw new StoreException(ENV + " is not base64", e);
            }
            if (raw.length != 32) {
                throw new StoreException(ENV + " must decode to 32 bytes, got " + raw.length, null);
            }
            return new SecretBox(raw, random);
        }
        return new SecretBox(loadOrCreate(dataDir.resolve("secrets").resolve("master.key"), random), random);
    }

    private static byte[] loadOrCreate(Path file, SecureRandom random) {
        try {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[32];
                random.nextBytes(fresh);
                SecretFiles.createIfAbsent(file, Base64.getEncoder().encodeToString(fresh));
            }
            byte[] raw = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
            if (raw.length != 32) {
                throw new StoreException("secret key file " + file + " does not hold 32 bytes", null);
            }
            return raw;
        } catch (IOException | IllegalArgumentException e) {
            throw new StoreException("cannot load or create the secret key " + file + ": " + e.getMessage(), e);
        }
    }

    /** Encrypts {@code plaintext} for the row named by {@code context}. */
    public String seal(String plaintext, String context) {
        SecretKeySpec k = key();
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(128, nonce));
            c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] ct = c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + ct.length);
            System.arraycopy(ct, 0, out, NONCE_BYTES, ct.length);
            return VERSION + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required by every JDK", e);
        }
    }

    /** Whether {@code value} has the form {@link #seal} produces (base64 text never does). */
    public static boolean isSealed(String value) {
        return value != null && value.startsWith(VERSION);
    }

    /** Decrypts a value sealed for {@code context}; fails when the key or the context differ. */
    public String open(String sealed, String context) {
        if (sealed == null || !sealed.startsWith(VERSION)) {
            throw new StoreException("stored secret has an unknown format", null);
        }
        byte[] raw = Base64.getDecoder().decode(sealed.substring(VERSION.length()));
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(128, raw, 0, NONCE_BYTES));
            c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(c.doFinal(raw, NONCE_BYTES, raw.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new StoreException("stored secret cannot be decrypted with this install's key", e);
        }
    }

    @Override
    public String toString() {
        return "SecretBox[key=***]";
    }
}
