package dev.herald.voice.recordings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.herald.voice.core.call.Role;
import dev.herald.voice.core.call.TranscriptTurn;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpeechRendererTest {
    private static final List<TranscriptTurn> TURNS = List.of(
            new TranscriptTurn(Role.AGENT, "Hi, this is an AI assistant calling from Herald. May I record this call?", 0, 4_000),
            new TranscriptTurn(Role.USER, "Yes, that is fine.", 4_500, 6_000));

    @Test
    void withoutEspeak_thereIsNoAudio_andTheReasonSaysWhy() {
        SpeechRenderer none = SpeechRenderer.at(Path.of("/nonexistent/espeak-ng"));
        assertThat(none.available()).isFalse();
        assertThat(none.render(TURNS)).isEqualTo(new SpeechRenderer.Rendering.Unavailable(
                "recording_unavailable: espeak-ng is not installed"));
    }

    @Test
    void withEspeak_theTranscriptBecomesOneValidWav_inTwoVoices() throws Exception {
        SpeechRenderer espeak = SpeechRenderer.espeakNg();
        assumeTrue(espeak.available(), "espeak-ng is not installed on this machine (apt-get install espeak-ng); "
                + "the rendering test is skipped, the absent case is tested above");
        var rendered = (SpeechRenderer.Rendering.Rendered) espeak.render(TURNS);
        Wav.Audio audio = Wav.parse(rendered.wav());
        assertThat(audio.format().bitsPerSample()).isEqualTo(16);
        assertThat(rendered.durationMs()).isEqualTo(audio.durationMs()).isBetween(2_500L, 20_000L);
        // Real speech: not silence, and the header sizes are exact.
        assertThat(rms(audio.pcm())).isGreaterThan(200);
        var b = java.nio.ByteBuffer.wrap(rendered.wav()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getInt(4)).isEqualTo(rendered.wav().length - 8);
        assertThat(b.getInt(40)).isEqualTo(rendered.wav().length - 44);
        try (var in = javax.sound.sampled.AudioSystem.getAudioInputStream(new java.io.ByteArrayInputStream(rendered.wav()))) {
            assertThat(in.getFrameLength() * 2).isEqualTo(audio.pcm().length);
        }
        // The two voices differ: the callee's turn alone is not the agent's voice saying the same words.
        var agent = (SpeechRenderer.Rendering.Rendered) espeak.render(List.of(new TranscriptTurn(Role.AGENT, "Yes.", 0, 500)));
        var callee = (SpeechRenderer.Rendering.Rendered) espeak.render(List.of(new TranscriptTurn(Role.USER, "Yes.", 0, 500)));
        assertThat(agent.wav()).isNotEqualTo(callee.wav());
    }

    @Test
    void nothingSaid_isNoRecording() {
        SpeechRenderer espeak = SpeechRenderer.espeakNg();
        assumeTrue(espeak.available(), "espeak-ng is not installed on this machine");
        assertThat(espeak.render(List.of(new TranscriptTurn(Role.USER, "  ", 0, 10))))
                .isEqualTo(new SpeechRenderer.Rendering.Unavailable(Recording.NOTHING_SAID));
    }

    static double rms(byte[] pcm16) {
        double sum = 0;
        for (int i = 0; i + 1 < pcm16.length; i += 2) {
            short s = (short) ((pcm16[i] & 0xff) | (pcm16[i + 1] << 8));
            sum += (double) s * s;
        }
        return Math.sqrt(sum / (pcm16.length / 2.0));
    }
}
