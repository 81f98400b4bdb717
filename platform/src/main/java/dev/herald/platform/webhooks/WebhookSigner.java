package dev.herald.platform.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.StringJoiner;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures: {@code v1,<base64 HMAC-SHA256(key, "{id}.{timestamp}.{body}")>}.
 * With several secrets (the current one and one still in its rotation grace period) the header
 * carries every signature, space-separated, current first; a receiver accepts the message when any
 * of them verifies with a secret it holds.
 */
public final class WebhookSigner {
    private WebhookSigner() {
    }

    /** The {@code webhook-signature} header value for one message. */
    public static String signatureHeader(List<WebhookSecret> secrets, String messageId, long timestampSeconds,
                                         byte[] body) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("at least one secret is needed");
        }
        byte[] prefix = (messageId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8);
        StringJoiner header = new StringJoiner(" ");
        for (WebhookSecret secret : secrets) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret.key(), "HmacSHA256"));
                mac.update(prefix);
                mac.update(body);
                header.add("v1," + Base64.getEncoder().encodeToString(mac.doFinal()));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is required by every JDK", e);
            }
        }
        return header.toString();
    }
}
