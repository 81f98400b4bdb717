package dev.herald.voice.recordings;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Linear PCM in a RIFF/WAVE container: the one audio format Herald stores. Reads what a speech
 * renderer writes (including a streamed header whose sizes are unknown, 0 or 0xFFFFFFFF), writes
 * canonical 44-byte headers, and joins clips of one format with silence between them.
 */
public final class Wav {
    /** Larger than any recording Herald keeps (about 2 hours of 16 kHz mono); checked before copying. */
    public static final int MAX_BYTES = 256 * 1024 * 1024;
    private static final int HEADER = 44;

    /** PCM layout: samples per second, channels, bits per sample (8 or 16). */
    public record Format(int sampleRate, int channels, int bitsPerSample) {
        public Format {
            if (sampleRate < 1_000 || sampleRate > 192_000) {
                throw new WavException("sample rate must be 1000..192000 Hz, got " + sampleRate);
            }
            if (channels < 1 || channels > 2) {
                throw new WavException("only mono or stereo audio is kept, got " + channels + " channels");
            }
            if (bitsPerSample != 8 && bitsPerSample != 16) {
                throw new WavException("only 8- or 16-bit PCM is kept, got " + bitsPerSample + " bits");
            }
        }

        public int blockAlign() {
            return channels * bitsPerSample / 8;
        }

        public int byteRate() {
            return sampleRate * blockAlign();
        }

        public long durationMs(long pcmBytes) {
            return pcmBytes * 1000 / byteRate();
        }
    }

    /** A parsed file: its format and its sample bytes (whole frames only). */
    public record Audio(Format format, byte[] pcm) {
        public long durationMs() {
            return format.durationMs(pcm.length);
        }
    }

    /** A file that is not PCM WAV Herald can keep. */
    public static final class WavException extends RuntimeException {
        public WavException(String message) {
            super(message);
        }
    }

    private Wav() {
    }

    /** Reads a RIFF/WAVE file of integer PCM; unknown chunks are skipped. */
    public static Audio parse(byte[] file) {
        if (file.length > MAX_BYTES) {
            throw new WavException("larger than " + MAX_BYTES + " bytes");
        }
        if (file.length < 12 || !ascii(file, 0, "RIFF") || !ascii(file, 8, "WAVE")) {
            throw new WavException("not a RIFF/WAVE file");
        }
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        Format format = null;
        int at = 12;
        while (at + 8 <= file.length) {
            String id = new String(file, at, 4, StandardCharsets.US_ASCII);
            long size = Integer.toUnsignedLong(b.getInt(at + 4));
            int body = at + 8;
            if (id.equals("fmt ")) {
                if (size < 16 || body + 16 > file.length) {
                    throw new WavException("fmt chunk too short");
                }
                int tag = Short.toUnsignedInt(b.getShort(body));
                if (tag != 1) {
                    throw new WavException("only integer PCM (format tag 1) is kept, got tag " + tag);
                }
                format = new Format(b.getInt(body + 4), Short.toUnsignedInt(b.getShort(body + 2)),
                        Short.toUnsignedInt(b.getShort(body + 14)));
            } else if (id.equals("data")) {
                if (format == null) {
                    throw new WavException("data chunk before the fmt chunk");
                }
                // A renderer writing to a pipe cannot seek back, so it leaves the size unknown: take the rest.
                long available = file.length - body;
                long length = size == 0 || size > available ? available : size;
                length -= length % format.blockAlign();
                byte[] pcm = new byte[(int) length];
                System.arraycopy(file, body, pcm, 0, pcm.length);
                return new Audio(format, pcm);
            }
            at = (int) Math.min((long) body + size + (size & 1), file.length);
        }
        throw new WavException(format == null ? "no fmt chunk" : "no data chunk");
    }

    /** A canonical file: 44-byte header, then {@code pcm}. */
    public static byte[] write(Format format, byte[] pcm) {
        if (pcm.length % format.blockAlign() != 0) {
            throw new WavException("PCM length " + pcm.length + " is not whole frames of " + format.blockAlign() + " bytes");
        }
        if ((long) pcm.length + HEADER > MAX_BYTES) {
            throw new WavException("larger than " + MAX_BYTES + " bytes");
        }
        ByteBuffer b = ByteBuffer.allocate(HEADER + pcm.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + pcm.length);
        b.put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1)
                .putShort((short) format.channels()).putInt(format.sampleRate()).putInt(format.byteRate())
                .putShort((short) format.blockAlign()).putShort((short) format.bitsPerSample());
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(pcm.length).put(pcm);
        return b.array();
    }

    private static boolean ascii(byte[] b, int at, String s) {
        return new String(b, at, 4, StandardCharsets.US_ASCII).equals(s);
    }
}
