package dev.herald.platform.http;


/**
 * The HTTP-edge problems, one per kind; domain failures live in {@code dev.herald.platform.domain}.
 * {@link ProblemHandlers} turns both into problem+json.
 */
public final class Problems {
    private Problems() {
    }

    /** 400: the request could not be read at all (malformed JSON, bad header syntax). */
    public static final class BadRequest extends HttpProblem {
        public BadRequest(String detail) {
            super(400, "malformed-request", "Malformed request", detail);
        }
    }

    /** 401: no credentials or wrong credentials. */
    public static final class Unauthorized extends HttpProblem {
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

    /** 413: the request body is larger than the server accepts (checked while it is read). */
    public static final class PayloadTooLarge extends HttpProblem {
        public PayloadTooLarge(long limit) {
            super(413, "payload-too-large", "Payload too large", "request body exceeds the maximum size of " + limit + " bytes");
        }
    }

    /** 415: the body is not {@code application/json}. */
    public static final class UnsupportedMediaType extends HttpProblem {
        public UnsupportedMediaType(String detail) {
            super(415, "unsupported-media-type", "Unsupported media type", detail);
        }
    }
}
