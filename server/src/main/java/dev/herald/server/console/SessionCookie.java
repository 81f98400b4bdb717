package dev.herald.server.console;

import dev.herald.platform.store.SecretBox;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * The console's session cookie: the API key the user signed in with, its sign-in time and a random
 * CSRF token, sealed (AES-256-GCM) with the install's {@link SecretBox} under a context of its own,
 * so it is unreadable and tamper-evident in the browser and opens on every node that shares the
 * install key. Nothing is kept on the server: signing out clears the cookie, revoking the key ends
 * every session made with it. Thread-safe.
 */
public final class SessionCookie {
    public static final String NAME = "herald_console";
    /** How long a sign-in lasts before the console asks for the key again. */
    public static final Duration LIFETIME = Duration.ofHours(12);
    /** Longest cookie value opened (a sealed payload of an API key is far shorter). */
    static final int MAX_VALUE_LENGTH = 2048;
    private static final String CONTEXT = "herald.console.session.v1";
    private static final int CSRF_BYTES = 24;

    private final SecretBox box;
    private final SecureRandom random;
    private final Clock clock;

    public SessionCookie(SecretBox box, SecureRandom random, Clock clock) {
        this.box = box;
        this.random = random;
        this.clock = clock;
    }

    /** What a valid cookie holds. */
    public record Opened(String apiKey, String csrf) {
        @Override
        public String toString() {
            return "Opened[apiKey=***, csrf=***]";
        }
    }

    /** A new sealed value for {@code apiKey}, with a fresh CSRF token. */
    public String seal(String apiKey) {
        byte[] token = new byte[CSRF_BYTES];
        random.nextBytes(token);
        String csrf = Base64.getUrlEncoder().withoutPadding().encodeToString(token);
        return box.seal(clock.millis() + "\n" + csrf + "\n" + apiKey, CONTEXT);
    }

    /** The key and token of a cookie value, or empty when it is malformed, forged, sealed elsewhere or expired. */
    public Optional<Opened> open(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_VALUE_LENGTH || !SecretBox.isSealed(value)) {
            return Optional.empty();
        }
        String plain;
        try {
            plain = box.open(value, CONTEXT);
        } catch (RuntimeException e) {
            // Bad base64, a short or altered ciphertext, another install's key: not a session.
            return Optional.empty();
        }
        String[] parts = plain.split("\n", 3);
        if (parts.length != 3) {
            return Optional.empty();
        }
        long issued;
        try {
            issued = Long.parseLong(parts[0]);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        long age = clock.millis() - issued;
        if (age < -Duration.ofMinutes(5).toMillis() || age > LIFETIME.toMillis()) {
            return Optional.empty();
        }
        return Optional.of(new Opened(parts[2], parts[1]));
    }

    /** True when the token a form sent is the session's (compared in constant time). */
    public static boolean csrfMatches(ConsoleSession session, String sent) {
        return sent != null && MessageDigest.isEqual(session.csrf().getBytes(StandardCharsets.UTF_8),
                sent.getBytes(StandardCharsets.UTF_8));
    }

    /** The {@code Set-Cookie} value that stores {@code sealed}; {@code secure} over HTTPS. */
    public static String setCookie(String sealed, boolean secure) {
        return NAME + "=" + sealed + "; Path=/console; Max-Age=" + LIFETIME.toSeconds() + "; HttpOnly; SameSite=Strict"
                + (secure ? "; Secure" : "");
    }

    /** The {@code Set-Cookie} value that clears the session. */
    public static String clearCookie(boolean secure) {
        return NAME + "=; Path=/console; Max-Age=0; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }
}
