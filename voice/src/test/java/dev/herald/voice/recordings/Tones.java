package dev.herald.voice.recordings;

/** Real audio for tests: a sine tone as 16-bit mono PCM WAV. */
final class Tones {
    private Tones() {
    }

    static byte[] sine(int sampleRate, double hz, long ms) {
        return Wav.write(new Wav.Format(sampleRate, 1, 16), sinePcm(sampleRate, hz, ms));
    }

    static byte[] sinePcm(int sampleRate, double hz, long ms) {
        int frames = (int) (sampleRate * ms / 1000);
        byte[] pcm = new byte[frames * 2];
        for (int i = 0; i < frames; i++) {
            short s = (short) Math.round(Math.sin(2 * Math.PI * hz * i / sampleRate) * 12_000);
            pcm[2 * i] = (byte) s;
            pcm[2 * i + 1] = (byte) (s >> 8);
        }
        return pcm;
    }
}
