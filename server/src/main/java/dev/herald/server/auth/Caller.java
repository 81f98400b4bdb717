package dev.herald.server.auth;

import dev.herald.server.http.Problems;
import io.javalin.http.Context;
import java.util.Objects;
import java.util.Set;

/**
 * Who is calling: the authenticated API key's workspace, its project (null for workspace-wide
 * admin keys), the key id and its scopes. Set by {@link BearerAuth} on every {@code /v1/*} request.
 */
public record Caller(String workspaceId, String projectId, String keyId, Set<String> scopes) {
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
            throw new IllegalStateException("no caller: route " + ctx.path() + " is outside /v1/ or auth did not run");
        }
        return caller;
    }

    public boolean isAdmin() {
        return scopes.contains(KeyScope.ADMIN.wire());
    }

    public boolean has(String scope) {
        return isAdmin() || scopes.contains(scope);
    }

    /** Throws 403 unless the key is an admin key. */
    public Caller requireAdmin() {
        if (!isAdmin()) {
            throw new Problems.Forbidden("this operation needs an admin API key");
        }
        return this;
    }

    /** Throws 403 unless the key has {@code scope} (admin keys have every scope). */
    public Caller require(String scope) {
        if (!has(scope)) {
            throw new Problems.Forbidden("this operation needs an API key with scope '" + scope + "'");
        }
        return this;
    }
}
