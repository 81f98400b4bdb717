package dev.herald.voice.core.qualifier;

import dev.herald.voice.core.call.MeetingSlot;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What came of a tool call. A closed set; {@link Denied} is the caller's refusal (a governance decision). */
public sealed interface ToolResult {

    record Denied(String reason) implements ToolResult {
        public Denied {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The tool was allowed but did not work. */
    record Failed(String reason) implements ToolResult {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Done, nothing to report (update_lead, send_follow_up, end_call). */
    record Done() implements ToolResult {}

    record LeadFound(Optional<String> name, Optional<String> company) implements ToolResult {}

    record KnowledgeFound(Optional<String> passage) implements ToolResult {}

    record Availability(List<MeetingSlot> slots) implements ToolResult {
        public Availability {
            slots = List.copyOf(slots);
        }
    }

    record Booked(MeetingSlot slot, String bookingId) implements ToolResult {}

    /** The slot was taken between offering and booking. */
    record SlotTaken() implements ToolResult {}
}
