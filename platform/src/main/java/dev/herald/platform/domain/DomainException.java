package dev.herald.platform.domain;

import dev.herald.platform.HeraldException;

/**
 * What a service can answer besides its result: a closed set of outcomes, each in the domain's own
 * words. Services and hooks throw these (never HTTP types); the HTTP layer
 * ({@code dev.herald.platform.http.ProblemHandlers}) maps each kind to its problem+json, and the
 * MCP server and the console can map them their own way.
 */
public abstract sealed class DomainException extends HeraldException
        permits NotFound, Conflict, Invalid, Denied, Unavailable {
    DomainException(String detail, Throwable cause) {
        super(detail, cause);
    }
}
