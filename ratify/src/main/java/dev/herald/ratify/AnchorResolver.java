package dev.herald.ratify;

/**
 * Maps a verified {@code human_id} to its external identity binding (SPEC 17.8). Consulted only
 * on success, before audit. Errors and null results are non-fatal: the anchor is simply absent.
 */
@FunctionalInterface
public interface AnchorResolver {
    Anchor resolveAnchor(String humanId) throws Exception;
}
