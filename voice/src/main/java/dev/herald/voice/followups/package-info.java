/**
 * Follow-ups: what a call's agent asks to have sent to its lead when it calls {@code send_follow_up}.
 * Herald has no message channel of its own (hosted voice platforms do not send email either): each
 * follow-up is one {@code voice_follow_ups} row, with a message rendered from the profile and the
 * call, handed to the customer's system by the {@code call.follow_up.requested} webhook queued in
 * the same transaction. {@link dev.herald.voice.followups.FollowUpService} is what other voice
 * packages call (through the calls package's ports, wired in {@code VoicePorts}).
 */
package dev.herald.voice.followups;
