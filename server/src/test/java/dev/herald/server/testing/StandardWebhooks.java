package dev.herald.server.testing;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Receiver-side checks of Standard Webhooks signatures, independent of Herald's signing code:
 * the official library (which also enforces its 5-minute timestamp tolerance against the wall
 * clock), and an HMAC written here from the spec for messages stamped by a test clock.
 */
public final class StandardWebhooks {
    private StandardWebhooks() {
    }

    /** True when the official library accepts the message with {@code secret}. */
    public static boolean libraryAccepts(String secret, WebhookReceiver.Received r) {
        Map<String, List<String>> headers = new HashMap<>();
        for (String name : List.of("webhook-id", "webhook-timestamp", "webhook-signature")) {
            headers.put(name, r.headers().get(name));
        }
        try {
            new Webhook(secret).verify(r.body(), headers);
            return true;
        } catch (WebhookVerificationException e) {
            return false;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The spec's signature, {@code v1,base64(HMAC-SHA256(base64decode(secret minus whsec_), id.ts.body))}. */
    public static String expectedSignature(String secret, String id, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            byte[] sig = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(sig);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when one of the space-separated signatures of {@code r} matches {@code secret} per the spec. */
    public static boolean specAccepts(String secret, WebhookReceiver.Received r) {
        String expected = expectedSignature(secret, r.header("webhook-id"), r.header("webhook-timestamp"), r.body());
        return List.of(r.header("webhook-signature").split(" ")).contains(expected);
    }
}
