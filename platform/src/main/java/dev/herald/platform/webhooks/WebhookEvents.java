package dev.herald.platform.webhooks;

import java.util.List;
import java.util.regex.Pattern;

/** The event types Herald emits, and the shape every event type name must have. */
public final class WebhookEvents {
    public static final String PLATFORM_REGISTERED = "platform.registered";
    public static final String AGENT_SESSION_AUTHORIZED = "agent.session.authorized";
    public static final String AGENT_SESSION_DENIED = "agent.session.denied";
    public static final String AGENT_REVOKED = "agent.revoked";
    public static final String SESSION_ENDED = "session.ended";
    public static final String SESSION_FAILED = "session.failed";

    public static final List<String> LIFECYCLE = List.of(PLATFORM_REGISTERED, AGENT_SESSION_AUTHORIZED,
            AGENT_SESSION_DENIED, AGENT_REVOKED, SESSION_ENDED, SESSION_FAILED);

    /** Dotted lower-case words, e.g. {@code agent.session.denied}; {@code *} subscribes to everything. */
    static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*){1,4}");

    private WebhookEvents() {
    }

    public static boolean isValidSubscription(String type) {
        return "*".equals(type) || (type != null && type.length() <= 100 && TYPE.matcher(type).matches());
    }
}
