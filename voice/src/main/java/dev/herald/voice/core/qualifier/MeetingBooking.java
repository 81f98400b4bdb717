package dev.herald.voice.core.qualifier;

import dev.herald.voice.core.call.FollowUpReason;
import dev.herald.voice.core.call.MeetingSlot;
import dev.herald.voice.core.profile.Tool;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The meeting part of the qualifier's dialogue: check availability, offer slots two at a time,
 * understand the callee's pick, book it, and cope with a lost race or a denied tool by handing the
 * booking to a colleague. Owned by one {@link QualifierAgent}.
 */
final class MeetingBooking {
    private final QualifierAgent agent;
    private final SlotOffer offer = new SlotOffer();
    private MeetingSlot meeting;

    MeetingBooking(QualifierAgent agent) {
        this.agent = agent;
    }

    Optional<MeetingSlot> meeting() {
        return Optional.ofNullable(meeting);
    }

    List<AgentAction> begin(String prefix) {
        agent.phase(QualifierAgent.Phase.AVAILABILITY);
        return List.of(new AgentAction.Say(prefix + " Thank you, that sounds like a great fit. I'd like to set up a "
                + agent.objective().meetingLength().orElseThrow().toMinutes()
                + "-minute demo with a specialist. Let me check the calendar."), checkAvailability());
    }

    private AgentAction checkAvailability() {
        return agent.tool(Tool.CHECK_AVAILABILITY, Map.of(
                "from", agent.clock().instant().toString(),
                "minutes", Long.toString(agent.objective().meetingLength().orElseThrow().toMinutes()),
                "zone", agent.context().zone().map(Object::toString).orElse("")));
    }

    List<AgentAction> onAvailability(ToolResult toolResult) {
        return switch (toolResult) {
            case ToolResult.Availability a when !a.slots().isEmpty() -> {
                agent.phase(QualifierAgent.Phase.CHOOSING);
                List<MeetingSlot> page = offer.start(a.slots());
                yield QualifierAgent.say("I can offer " + Phrases.slots(page)
                        + (page.size() == 1 ? ". Would that work for you?" : ". Which works better for you?"));
            }
            case ToolResult.Denied d -> {
                agent.followUp(FollowUpReason.BOOKING_DENIED);
                yield agent.close("I'm not able to check the calendar from this call, so a colleague will email you some times to choose from.");
            }
            default -> {
                agent.followUp(FollowUpReason.SCHEDULE_MEETING);
                yield agent.close("I don't see an open slot I can offer right now, so a colleague will email you some times.");
            }
        };
    }

    List<AgentAction> onChoice(String utterance) {
        return switch (SlotChoice.pick(utterance, offer.page())) {
            case SlotChoice.Pick.Slot s -> {
                MeetingSlot chosen = offer.page().get(s.index());
                agent.phase(QualifierAgent.Phase.BOOKING);
                yield List.of(new AgentAction.Say("Great, let me book " + Phrases.slot(chosen) + " for you."),
                        agent.tool(Tool.BOOK_MEETING, Map.of("start", chosen.start().toString(), "end", chosen.end().toString(),
                                "zone", chosen.zone().getId(), "lead_id", agent.context().leadId())));
            }
            case SlotChoice.Pick.Neither n -> {
                List<MeetingSlot> next = offer.next();
                if (next.isEmpty()) {
                    agent.followUp(FollowUpReason.SCHEDULE_MEETING);
                    yield agent.close("No problem. A colleague will email you a few more options.");
                }
                yield QualifierAgent.say("No problem. How about " + Phrases.slots(next) + "?");
            }
            case SlotChoice.Pick.Unclear u -> {
                if (offer.unclear() >= 2) {
                    agent.followUp(FollowUpReason.SCHEDULE_MEETING);
                    yield agent.close("I'll have a colleague email you the options so you can pick one.");
                }
                yield QualifierAgent.say("Sorry, which one works better for you: " + Phrases.slots(offer.page()) + "?");
            }
        };
    }

    List<AgentAction> onBooking(ToolResult toolResult) {
        return switch (toolResult) {
            case ToolResult.Booked b -> {
                meeting = b.slot();
                yield agent.close("You're all set for " + Phrases.slot(b.slot()) + ". You'll get a calendar invitation by email.");
            }
            case ToolResult.SlotTaken t when offer.retryAvailability() -> {
                agent.phase(QualifierAgent.Phase.AVAILABILITY);
                yield List.of(new AgentAction.Say("Oh, that time was just taken. Let me look again."), checkAvailability());
            }
            case ToolResult.Denied d -> {
                agent.followUp(FollowUpReason.BOOKING_DENIED);
                yield agent.close("I'm sorry, I'm not able to book meetings myself on this call. A colleague will email you to confirm that time.");
            }
            default -> {
                agent.followUp(FollowUpReason.SCHEDULE_MEETING);
                yield agent.close("The booking didn't go through, so a colleague will email you to confirm a time.");
            }
        };
    }
}
