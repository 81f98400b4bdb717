package dev.herald.voice.retention;

import java.time.Instant;

/**
 * The port through which retention empties call transcripts (wired to the calls package in
 * VoiceModule). Contract: clears the transcript (and whatever else holds the words said: partial
 * and final utterance events) of every call of the workspace that ended before
 * {@code endedBefore} and still has one; keeps each call's row, verdict, hashes and session links;
 * marks it purged; returns how many calls it emptied. The bodies of follow-up messages written
 * before {@code endedBefore} go too (they retell the call; not counted). Idempotent (a second run
 * empties nothing) and safe to run on two nodes at once.
 */
@FunctionalInterface
public interface TranscriptPurger {
    int purge(String workspaceId, Instant endedBefore);
}
