package dev.herald.voice.campaigns;

/**
 * The port through which the dialler places a campaign's calls and learns how they ended. The
 * composition root wires it to the calls package ({@code CallService.place}/{@code get}).
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #place} is idempotent under {@link Dial#idempotencyKey()}: a second request with the
 *       same key (a node taking over after a crash between placing and recording) answers the call
 *       the first one made and dials nobody. It runs the compliance gate with {@link Dial#compliance()}.</li>
 *   <li>A temporary refusal (outside the calling window, a concurrency limit) is a
 *       {@link PlacedCall.Deferred}: the attempt is not used up and the same (lead, attempt) is
 *       asked for again later, so the placer must not keep a call under that attempt for it.</li>
 *   <li>{@link #statuses} never blocks on the calls; it reads what is recorded, all in one look.</li>
 * </ul>
 * Implementations are thread-safe; {@code place} is never called inside a database transaction.
 */
public interface CallPlacer {
    PlacedCall place(String workspaceId, Dial dial);

    /** Where each of these calls (placed by this port) stands now, by call id; an unknown id is left out. */
    java.util.Map<String, CallStatus> statuses(String workspaceId, java.util.Collection<String> callIds);
}
