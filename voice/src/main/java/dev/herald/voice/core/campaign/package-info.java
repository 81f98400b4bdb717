/**
 * Outbound campaigns: the state machine with its closed set of legal transitions, retry policy per
 * outcome, pacing, the pure {@link dev.herald.voice.core.campaign.DialScheduler} that says which lead to
 * dial next and when, and progress counts. Nothing here dials; the caller acts on the plan and
 * re-plans when a call ends or the plan's wake-up time comes.
 */
package dev.herald.voice.core.campaign;
