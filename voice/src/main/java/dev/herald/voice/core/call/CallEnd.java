package dev.herald.voice.core.call;

import java.util.Objects;
import java.util.Optional;

/**
 * The end of a call: the closed {@link EndReason} plus the provider's own code (a SIP status, a
 * Twilio call status, ...) when there was one. The simulated provider reports {@code sim:<reason>}.
 */
public record CallEnd(EndReason reason, Optional<String> providerCode) {
    public CallEnd {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(providerCode, "providerCode");
        providerCode.ifPresent(code -> {
            if (code.isBlank() || code.length() > 200) {
                throw new IllegalArgumentException("providerCode must be 1..200 characters");
            }
        });
    }

    public static CallEnd of(EndReason reason) {
        return new CallEnd(reason, Optional.empty());
    }

    public static CallEnd of(EndReason reason, String providerCode) {
        return new CallEnd(reason, Optional.of(providerCode));
    }
}
