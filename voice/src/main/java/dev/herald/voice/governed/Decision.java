package dev.herald.voice.governed;

import java.util.Objects;
import java.util.Optional;

/**
 * The governed session's answer to an agent turn or a tool call: allowed, or denied with the
 * reason code ({@code ai_disclosure_missing}, {@code scope_denied}, ...) and the reason a person
 * reads. {@code permitId} is the action-child permit of an allowed tool call; {@code micros} how
 * long the governed session took to decide, measured on the node (the governance cost of the
 * turn or tool call).
 */
public record Decision(boolean allowed, String reasonCode, String reason, Optional<String> permitId, long micros) {
    public Decision {
        Objects.requireNonNull(permitId, "permitId");
        if (!allowed) {
            Objects.requireNonNull(reasonCode, "reasonCode");
            Objects.requireNonNull(reason, "reason");
        }
    }

    public String wire() {
        return allowed ? "allow" : "deny";
    }
}
