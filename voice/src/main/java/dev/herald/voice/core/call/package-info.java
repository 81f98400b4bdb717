/**
 * Calls: the closed outcome and end-reason sets, transcript turns, extracted answers and the
 * verdict a finished call produces. Values only; no behaviour beyond self-checks, so every other
 * voice package can depend on this one.
 */
package dev.herald.voice.core.call;
