package dev.herald.platform.auth;

import java.util.Objects;
import java.util.Set;

/** A freshly created API key: the only moment its secret exists in clear. */
public record IssuedKey(String id, String workspaceId, String projectId, Set<String> scopes, ApiKeySecret secret) {
    public IssuedKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(secret, "secret");
        scopes = Set.copyOf(scopes);
    }
}
