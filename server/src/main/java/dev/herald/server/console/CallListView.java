package dev.herald.server.console;

import dev.herald.platform.domain.FieldError;
import dev.herald.voice.calls.CallBrief;
import java.time.ZoneId;
import java.util.List;

/**
 * The calls page: the filter as the user typed it, one page of calls (newest first), the link to
 * the next page, and what was wrong with the filter (then no calls are listed).
 */
public record CallListView(Chrome chrome, ZoneId zone, Form form, List<CallBrief> calls, String nextUrl,
                           List<FieldError> errors, List<String> outcomes, List<String> directions) {

    /** The filter's fields as sent (blank ones as null); dates are local days of the workspace's zone. */
    public record Form(String outcome, String direction, String campaignId, String from, String to) {
    }

    public boolean simulated(CallBrief c) {
        return CallPages.SIMULATED.equals(c.provider());
    }
}
