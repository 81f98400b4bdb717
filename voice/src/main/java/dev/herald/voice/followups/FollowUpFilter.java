package dev.herald.voice.followups;

import dev.herald.platform.http.FieldCheck;
import java.util.function.Function;

/** What a follow-up list is narrowed to: a lead, a call, both or neither. */
public record FollowUpFilter(String leadId, String callId) {
    static final int MAX_ID_LENGTH = 40;
    public static final FollowUpFilter ALL = new FollowUpFilter(null, null);

    /** Reads {@code lead_id} and {@code call_id}; each bad one is named in one {@link dev.herald.platform.domain.Invalid}. */
    public static FollowUpFilter from(Function<String, String> query) {
        FieldCheck check = new FieldCheck();
        String lead = id(check, "lead_id", query.apply("lead_id"));
        String call = id(check, "call_id", query.apply("call_id"));
        check.throwIfAny();
        return new FollowUpFilter(lead, call);
    }

    private static String id(FieldCheck check, String field, String value) {
        if (value != null && (value.isBlank() || value.length() > MAX_ID_LENGTH)) {
            check.fail(field, "must be an id of 1 to " + MAX_ID_LENGTH + " characters");
        }
        return value;
    }
}
