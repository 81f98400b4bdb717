package dev.herald.platform.events;

/**
 * One event of a server-sent event stream as its route reads it from the database.
 *
 * @param id   the event's position in its stream, sent as {@code id:} and given back by a client
 *             that reconnects as {@code Last-Event-ID}: 1 to {@value #MAX_ID_LENGTH} characters
 *             without control characters
 * @param type the {@code event:} name, or null for the default {@code message}; letters, digits,
 *             {@code .}, {@code _} and {@code -}
 * @param data the {@code data:} text (line breaks are sent as several {@code data:} lines); not
 *             null, without NUL
 */
public record StreamEvent(String id, String type, String data) {
    public static final int MAX_ID_LENGTH = 256;

    public StreamEvent {
        if (!isValidId(id)) {
            throw new IllegalArgumentException("not a stream event id: " + id);
        }
        if (type != null && !type.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("not a stream event type: " + type);
        }
        if (data == null || data.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("stream event data must be text without NUL");
        }
    }

    /** True for a string usable as an event id (and so as a {@code Last-Event-ID}). */
    public static boolean isValidId(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_ID_LENGTH) {
            return false;
        }
        return id.chars().noneMatch(Character::isISOControl);
    }

    /** The event in the {@code text/event-stream} format, ending with its blank line. */
    String wire() {
        StringBuilder b = new StringBuilder(data.length() + id.length() + 32);
        b.append("id: ").append(id).append('\n');
        if (type != null) {
            b.append("event: ").append(type).append('\n');
        }
        for (String line : data.split("\r\n|\r|\n", -1)) {
            b.append("data: ").append(line).append('\n');
        }
        return b.append('\n').toString();
    }
}
