package dev.herald.governance.platforms;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The platform signing secret: {@code hsig_} and 43 base64url characters (32 random bytes). The
 * platform signs requests it sends to Herald with it (same construction as Standard Webhooks:
 * HMAC-SHA256 over {@code id.timestamp.body}); Herald keeps it sealed to recompute the HMAC.
 */
final class PlatformSecrets {
    static final String SIGNING_PREFIX = "hsig_";

    private PlatformSecrets() {
    }

    static String newSigningSecret(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return SIGNING_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
