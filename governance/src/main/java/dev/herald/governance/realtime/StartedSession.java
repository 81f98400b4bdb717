package dev.herald.governance.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A session being started, as a {@link StartAuthorization} sees it in
 * {@link StartAuthorization.Admission#created}: it may append entries to the new session's chain
 * (after {@code voice.session.started}) and add members to the permit stored with the session
 * (the permit in the first chain entry is already fixed). Valid only during that call; not
 * thread-safe.
 */
public final class StartedSession {
    private final StartRequest request;
    private final SessionLedger ledger;
    private final SessionLedger.Cursor cursor;
    private final ObjectNode permit;
    private boolean permitChanged;

    StartedSession(StartRequest request, SessionLedger ledger, SessionLedger.Cursor cursor, ObjectNode permit) {
        this.request = request;
        this.ledger = ledger;
        this.cursor = cursor;
        this.permit = permit;
    }

    public String sessionId() {
        return cursor.sessionId();
    }

    public StartRequest request() {
        return request;
    }

    /** Appends an entry to the session's chain; {@code attributes} may be null. */
    public void append(String eventType, ObjectNode attributes, JsonNode payload) {
        ledger.append(cursor, eventType, attributes, payload);
    }

    /** Sets a member of the stored session permit (the artifact's permit), after the ones already there. */
    public void addToPermit(String member, JsonNode value) {
        permit.set(member, value.deepCopy());
        permitChanged = true;
    }

    /** The permit to store, when a hook changed it. */
    ObjectNode changedPermit() {
        return permitChanged ? permit : null;
    }
}
