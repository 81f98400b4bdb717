package dev.herald.voice.core.profile;

/** Why a profile field was refused. A closed set with stable wire names. */
public enum ProfileErrorReason {
    REQUIRED("required"),
    TOO_LONG("too_long"),
    OUT_OF_RANGE("out_of_range"),
    INVALID_KEY("invalid_key"),
    DUPLICATE_KEY("duplicate_key"),
    INVALID_LANGUAGE("invalid_language"),
    UNKNOWN_PLACEHOLDER("unknown_placeholder"),
    /** A criterion names a question the objective does not have. */
    UNKNOWN_QUESTION("unknown_question"),
    /** A criterion's condition cannot apply to its question's answer rule (e.g. at_least on yes/no). */
    CONDITION_MISMATCH("condition_mismatch"),
    /** The objective needs a tool the profile does not enable (offering a meeting needs the calendar tools). */
    TOOL_NOT_ENABLED("tool_not_enabled");

    private final String wire;

    ProfileErrorReason(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
