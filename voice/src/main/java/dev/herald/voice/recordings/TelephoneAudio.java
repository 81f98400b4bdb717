package dev.herald.voice.recordings;

/**
 * Speech as a telephone line carries it: mono, 8,000 samples a second, 16-bit. A simulated call's
 * recording is kept at this rate because that is what a phone call sounds like, and because a
 * renderer's 22,050 Hz would make every stored recording 2.75 times larger (on PostgreSQL each
 * recording's bytes pass through the same WAL that live calls' commits wait on).
 *
 * <p>The rate change is a band-limited resampler: each output sample is the input weighted by a
 * Blackman-windowed sinc whose cut-off sits below the lower rate's Nyquist frequency, so speech
 * above 3.7 kHz is filtered out rather than folded back as aliasing. Pure and thread-safe.
 */
public final class TelephoneAudio {
    public static final Wav.Format FORMAT = new Wav.Format(8_000, 1, 16);
    /** Zero crossings of the filter on each side of a sample, at the lower rate: the filter's sharpness. */
    private static final int ZERO_CROSSINGS = 8;
    /** The cut-off as a fraction of the lower rate's Nyquist frequency (0.92 x 4 kHz = 3.7 kHz). */
    private static final double PASS_BAND = 0.92;
    /** Filter phases kept for rates whose ratio needs more (a rate like 22,051 Hz): 1/1024 of a sample is inaudible. */
    private static final int MAX_PHASES = 1_024;

    private TelephoneAudio() {
    }

    /** {@code audio} at the telephone rate: channels mixed to mono, resampled to 8 kHz, 16-bit. */
    public static Wav.Audio of(Wav.Audio audio) {
        float[] mono = mono(audio);
        int from = audio.format().sampleRate();
        float[] out = from == FORMAT.sampleRate() ? mono : resample(mono, from, FORMAT.sampleRate());
        return new Wav.Audio(FORMAT, pcm16(out));
    }

    /** Samples in [-1, 1), the channels of each frame averaged. */
    static float[] mono(Wav.Audio audio) {
        Wav.Format f = audio.format();
        byte[] pcm = audio.pcm();
        int frames = pcm.length / f.blockAlign();
        float[] out = new float[frames];
        int bytes = f.bitsPerSample() / 8;
        for (int i = 0; i < frames; i++) {
            float sum = 0;
            for (int c = 0; c < f.channels(); c++) {
                int at = i * f.blockAlign() + c * bytes;
                // 8-bit WAV is unsigned around 128; 16-bit is signed little-endian.
                sum += bytes == 1 ? ((pcm[at] & 0xff) - 128) / 128f : (short) ((pcm[at] & 0xff) | (pcm[at + 1] << 8)) / 32768f;
            }
            out[i] = sum / f.channels();
        }
        return out;
    }

    /** {@code in} at {@code from} Hz, resampled to {@code to} Hz. */
    static float[] resample(float[] in, int from, int to) {
        int gcd = gcd(from, to);
        long up = to / gcd;
        long down = from / gcd;
        double scale = Math.min(1.0, (double) to / from);
        int half = (int) Math.ceil(ZERO_CROSSINGS / scale);
        int phases = (int) Math.min(up, MAX_PHASES);
        float[][] taps = taps(phases, half, PASS_BAND * scale / 2);
        int length = (int) (in.length * up / down);
        float[] out = new float[length];
        for (int n = 0; n < length; n++) {
            long position = n * down;
            int base = (int) (position / up);
            int phase = (int) ((position % up) * phases / up);
            float[] h = taps[phase];
            int first = base - half + 1;
            float sum = 0;
            for (int j = 0; j < h.length; j++) {
                int k = first + j;
                if (k >= 0 && k < in.length) {
                    sum += in[k] * h[j];
                }
            }
            out[n] = sum;
        }
        return out;
    }

    /**
     * One row of {@code 2 * half} weights per phase (a fraction {@code p / phases} of an input
     * sample past the base sample), each row scaled to a gain of 1 so level is kept.
     *
     * @param cutoff in cycles per input sample
     */
    private static float[][] taps(int phases, int half, double cutoff) {
        float[][] rows = new float[phases][2 * half];
        for (int p = 0; p < phases; p++) {
            double fraction = (double) p / phases;
            double sum = 0;
            double[] row = new double[2 * half];
            for (int j = 0; j < row.length; j++) {
                double x = half - 1 - j + fraction; // distance from the output instant to input sample j
                double sinc = x == 0 ? 1 : Math.sin(2 * Math.PI * cutoff * x) / (2 * Math.PI * cutoff * x);
                double w = blackman((x + half) / (2.0 * half));
                row[j] = sinc * w;
                sum += row[j];
            }
            for (int j = 0; j < row.length; j++) {
                rows[p][j] = (float) (row[j] / sum);
            }
        }
        return rows;
    }

    /** The Blackman window at {@code t} in [0, 1]; zero outside. */
    private static double blackman(double t) {
        if (t <= 0 || t >= 1) {
            return 0;
        }
        return 0.42 - 0.5 * Math.cos(2 * Math.PI * t) + 0.08 * Math.cos(4 * Math.PI * t);
    }

    private static byte[] pcm16(float[] samples) {
        byte[] out = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            int s = Math.round(samples[i] * 32768f);
            s = Math.clamp(s, Short.MIN_VALUE, Short.MAX_VALUE);
            out[2 * i] = (byte) s;
            out[2 * i + 1] = (byte) (s >> 8);
        }
        return out;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
