package dev.herald.platform.domain;

/** The thing does not exist, or belongs to another tenant (the two are indistinguishable on purpose). */
public final class NotFound extends DomainException {
    public NotFound(String detail) {
        super(detail, null);
    }
}
