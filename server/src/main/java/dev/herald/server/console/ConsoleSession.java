package dev.herald.server.console;

import dev.herald.platform.auth.Caller;
import java.util.Objects;

/**
 * A signed-in console user: the API key's caller (re-authenticated on every request) and the
 * session's CSRF token, which every console form sends back.
 */
public record ConsoleSession(Caller caller, String csrf) {
    public ConsoleSession {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(csrf, "csrf");
    }

    public String workspaceId() {
        return caller.workspaceId();
    }

    /** What the header shows: the key's id and whether it is an admin key or a project's. */
    public String keyLabel() {
        return caller.keyId() + (caller.isAdmin() ? " (admin)" : " (project " + caller.projectId() + ")");
    }
}
