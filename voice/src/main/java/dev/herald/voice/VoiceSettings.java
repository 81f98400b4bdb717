package dev.herald.voice;

/**
 * How this node runs voice calls. {@code simulationSpeed} is the pace of simulated calls against real
 * time: 1.0 is real pace, 10 ten times faster, 0 as fast as the machine goes (tests, benchmarks).
 * {@code ports} null means the voice module's own features; an embedder (or a test) may run calls
 * over ports of its own instead: its profiles, leads, tools and CRM.
 */
public record VoiceSettings(double simulationSpeed, VoiceModule.CallPorts ports) {
    public static final VoiceSettings DEFAULT = new VoiceSettings(1.0);
    /** For tests: calls run as fast as the machine goes. */
    public static final VoiceSettings COMPRESSED = new VoiceSettings(0);

    public VoiceSettings {
        if (simulationSpeed < 0 || Double.isNaN(simulationSpeed) || Double.isInfinite(simulationSpeed)) {
            throw new IllegalArgumentException("simulation speed must be 0 (compressed) or a positive number");
        }
    }

    public VoiceSettings(double simulationSpeed) {
        this(simulationSpeed, null);
    }

    /** These settings with calls running over {@code ports}. */
    public VoiceSettings withPorts(VoiceModule.CallPorts ports) {
        return new VoiceSettings(simulationSpeed, ports);
    }
}
