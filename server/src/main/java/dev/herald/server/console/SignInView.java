package dev.herald.server.console;

/** The sign-in page, with why the last attempt failed (null on a first visit). */
public record SignInView(Chrome chrome, String error) {
    static SignInView of(String error) {
        return new SignInView(new Chrome("Sign in", "", null), error);
    }
}
