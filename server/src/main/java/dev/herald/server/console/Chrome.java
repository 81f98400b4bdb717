package dev.herald.server.console;

/**
 * What every page's frame needs: its title, which section of the navigation is current, and the
 * session (null on pages shown without one: sign-in, refusals).
 */
public record Chrome(String title, String section, ConsoleSession session) {
    public boolean signedIn() {
        return session != null;
    }

    /** {@code aria-current} for a navigation link: "page" on the current section, else null (left out). */
    public String current(String s) {
        return s.equals(section) ? "page" : null;
    }
}
