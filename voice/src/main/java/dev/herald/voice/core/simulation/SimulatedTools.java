package dev.herald.voice.core.simulation;

import dev.herald.voice.core.call.MeetingSlot;
import dev.herald.voice.core.qualifier.CalendarTool;
import dev.herald.voice.core.qualifier.CallContext;
import dev.herald.voice.core.qualifier.KnowledgeBase;
import dev.herald.voice.core.qualifier.ToolCall;
import dev.herald.voice.core.qualifier.ToolResult;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/** Carries out allowed tool calls against a calendar and a knowledge base; lead writes are acknowledged only. */
public final class SimulatedTools implements ToolExecutor {
    private final CalendarTool calendar;
    private final KnowledgeBase knowledge;

    public SimulatedTools(CalendarTool calendar, KnowledgeBase knowledge) {
        this.calendar = calendar;
        this.knowledge = knowledge;
    }

    @Override
    public ToolResult execute(ToolCall call, CallContext context) {
        var args = call.arguments();
        return switch (call.tool()) {
            case LOOKUP_LEAD -> new ToolResult.LeadFound(context.leadName(), context.company());
            case SEARCH_KNOWLEDGE -> new ToolResult.KnowledgeFound(knowledge.search(args.getOrDefault("query", "")));
            case CHECK_AVAILABILITY -> new ToolResult.Availability(calendar.availability(
                    Instant.parse(args.get("from")), Duration.ofMinutes(Long.parseLong(args.get("minutes"))),
                    args.getOrDefault("zone", "").isEmpty() ? null : ZoneId.of(args.get("zone")), 4));
            case BOOK_MEETING -> {
                MeetingSlot slot = new MeetingSlot(Instant.parse(args.get("start")), Instant.parse(args.get("end")),
                        ZoneId.of(args.get("zone")));
                Optional<String> id = calendar.book(slot, context.leadId());
                yield id.<ToolResult>map(i -> new ToolResult.Booked(slot, i)).orElseGet(ToolResult.SlotTaken::new);
            }
            case UPDATE_LEAD, SEND_FOLLOW_UP, END_CALL -> new ToolResult.Done();
        };
    }
}
