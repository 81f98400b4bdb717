package dev.herald.voice.recordings;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TelephoneAudioTest {
    @Test
    void speechBandTone_keepsItsLengthLevelAndPitch_atEightKilohertz() {
        Wav.Audio phone = TelephoneAudio.of(Wav.parse(Tones.sine(22_050, 1_000, 2_000)));
        assertThat(phone.format()).isEqualTo(new Wav.Format(8_000, 1, 16));
        assertThat(phone.durationMs()).isBetween(1_999L, 2_000L);
        double input = SpeechRendererTest.rms(Tones.sinePcm(22_050, 1_000, 2_000));
        // Away from the edges (where the filter runs off the recording), the level is kept.
        assertThat(SpeechRendererTest.rms(middle(phone.pcm()))).isCloseTo(input, org.assertj.core.data.Percentage.withPercentage(3));
        // 1 kHz for 2 s is 2,000 cycles: about 4,000 sign changes, at any sample rate.
        assertThat(signChanges(phone.pcm())).isBetween(3_990, 4_010);
    }

    @Test
    void toneAboveTheTelephoneBand_isFilteredOut_notFoldedBackAsAliasing() {
        // 6 kHz sampled at 8 kHz without a filter would come back as a full-level 2 kHz tone.
        Wav.Audio phone = TelephoneAudio.of(Wav.parse(Tones.sine(22_050, 6_000, 1_000)));
        double input = SpeechRendererTest.rms(Tones.sinePcm(22_050, 6_000, 1_000));
        assertThat(SpeechRendererTest.rms(middle(phone.pcm()))).isLessThan(input * 0.01);
    }

    @Test
    void stereoEightBitAudio_isMixedToSixteenBitMono_andAtEightKilohertzIsNotResampled() {
        byte[] stereo = new byte[8_000 * 2];
        for (int i = 0; i < 8_000; i++) {
            stereo[2 * i] = (byte) (128 + 64); // left: +0.5
            stereo[2 * i + 1] = (byte) 128; // right: silence
        }
        Wav.Audio phone = TelephoneAudio.of(new Wav.Audio(new Wav.Format(8_000, 2, 8), stereo));
        assertThat(phone.format()).isEqualTo(TelephoneAudio.FORMAT);
        assertThat(phone.durationMs()).isEqualTo(1_000);
        byte[] pcm = phone.pcm();
        for (int i = 0; i < pcm.length; i += 2) {
            assertThat((short) ((pcm[i] & 0xff) | (pcm[i + 1] << 8))).isEqualTo((short) 8_192);
        }
    }

    @Test
    void anOddRate_isResampledThroughQuantizedPhases() {
        // 22,051 and 8,000 share no factor: the exact ratio would need 8,000 filter phases.
        Wav.Audio phone = TelephoneAudio.of(Wav.parse(Tones.sine(22_051, 440, 1_000)));
        assertThat(phone.durationMs()).isBetween(999L, 1_000L);
        assertThat(signChanges(phone.pcm())).isBetween(875, 885);
    }

    private static byte[] middle(byte[] pcm) {
        int cut = (pcm.length / 10) & ~1;
        return java.util.Arrays.copyOfRange(pcm, cut, pcm.length - cut);
    }

    private static int signChanges(byte[] pcm) {
        int changes = 0;
        short previous = 0;
        for (int i = 0; i + 1 < pcm.length; i += 2) {
            short s = (short) ((pcm[i] & 0xff) | (pcm[i + 1] << 8));
            if (i > 0 && (s >= 0) != (previous >= 0)) {
                changes++;
            }
            previous = s;
        }
        return changes;
    }
}
