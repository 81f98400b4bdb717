package dev.herald.voice.core.profile;

/** Who carries the call's audio and speech. Only {@code SIMULATED} runs without outside services. */
public enum Provider {
    SIMULATED("simulated"),
    OPENAI_REALTIME("openai-realtime"),
    TWILIO("twilio");

    private final String wire;

    Provider(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
