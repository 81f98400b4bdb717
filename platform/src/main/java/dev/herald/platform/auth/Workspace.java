package dev.herald.platform.auth;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Objects;

/** A tenant. Every row of every feature belongs to exactly one workspace. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Workspace(String id, String name, long createdAt) {
    public Workspace {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }
}
