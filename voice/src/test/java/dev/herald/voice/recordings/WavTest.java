package dev.herald.voice.recordings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;

class WavTest {

    @Test
    void written_file_hasCanonicalHeader_andTheJdkReadsIt() throws Exception {
        byte[] wav = Tones.sine(8_000, 440, 500);
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new String(wav, 0, 4, "US-ASCII")).isEqualTo("RIFF");
        assertThat(b.getInt(4)).isEqualTo(wav.length - 8);
        assertThat(new String(wav, 8, 8, "US-ASCII")).isEqualTo("WAVEfmt ");
        assertThat(b.getInt(24)).isEqualTo(8_000);
        assertThat(b.getInt(28)).isEqualTo(16_000);
        assertThat(b.getInt(40)).isEqualTo(8_000);
        // An independent reader (javax.sound) agrees on format and length.
        try (AudioInputStream in = AudioSystem.getAudioInputStream(new java.io.ByteArrayInputStream(wav))) {
            AudioFormat f = in.getFormat();
            assertThat(f.getSampleRate()).isEqualTo(8_000f);
            assertThat(f.getChannels()).isEqualTo(1);
            assertThat(f.getSampleSizeInBits()).isEqualTo(16);
            assertThat(in.getFrameLength()).isEqualTo(4_000);
        }
    }

    @Test
    void parse_roundTrips_andSkipsUnknownChunks() {
        byte[] pcm = Tones.sinePcm(16_000, 300, 100);
        byte[] plain = Wav.write(new Wav.Format(16_000, 1, 16), pcm);
        // Insert a LIST chunk of odd length (padded) between fmt and data.
        byte[] list = {'L', 'I', 'S', 'T', 3, 0, 0, 0, 'a', 'b', 'c', 0};
        byte[] withList = new byte[plain.length + list.length];
        System.arraycopy(plain, 0, withList, 0, 36);
        System.arraycopy(list, 0, withList, 36, list.length);
        System.arraycopy(plain, 36, withList, 36 + list.length, plain.length - 36);
        Wav.Audio audio = Wav.parse(withList);
        assertThat(audio.pcm()).isEqualTo(pcm);
        assertThat(audio.durationMs()).isEqualTo(100);
    }

    @Test
    void streamedHeader_withUnknownSizes_takesTheRest() {
        byte[] wav = Tones.sine(22_050, 200, 200);
        ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 0x7ffff024).putInt(40, 0x7ffff000);
        assertThat(Wav.parse(wav).pcm()).hasSize(wav.length - 44);
    }

    @Test
    void notPcmWav_isRefusedWithTheReason() {
        assertThatThrownBy(() -> Wav.parse("hello world, not audio".getBytes())).hasMessage("not a RIFF/WAVE file");
        byte[] wav = Tones.sine(8_000, 440, 10);
        wav[20] = 3; // IEEE float
        assertThatThrownBy(() -> Wav.parse(wav)).hasMessageContaining("got tag 3");
        byte[] truncated = java.util.Arrays.copyOf(Tones.sine(8_000, 440, 10), 30);
        assertThatThrownBy(() -> Wav.parse(truncated)).isInstanceOf(Wav.WavException.class);
    }
}
