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
 * Renders a transcript to real speech with Debian's {@code espeak-ng} (the agent and the callee in
 * different voices), one process per turn, joined into one PCM WAV file with each turn placed near
 * its transcript time. When the program is not installed it says so and renders nothing: Herald
 * never stores audio it did not produce from the words. Thread-safe; blocks while rendering, so
 * never call it inside a database transaction.
 */
public final class SpeechRenderer {
    static final String PROGRAM = "espeak-ng";
    static final String AGENT_VOICE = "en-us+f3";
    static final String CALLEE_VOICE = "en-us+m3";
    /** Longest text of one turn handed to the renderer (a turn is a few sentences). */
    static final int MAX_TURN_CHARS = 4_000;
    private static final long TURN_TIMEOUT_SECONDS = 30;
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

    private SpeechRenderer(Path executable) {
        this.executable = executable;
    }

    /** {@code espeak-ng} as found on {@code PATH} now (absent: every rendering is unavailable). */
    public static SpeechRenderer espeakNg() {
        return new SpeechRenderer(onPath(PROGRAM).orElse(null));
    }

    /** A renderer running this executable (tests name a missing one to see the absent case). */
    public static SpeechRenderer at(Path executable) {
        return new SpeechRenderer(Files.isExecutable(executable) ? executable : null);
    }

    public boolean available() {
        return executable != null;
    }

    public Rendering render(List<TranscriptTurn> turns) {
        if (executable == null) {
            return new Rendering.Unavailable(Recording.NO_RENDERER);
        }
        List<Wav.Audio> clips = new ArrayList<>();
        long cursorMs = 0;
        for (TranscriptTurn turn : turns) {
            String text = turn.text().strip();
            if (text.isEmpty()) {
                continue;
            }
            Wav.Audio speech = Wav.parse(speak(turn.role() == Role.AGENT ? AGENT_VOICE : CALLEE_VOICE, text));
            if (!clips.isEmpty()) {
                long gap = Math.clamp(turn.startMs() - cursorMs, MIN_GAP_MS, MAX_GAP_MS);
                Wav.Audio silence = Wav.silence(speech.format(), gap);
                clips.add(silence);
                cursorMs += silence.durationMs();
            } else {
                cursorMs = turn.startMs();
            }
            clips.add(speech);
            cursorMs += speech.durationMs();
        }
        if (clips.isEmpty()) {
            return new Rendering.Unavailable(Recording.NOTHING_SAID);
        }
        byte[] wav = Wav.concat(clips, 0);
        return new Rendering.Rendered(wav, Wav.parse(wav).durationMs());
    }

    /** One utterance as WAV bytes; the text goes on standard input, never on the command line. */
    private byte[] speak(String voice, String text) {
        String clipped = text.length() > MAX_TURN_CHARS ? text.substring(0, MAX_TURN_CHARS) : text;
        ProcessBuilder pb = new ProcessBuilder(executable.toString(), "--stdout", "-v", voice)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
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
                in.write(clipped.getBytes(StandardCharsets.UTF_8));
            }
            if (!p.waitFor(TURN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new RenderException(PROGRAM + " did not finish within " + TURN_TIMEOUT_SECONDS + " s");
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
