package dev.herald.server.console;

import dev.herald.voice.calls.CallView;
import java.time.ZoneId;
import java.util.List;

/**
 * The page of one call. While {@code live} the page opens the call's console stream at
 * {@code streamUrl} and its timeline grows as the stream sends lines; once the call has ended the
 * timeline is read from the stored stream. {@code wordsPurged}: retention removed the transcript,
 * so only the decisions are listed.
 */
public record CallPageView(Chrome chrome, CallView call, ZoneId zone, boolean live, List<TimelineEntry> timeline,
                           VerdictView verdict, String streamUrl, boolean wordsPurged) {
    public boolean simulated() {
        return CallPages.SIMULATED.equals(call.provider());
    }
}
