package dev.herald.platform.auth;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Objects;

/** A project inside a workspace; its name is unique in the workspace and accepted wherever its id is. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Project(String id, String workspaceId, String name, long createdAt) {
    public Project {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(name, "name");
    }
}
