package dev.herald.server.console;

/** A page that says why there is nothing to show (not found, refused, not accepted). */
public record ErrorView(Chrome chrome, String heading, String message) {
    static ErrorView of(ConsoleSession session, String heading, String message) {
        return new ErrorView(new Chrome(heading, "", session), heading, message);
    }
}
