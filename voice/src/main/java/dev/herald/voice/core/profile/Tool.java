package dev.herald.voice.core.profile;

import java.util.Arrays;
import java.util.Optional;

/** The tools a voice agent can ask to call. A closed set; each call is allowed or denied by the caller. */
public enum Tool {
    SEARCH_KNOWLEDGE("search_knowledge"),
    LOOKUP_LEAD("lookup_lead"),
    CHECK_AVAILABILITY("check_availability"),
    BOOK_MEETING("book_meeting"),
    UPDATE_LEAD("update_lead"),
    SEND_FOLLOW_UP("send_follow_up"),
    END_CALL("end_call");

    private final String wire;

    Tool(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<Tool> fromWire(String wire) {
        return Arrays.stream(values()).filter(t -> t.wire.equals(wire)).findFirst();
    }
}
