package dev.herald.platform.webhooks;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * A Standard Webhooks signing secret: {@code whsec_} followed by the base64 of 32 random bytes.
 * The HMAC key is the decoded bytes after the prefix. {@link #toString()} never prints the secret.
 */
public final class WebhookSecret {
    public static final String PREFIX = "whsec_";
    private final String value;

    private WebhookSecret(String value) {
        this.value = value;
    }

    public static WebhookSecret generate(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return new WebhookSecret(PREFIX + Base64.getEncoder().encodeToString(bytes));
    }

    /** Parses a stored secret; rejects anything that is not {@code whsec_<base64>}. */
    public static WebhookSecret parse(String value) {
        Objects.requireNonNull(value, "value");
        if (!value.startsWith(PREFIX)) {
            throw new IllegalArgumentException("webhook secret must start with " + PREFIX);
        }
        Base64.getDecoder().decode(value.substring(PREFIX.length()));
        return new WebhookSecret(value);
    }

    /** The full secret, to show once to its owner or to seal for storage. */
    public String reveal() {
        return value;
    }

    /** The HMAC key: the base64-decoded part after the prefix. */
    byte[] key() {
        return Base64.getDecoder().decode(value.substring(PREFIX.length()));
    }

    @Override
    public String toString() {
        return PREFIX + "***";
    }
}
