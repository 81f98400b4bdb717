package dev.herald.ratify;

/**
 * Evaluates one extension constraint type (SPEC 17.7). Consulted only for types the SDK does not
 * know. Return normally to pass; throw {@link Unverifiable} when required inputs are missing
 * ({@code constraint_unverifiable}); throw anything else to deny ({@code constraint_denied}).
 */
@FunctionalInterface
public interface ConstraintEvaluator {
    void evaluate(Constraint.Extension constraint, String certId, VerifierContext context,
            long nowEpochSeconds) throws Exception;

    /** Signals that the context lacks the inputs this constraint needs. */
    final class Unverifiable extends RatifyException {
        public Unverifiable(String message) {
            super(message);
        }
    }
}
