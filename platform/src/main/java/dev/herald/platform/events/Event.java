package dev.herald.platform.events;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * One small event on the bus: the channel it was published on and a short message, such as the id
 * of the row that changed. Events are wake-up calls, not data carriers: a subscriber reads what it
 * needs from the database, which stays the one source of truth, so a lost or repeated event costs
 * a re-read, never a wrong answer.
 *
 * @param channel lower-case letters, digits, {@code .}, {@code _} and {@code -}, starting with a
 *                letter, at most {@value #MAX_CHANNEL_LENGTH} characters ({@code "webhooks.queued"})
 * @param message at most {@value #MAX_MESSAGE_BYTES} bytes of UTF-8 without NUL (PostgreSQL's
 *                {@code NOTIFY} carries at most 8000 bytes and no NUL; the bound keeps events small
 *                well below that)
 */
public record Event(String channel, String message) {
    public static final int MAX_CHANNEL_LENGTH = 64;
    public static final int MAX_MESSAGE_BYTES = 1000;
    private static final Pattern CHANNEL = Pattern.compile("[a-z][a-z0-9._-]{0," + (MAX_CHANNEL_LENGTH - 1) + "}");

    public Event {
        requireChannel(channel);
        if (message == null) {
            throw new IllegalArgumentException("an event message may be empty but not null");
        }
        if (message.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an event message cannot hold NUL");
        }
        if (message.getBytes(StandardCharsets.UTF_8).length > MAX_MESSAGE_BYTES) {
            throw new IllegalArgumentException("an event message is at most " + MAX_MESSAGE_BYTES + " bytes");
        }
    }

    /** {@code channel} when it is a valid channel name; otherwise an {@link IllegalArgumentException}. */
    public static String requireChannel(String channel) {
        if (channel == null || !CHANNEL.matcher(channel).matches()) {
            throw new IllegalArgumentException("not an event channel name: " + channel);
        }
        return channel;
    }

    /** The event as one line of text: the channel, a space, the message (a channel holds no space). */
    String encode() {
        return channel + ' ' + message;
    }

    /** The inverse of {@link #encode}. */
    static Event decode(String encoded) {
        int space = encoded.indexOf(' ');
        if (space < 0) {
            throw new IllegalArgumentException("not an encoded event");
        }
        return new Event(encoded.substring(0, space), encoded.substring(space + 1));
    }
}
