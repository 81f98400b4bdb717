/**
 * The simulated provider's callee side: personas derived from the lead id
 * ({@link dev.herald.voice.core.simulation.Personas}), a callee that answers the qualifier in varied
 * natural language ({@link dev.herald.voice.core.simulation.SimulatedCallee}), an in-memory calendar and
 * knowledge base, and the {@link dev.herald.voice.core.simulation.ConversationRunner} that plays a
 * persona against the qualifier on a {@link dev.herald.voice.core.simulation.SimClock} (compressed or
 * at real pace) and yields the timed transcript, the tool decisions and the verdict.
 */
package dev.herald.voice.core.simulation;
