package dev.herald.platform.http;

import dev.herald.platform.HeraldException;
import java.util.List;
import java.util.Map;

/**
 * The client-facing {@link HeraldException} subclasses, one per problem kind. Throw these from
 * services and handlers; {@link ProblemHandlers} turns them into problem+json.
 */
public final class Problems {
    private Problems() {
    }

    /** 400: the request could not be read at all (malformed JSON, bad header syntax). */
    public static final class BadRequest extends HeraldException {
        public BadRequest(String detail) {
            super(400, "malformed-request", "Malformed request", detail);
        }
    }

    /** 401: no credentials or wrong credentials. */
    public static final class Unauthorized extends HeraldException {
        private final boolean invalidToken;

        public Unauthorized(String detail, boolean invalidToken) {
            super(401, "unauthorized", "Unauthorized", detail);
            this.invalidToken = invalidToken;
        }

        /** The {@code WWW-Authenticate} challenge to send (RFC 6750 section 3). */
        public String challenge() {
            return invalidToken ? "Bearer realm=\"herald\", error=\"invalid_token\"" : "Bearer realm=\"herald\"";
        }
    }

    /** 403: authenticated, but the key's scopes do not allow this. */
    public static final class Forbidden extends HeraldException {
        public Forbidden(String detail) {
            super(403, "forbidden", "Forbidden", detail);
        }
    }

    /** 404: missing, or belonging to another tenant (the two are indistinguishable on purpose). */
    public static final class NotFound extends HeraldException {
        public NotFound(String detail) {
            super(404, "not-found", "Not found", detail);
        }
    }

    /** 409: the request conflicts with the current state (duplicate name, idempotency key reuse). */
    public static final class Conflict extends HeraldException {
        public Conflict(String detail) {
            super(409, "conflict", "Conflict", detail);
        }
    }

    /** 413: the request body is larger than the server accepts (checked while it is read). */
    public static final class PayloadTooLarge extends HeraldException {
        public PayloadTooLarge(long limit) {
            super(413, "payload-too-large", "Payload too large", "request body exceeds the maximum size of " + limit + " bytes");
        }
    }

    /** 415: the body is not {@code application/json}. */
    public static final class UnsupportedMediaType extends HeraldException {
        public UnsupportedMediaType(String detail) {
            super(415, "unsupported-media-type", "Unsupported media type", detail);
        }
    }

    /** 503: not ready (database down, shutting down). */
    public static final class Unavailable extends HeraldException {
        public Unavailable(String detail) {
            super(503, "unavailable", "Service unavailable", detail);
        }
    }

    /** One invalid field: a JSON path such as {@code name} or {@code items[2].amount}, and why. */
    public record FieldError(String field, String reason) {
    }

    /** 422: the body parsed but its content is invalid; lists every invalid field. */
    public static final class Validation extends HeraldException {
        private final List<FieldError> errors;

        public Validation(List<FieldError> errors) {
            super(422, "validation", "Validation failed", summary(errors));
            this.errors = List.copyOf(errors);
        }

        public Validation(String field, String reason) {
            this(List.of(new FieldError(field, reason)));
        }

        public List<FieldError> errors() {
            return errors;
        }

        @Override
        public Map<String, Object> extensions() {
            return Map.of("errors", errors);
        }

        private static String summary(List<FieldError> errors) {
            if (errors.isEmpty()) {
                throw new IllegalArgumentException("a validation problem needs at least one field error");
            }
            FieldError first = errors.getFirst();
            String more = errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "";
            return first.field() + ": " + first.reason() + more;
        }
    }
}
