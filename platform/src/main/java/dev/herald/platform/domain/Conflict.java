package dev.herald.platform.domain;

/** The request conflicts with the current state: a duplicate name, a reused key with another request. */
public final class Conflict extends DomainException {
    public Conflict(String detail) {
        super(detail, null);
    }
}
