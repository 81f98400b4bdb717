package dev.herald.voice.core.qualifier;

import dev.herald.voice.core.call.MeetingSlot;
import java.util.List;

/** The slots on offer during booking: two at a time, at most two pages, one re-check after a lost race. */
final class SlotOffer {
    static final int PAGE = 2;

    private List<MeetingSlot> all = List.of();
    private int page;
    private int unclear;
    private int retries;

    List<MeetingSlot> start(List<MeetingSlot> slots) {
        all = List.copyOf(slots);
        page = 0;
        unclear = 0;
        return page();
    }

    List<MeetingSlot> page() {
        int from = Math.min(page * PAGE, all.size());
        return all.subList(from, Math.min(from + PAGE, all.size()));
    }

    /** The next page, or empty when the callee has already turned down two pages. */
    List<MeetingSlot> next() {
        if (page >= 1 || (page + 1) * PAGE >= all.size()) {
            return List.of();
        }
        page++;
        unclear = 0;
        return page();
    }

    int unclear() {
        return ++unclear;
    }


    boolean retryAvailability() {
        return retries++ < 1;
    }
}
