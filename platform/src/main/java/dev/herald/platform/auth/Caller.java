package dev.herald.platform.auth;

import dev.herald.platform.http.KeyOwner;
import io.javalin.http.Context;
import java.util.Objects;
import java.util.Set;

/**
 * Who is calling: the authenticated API key's workspace, its project (null for workspace-wide
 * admin keys), the key id and its scopes. Set by {@link BearerAuth} on every request to an
 * operation that needs a key; which kinds of key an operation accepts is its {@link Access}.
 */
public record Caller(String workspaceId, String projectId, String keyId, Set<String> scopes) implements KeyOwner {
    static final String ATTRIBUTE = "herald.caller";

    public Caller {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(keyId, "keyId");
        scopes = Set.copyOf(scopes);
    }

    /** The caller of an authenticated request. */
    public static Caller of(Context ctx) {
        Caller caller = ctx.attribute(ATTRIBUTE);
        if (caller == null) {
            throw new IllegalStateException("no caller: route " + ctx.path() + " is public or auth did not run");
        }
        return caller;
    }

    public boolean isAdmin() {
        return scopes.contains(KeyScope.ADMIN.wire());
    }

    /** A voice platform's own key (bound to the platform's project). */
    public boolean isPlatform() {
        return scopes.contains(KeyScope.PLATFORM.wire());
    }
}
