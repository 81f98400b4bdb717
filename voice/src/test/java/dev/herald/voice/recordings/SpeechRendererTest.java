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
        assertThat(audio.format()).isEqualTo(TelephoneAudio.FORMAT);
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
    void theCallIsOneSsmlDocument_eachTurnInItsVoice_withTheTranscriptsGaps_andItsWordsEscaped() {
        String ssml = SpeechRenderer.ssml(List.of(
                new TranscriptTurn(Role.AGENT, "Hello <b>there</b> & \"welcome\", it's Ava.", 0, 2_000),
                new TranscriptTurn(Role.USER, "   ", 2_100, 2_200),
                new TranscriptTurn(Role.USER, "Hi.", 2_100, 2_500),
                new TranscriptTurn(Role.AGENT, "Still there?", 9_000, 10_000)));
        assertThat(ssml).isEqualTo("<speak>"
                + "<voice name=\"en-us+f3\">Hello &lt;b&gt;there&lt;/b&gt; &amp; &quot;welcome&quot;, it&apos;s Ava.</voice>"
                // 100 ms after the agent stopped: at least a breath; 6.5 s later: at most a pause worth hearing.
                + "<break time=\"250ms\"/><voice name=\"en-us+m3\">Hi.</voice>"
                + "<break time=\"2000ms\"/><voice name=\"en-us+f3\">Still there?</voice>"
                + "</speak>");
        assertThat(SpeechRenderer.ssml(List.of(new TranscriptTurn(Role.USER, " ", 0, 10)))).isNull();
    }

    @Test
    void markupInTheWords_isSpokenAsWords_notObeyed() {
        SpeechRenderer espeak = SpeechRenderer.espeakNg();
        assumeTrue(espeak.available(), "espeak-ng is not installed on this machine");
        var markup = (SpeechRenderer.Rendering.Rendered) espeak.render(List.of(new TranscriptTurn(Role.USER,
                "Tom & Jerry <break time=\"5000ms\"/> </voice></speak>.", 0, 900)));
        // Obeyed, the break would be five seconds of silence; escaped, its tag is read out as words.
        assertThat(longestSilenceMs(Wav.parse(markup.wav()))).isLessThan(1_500);
    }

    @Test
    void nothingSaid_isNoRecording() {
        SpeechRenderer espeak = SpeechRenderer.espeakNg();
        assumeTrue(espeak.available(), "espeak-ng is not installed on this machine");
        assertThat(espeak.render(List.of(new TranscriptTurn(Role.USER, "  ", 0, 10))))
                .isEqualTo(new SpeechRenderer.Rendering.Unavailable(Recording.NOTHING_SAID));
    }

    /** The longest run of near-silent 16-bit mono samples, in milliseconds. */
    static long longestSilenceMs(Wav.Audio audio) {
        byte[] pcm = audio.pcm();
        long longest = 0;
        long run = 0;
        for (int i = 0; i + 1 < pcm.length; i += 2) {
            short sample = (short) ((pcm[i] & 0xff) | (pcm[i + 1] << 8));
            run = Math.abs(sample) < 64 ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest * 1000 / audio.format().sampleRate();
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
