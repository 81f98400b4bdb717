/**
 * The pre-dial compliance gate: a pure decision over a lead, the campaign's policy and the current
 * occupancy, taken on an injected clock. It checks, in order, the do-not-call flag, consent, the
 * calling window in the lead's own time zone (DST-correct), then workspace and campaign concurrency,
 * and answers with a {@link dev.herald.voice.core.compliance.DialDecision}.
 */
package dev.herald.voice.core.compliance;
