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
 *   <li>{@link #status} never blocks on the call; it reads what is recorded.</li>
 * </ul>
 * Implementations are thread-safe; {@code place} is never called inside a database transaction.
 */
public interface CallPlacer {
    PlacedCall place(String workspaceId, Dial dial);

    /** Where a call this port placed stands now. */
    CallStatus status(String workspaceId, String callId);
}
