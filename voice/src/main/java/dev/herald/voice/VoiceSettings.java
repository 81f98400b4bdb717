package dev.herald.voice;

/**
 * How this node runs voice calls. {@code simulationSpeed} is the pace of simulated calls against real
 * time: 1.0 is real pace, 10 ten times faster, 0 as fast as the machine goes (tests, benchmarks).
 */
public record VoiceSettings(double simulationSpeed) {
    public static final VoiceSettings DEFAULT = new VoiceSettings(1.0);
    /** For tests: calls run as fast as the machine goes. */
    public static final VoiceSettings COMPRESSED = new VoiceSettings(0);

    public VoiceSettings {
        if (simulationSpeed < 0 || Double.isNaN(simulationSpeed) || Double.isInfinite(simulationSpeed)) {
            throw new IllegalArgumentException("simulation speed must be 0 (compressed) or a positive number");
        }
    }
}
