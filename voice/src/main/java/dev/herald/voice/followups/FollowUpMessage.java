package dev.herald.voice.followups;

import dev.herald.voice.core.call.FollowUpReason;
import dev.herald.voice.core.call.MeetingSlot;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The message of a follow-up, rendered from the profile's agent name, the lead's name and company,
 * the reasons in plain words and the meeting booked on the call. An email gets a greeting, one
 * paragraph per point and a signature; an SMS one short paragraph. The subject never names the
 * lead, so a purge of the body leaves nothing personal but the recipient. Stateless.
 */
record FollowUpMessage(String subject, String body) {
    static final int MAX_SUBJECT = 200;
    private static final DateTimeFormatter LONG = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'at' HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("EEE d MMM, HH:mm", Locale.ENGLISH);

    /** What the message speaks of: who wrote it, to whom, why, and the meeting if one was booked. */
    record Parts(String agentName, Optional<String> leadName, Optional<String> company, List<FollowUpReason> reasons,
                 Optional<MeetingSlot> meeting) {
    }

    static FollowUpMessage render(String channel, Parts p) {
        String subject = p.meeting().map(m -> "Confirming our meeting on " + SHORT.format(local(m)) + " ("
                + m.zone().getId() + ")").orElse("Following up on our call");
        if (subject.length() > MAX_SUBJECT) {
            subject = subject.substring(0, MAX_SUBJECT);
        }
        List<String> points = new ArrayList<>();
        p.meeting().ifPresent(m -> points.add("Your meeting is booked for " + LONG.format(local(m)) + " ("
                + m.zone().getId() + "), for " + Duration.between(m.start(), m.end()).toMinutes() + " minutes."));
        for (FollowUpReason r : p.reasons()) {
            points.add(words(r));
        }
        if (points.isEmpty()) {
            points.add("Thanks again for your time.");
        }
        String first = p.leadName().map(n -> n.strip().split("\\s+")[0]).filter(n -> !n.isEmpty()).orElse("there");
        String about = p.company().map(c -> " about " + c.strip()).orElse("");
        if (FollowUp.SMS.equals(channel)) {
            return new FollowUpMessage(subject, "Hi " + first + ", this is " + p.agentName() + ". Thanks for the call"
                    + about + " today. " + String.join(" ", points));
        }
        return new FollowUpMessage(subject, "Hi " + first + ",\n\nThank you for speaking with me today" + about + ".\n\n"
                + String.join("\n\n", points) + "\n\nBest regards,\n" + p.agentName() + "\n");
    }

    /** A reason as the lead should read it. */
    static String words(FollowUpReason reason) {
        return switch (reason) {
            case SCHEDULE_MEETING -> "A colleague will be in touch to find a time for a demo.";
            case BOOKING_DENIED -> "I couldn't book the meeting during our call, so a colleague will arrange a time with you.";
            case QUESTION_UNANSWERED -> "You asked something I couldn't answer on the call; a colleague will follow up "
                    + "with the answer.";
            case INCOMPLETE_ANSWERS -> "We didn't get through all of my questions; a colleague may reach out to fill in "
                    + "the gaps.";
            case CALLEE_HUNG_UP -> "It sounds like we were cut off. Reply whenever suits you and we'll pick up from there.";
            case NOT_INTERESTED -> "I understand now isn't the right time. If that changes, just reply to this message.";
            case VOICEMAIL_LEFT -> "I left you a voicemail and will try you again another time.";
            case SEND_INFORMATION -> "As promised, a colleague will send you some information to look at later.";
        };
    }

    private static ZonedDateTime local(MeetingSlot m) {
        return m.start().atZone(m.zone());
    }
}
