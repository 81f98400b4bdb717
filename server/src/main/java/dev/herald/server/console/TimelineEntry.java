package dev.herald.server.console;

/**
 * One line of a call's timeline on its page: an utterance ({@code role} and {@code text}) or a
 * governance decision on an agent turn or a tool call ({@code subject}, {@code decision} allow or
 * deny, and the {@code reason}).
 */
public record TimelineEntry(long seq, Kind kind, String role, String text, boolean interrupted, String subject,
                            String decision, String reason) {
    public enum Kind { UTTERANCE, DECISION }

    static TimelineEntry utterance(long seq, String role, String text, boolean interrupted) {
        return new TimelineEntry(seq, Kind.UTTERANCE, role, text, interrupted, null, null, null);
    }

    static TimelineEntry decision(long seq, String subject, String decision, String reason) {
        return new TimelineEntry(seq, Kind.DECISION, null, null, false, subject, decision, reason);
    }

    public boolean isUtterance() {
        return kind == Kind.UTTERANCE;
    }

    public boolean denied() {
        return "deny".equals(decision);
    }

    /** The speaker as the page names it. */
    public String speaker() {
        return "agent".equals(role) ? "Agent" : "user".equals(role) ? "Caller" : Show.text(role);
    }
}
