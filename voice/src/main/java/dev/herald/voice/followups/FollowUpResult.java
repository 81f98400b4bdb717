package dev.herald.voice.followups;

/** What came of a follow-up request. A closed set. */
public sealed interface FollowUpResult {

    /** Stored and handed over; {@code created} false when the call already had it (a retried tool call). */
    record Requested(FollowUp followUp, boolean created) implements FollowUpResult {
    }

    /** Nothing stored: the lead may not or cannot be reached ({@code reason} says which, in words the agent's log shows). */
    record Refused(String reason) implements FollowUpResult {
    }
}
