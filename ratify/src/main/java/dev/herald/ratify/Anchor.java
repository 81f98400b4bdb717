package dev.herald.ratify;

import java.util.Objects;

/** An external identity binding of a human root (SPEC 5.5): email, enterprise_sso, government_id. */
public record Anchor(String type, String provider, String reference, long verifiedAt) {
    public Anchor {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(reference, "reference");
    }
}
