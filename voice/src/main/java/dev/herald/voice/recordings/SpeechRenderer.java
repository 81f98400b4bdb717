package dev.herald.voice.recordings;

import dev.herald.voice.core.call.Role;
import dev.herald.voice.core.call.TranscriptTurn;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Renders a transcript to real speech with Debian's {@code espeak-ng}: the whole call in one
 * process, as SSML, the agent and the callee in different voices and the silence between turns
 * taken from the transcript's timing, kept at the telephone rate ({@link TelephoneAudio}). One
 * process per call rather than per turn because starting {@code espeak-ng} (loading its voice
 * data) cost more CPU than speaking a turn. The process runs at
 * the lowest CPU priority when {@code nice} is installed: a recording can wait, a live call's turn
 * cannot. When the program is not installed it says so and renders nothing: Herald never stores
 * audio it did not produce from the words. Thread-safe; blocks while rendering, so never call it
 * inside a database transaction.
 */
public final class SpeechRenderer {
    static final String PROGRAM = "espeak-ng";
    static final String AGENT_VOICE = "en-us+f3";
    static final String CALLEE_VOICE = "en-us+m3";
    /** Longest text of one turn handed to the renderer (a turn is a few sentences). */
    static final int MAX_TURN_CHARS = 4_000;
    private static final long CALL_TIMEOUT_SECONDS = 60;
    /** Silence between turns: at least a breath, at most a pause worth hearing. */
    private static final long MIN_GAP_MS = 250;
    private static final long MAX_GAP_MS = 2_000;

    /** What a rendering gave: a WAV file, or why there is none. */
    public sealed interface Rendering {
        record Rendered(byte[] wav, long durationMs) implements Rendering {
        }

        record Unavailable(String reason) implements Rendering {
        }
    }

    private final Path executable;
    private final List<String> lowPriority;

    private SpeechRenderer(Path executable, List<String> lowPriority) {
        this.executable = executable;
        this.lowPriority = lowPriority;
    }

    /** {@code espeak-ng} as found on {@code PATH} now (absent: every rendering is unavailable). */
    public static SpeechRenderer espeakNg() {
        return new SpeechRenderer(onPath(PROGRAM).orElse(null), niceOnPath());
    }

    /** A renderer running this executable (tests name a missing one to see the absent case). */
    public static SpeechRenderer at(Path executable) {
        return new SpeechRenderer(Files.isExecutable(executable) ? executable : null, niceOnPath());
    }

    public boolean available() {
        return executable != null;
    }

    public Rendering render(List<TranscriptTurn> turns) {
        if (executable == null) {
            return new Rendering.Unavailable(Recording.NO_RENDERER);
        }
        String ssml = ssml(turns);
        if (ssml == null) {
            return new Rendering.Unavailable(Recording.NOTHING_SAID);
        }
        Wav.Audio spoken = Wav.parse(speak(ssml));
        if (spoken.pcm().length == 0) {
            throw new RenderException(PROGRAM + " produced no samples");
        }
        Wav.Audio audio = TelephoneAudio.of(spoken);
        byte[] wav = Wav.write(audio.format(), audio.pcm());
        return new Rendering.Rendered(wav, audio.durationMs());
    }

    /**
     * The call as one SSML document: each turn in its speaker's voice, separated by the transcript's
     * gap (clamped to a breath and a pause). Null when nobody said anything.
     */
    static String ssml(List<TranscriptTurn> turns) {
        StringBuilder doc = new StringBuilder("<speak>");
        TranscriptTurn previous = null;
        for (TranscriptTurn turn : turns) {
            String text = turn.text().strip();
            if (text.isEmpty()) {
                continue;
            }
            if (previous != null) {
                long gap = Math.clamp(turn.startMs() - previous.endMs(), MIN_GAP_MS, MAX_GAP_MS);
                doc.append("<break time=\"").append(gap).append("ms\"/>");
            }
            String clipped = text.length() > MAX_TURN_CHARS ? text.substring(0, MAX_TURN_CHARS) : text;
            doc.append("<voice name=\"").append(turn.role() == Role.AGENT ? AGENT_VOICE : CALLEE_VOICE).append("\">")
                    .append(escape(clipped)).append("</voice>");
            previous = turn;
        }
        return previous == null ? null : doc.append("</speak>").toString();
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** The document as WAV bytes; the text goes on standard input, never on the command line. */
    private byte[] speak(String ssml) {
        List<String> command = new ArrayList<>(lowPriority);
        command.addAll(List.of(executable.toString(), "-m", "--stdout"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new RenderException("cannot start " + executable + ": " + e.getMessage());
        }
        try {
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()),
                    Thread::startVirtualThread);
            try (OutputStream in = p.getOutputStream()) {
                in.write(ssml.getBytes(StandardCharsets.UTF_8));
            }
            if (!p.waitFor(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new RenderException(PROGRAM + " did not finish within " + CALL_TIMEOUT_SECONDS + " s");
            }
            if (p.exitValue() != 0) {
                throw new RenderException(PROGRAM + " exited with " + p.exitValue());
            }
            return out.join();
        } catch (IOException e) {
            throw new RenderException(PROGRAM + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RenderException("interrupted while rendering");
        } finally {
            p.destroyForcibly();
        }
    }

    /** {@code nice -n 19} when {@code nice} is installed, else nothing (normal priority). */
    private static List<String> niceOnPath() {
        return onPath("nice").map(n -> List.of(n.toString(), "-n", "19")).orElse(List.of());
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readNBytes(Wav.MAX_BYTES);
        } catch (IOException e) {
            throw new RenderException("reading " + PROGRAM + "'s output failed: " + e.getMessage());
        }
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, program);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** The renderer is installed but failed on this transcript. */
    public static final class RenderException extends RuntimeException {
        RenderException(String message) {
            super(message);
        }
    }
}
