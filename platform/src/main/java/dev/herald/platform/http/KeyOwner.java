package dev.herald.platform.http;

/**
 * Whose {@code Idempotency-Key}s a request uses: the caller's workspace and, for a key bound to
 * one project, that project. The authenticated caller is one; the HTTP edge needs nothing else of
 * it, so it does not depend on how callers are authenticated.
 */
public interface KeyOwner {
    String workspaceId();

    /** The project a key is bound to; null for a workspace-wide key. */
    String projectId();
}
