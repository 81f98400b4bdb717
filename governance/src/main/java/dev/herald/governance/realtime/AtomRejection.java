package dev.herald.governance.realtime;

/**
 * The closed set of reasons an atom (or an interruption, which is signed like one) is refused,
 * each with a stable wire {@link #code()}. A {@link Scope#REQUEST} reason is a defect of the
 * request: the whole batch is a 422 naming the field and nothing of it is written. An
 * {@link Scope#ATOM} reason is a signature that does not verify: under {@code enforce} that one
 * atom is {@code rejected}, under {@code record} it is accepted as {@code unverified}. On the wire
 * a reason reads {@code <code>: <detail>} (the field error's {@code reason}, an atom result's
 * {@code reason}, a chain entry's {@code unverified_reason}); docs/realtime.md lists every code
 * with what a sidecar should do about it.
 */
public enum AtomRejection {
    /** A member is missing, or has the wrong JSON type (a string, an object, an array, a boolean). */
    MALFORMED("malformed", Scope.REQUEST),
    /** A member the body does not have (interruption bodies are closed). */
    UNKNOWN_MEMBER("unknown_member", Scope.REQUEST),
    /** {@code events} holds no atom. */
    EMPTY_BATCH("empty_batch", Scope.REQUEST),
    /** {@code events} holds more than {@link Atom#MAX_BATCH} atoms. */
    BATCH_TOO_LARGE("batch_too_large", Scope.REQUEST),
    /** A batch, atom or interruption key that is not 1 to 255 visible ASCII characters. */
    INVALID_IDEMPOTENCY_KEY("invalid_idempotency_key", Scope.REQUEST),
    /** {@code atom_type} is not one of {@link Atom#TYPES}. */
    UNKNOWN_ATOM_TYPE("unknown_atom_type", Scope.REQUEST),
    /** {@code captured_at_ns} is not epoch nanoseconds (a JSON integer or a string of digits). */
    INVALID_CAPTURED_AT("invalid_captured_at", Scope.REQUEST),
    /** {@code direction} is not {@code inbound}/{@code outbound}, or is missing where required. */
    INVALID_DIRECTION("invalid_direction", Scope.REQUEST),
    /** A number that is not a non-negative integer where one is required, or a float anywhere chained. */
    INVALID_NUMBER("invalid_number", Scope.REQUEST),
    /** A member named like media bytes: Herald never accepts audio itself. */
    MEDIA_BYTES("media_bytes", Scope.REQUEST),
    /** An audio atom's payload member outside its short list. */
    UNEXPECTED_AUDIO_MEMBER("unexpected_audio_member", Scope.REQUEST),
    /** A digest that is not {@code sha256:} and 64 lowercase hex digits. */
    INVALID_DIGEST("invalid_digest", Scope.REQUEST),
    /** A signature entry whose {@code algorithm} Herald does not know. */
    UNKNOWN_ALGORITHM("unknown_algorithm", Scope.REQUEST),

    /** The atom carries no signature. */
    UNSIGNED("unsigned", Scope.ATOM),
    /** {@code key_id} is not an active sidecar key of the project (never registered, or retired). */
    UNKNOWN_KEY("unknown_key", Scope.ATOM),
    /** The entry's algorithm is not the registered key's. */
    ALGORITHM_MISMATCH("algorithm_mismatch", Scope.ATOM),
    /** {@code signature} is not base64. */
    UNDECODABLE_SIGNATURE("undecodable_signature", Scope.ATOM),
    /** The signature does not verify over the atom's canonical bytes. */
    BAD_SIGNATURE("bad_signature", Scope.ATOM),
    /** A {@code sidecar-session-cert} entry without a usable certificate (its members, expiry or key). */
    SESSION_CERT_MALFORMED("session_cert_malformed", Scope.ATOM),
    /** The session certificate's {@code expires_at} has passed. */
    SESSION_CERT_EXPIRED("session_cert_expired", Scope.ATOM),
    /** The session certificate is not signed by {@code key_id} for this session. */
    SESSION_CERT_NOT_SIGNED("session_cert_not_signed", Scope.ATOM),
    /** The signature does not verify under the certified session key. */
    BAD_SESSION_SIGNATURE("bad_session_signature", Scope.ATOM);

    /** What a reason refuses: the whole request, or one atom's signatures. */
    public enum Scope { REQUEST, ATOM }

    private final String code;
    private final Scope scope;

    AtomRejection(String code, Scope scope) {
        this.code = code;
        this.scope = scope;
    }

    public String code() {
        return code;
    }

    public Scope scope() {
        return scope;
    }

    /** This reason with its detail. */
    public Reason because(String detail) {
        return new Reason(this, detail);
    }

    /** One refusal: its code and a detail naming what exactly is wrong. */
    public record Reason(AtomRejection code, String detail) {
        public Reason {
            if (code == null || detail == null || detail.isBlank()) {
                throw new IllegalArgumentException("a rejection has a code and a detail");
            }
        }

        /** The wire form: {@code <code>: <detail>}. */
        public String wire() {
            return code.code() + ": " + detail;
        }
    }
}
