/**
 * The built-in qualifier agent: a dialogue state machine driven by a profile's objective. It opens
 * with the greeting and the AI disclosure, asks for recording consent, asks the objective's
 * questions in order (re-asking, clarifying, answering the callee's own questions through
 * {@code search_knowledge}), extracts answers by the profile's rules ({@link
 * dev.herald.voice.core.qualifier.Extractor}), scores them, offers and books a meeting through the
 * calendar tools, and closes with the lead update, follow-up and summary. Every tool use is an
 * intent the caller allows or denies; a denial changes what the agent says next.
 */
package dev.herald.voice.core.qualifier;
