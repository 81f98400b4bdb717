package dev.herald.platform.auth;

import dev.herald.evidence.json.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The plaintext of an API key: {@code hk_live_} followed by 43 base64url characters (32 random
 * bytes). The first {@value #LOOKUP_LENGTH} random characters are the lookup prefix stored in
 * clear; the whole key is stored only as its SHA-256. A plain hash is enough here because the
 * secret has 256 bits of entropy (nothing to brute-force, so no salt or slow KDF is needed).
 * {@link #toString()} never prints the secret.
 */
public final class ApiKeySecret {
    public static final String PREFIX = "hk_live_";
    static final int LOOKUP_LENGTH = 12;
    private static final Pattern SHAPE = Pattern.compile(Pattern.quote(PREFIX) + "[A-Za-z0-9_-]{43}");

    private final String value;

    private ApiKeySecret(String value) {
        this.value = value;
    }

    public static ApiKeySecret generate(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return new ApiKeySecret(PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** Parses a presented key; empty when it does not have the shape of a Herald key. */
    public static Optional<ApiKeySecret> parse(String presented) {
        if (presented == null || !SHAPE.matcher(presented).matches()) {
            return Optional.empty();
        }
        return Optional.of(new ApiKeySecret(presented));
    }

    /** The full key, to show once to its owner. */
    public String reveal() {
        return value;
    }

    public String lookup() {
        return value.substring(PREFIX.length(), PREFIX.length() + LOOKUP_LENGTH);
    }

    public String hash() {
        return Sha256.ofAscii(value).hex();
    }

    /** Constant-time comparison of this key's hash with a stored hash. */
    public boolean matches(String storedHash) {
        return MessageDigest.isEqual(hash().getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return PREFIX + lookup() + "...";
    }
}
