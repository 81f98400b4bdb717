package dev.herald.voice.recordings;

import dev.herald.platform.Feature;
import dev.herald.platform.auth.Caller;
import dev.herald.platform.domain.NotFound;
import dev.herald.platform.http.FieldCheck;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /api/v1/voice/recordings/{id}} (project keys: metadata and a fresh signed link) and
 * {@code GET /api/v1/voice/recordings/{id}/audio.wav?expires=&signature=} (public: the signature
 * is the credential), with single byte ranges for players that seek.
 */
public final class RecordingRoutes implements Feature {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d{0,18})-(\\d{0,18})");
    private final RecordingService recordings;
    private final Clock clock;

    public RecordingRoutes(RecordingService recordings, Clock clock) {
        this.recordings = recordings;
        this.clock = clock;
    }

    @Override
    public void routes(JavalinDefaultRouting router) {
        router.get("/api/v1/voice/recordings/{id}", this::get);
        router.get("/api/v1/voice/recordings/{id}/audio.wav", this::audio);
    }

    private void get(Context ctx) {
        ctx.json(recordings.view(Caller.of(ctx).workspaceId(), ctx.pathParam("id")));
    }

    private void audio(Context ctx) {
        String rawExpires = ctx.queryParam("expires");
        String signature = ctx.queryParam("signature");
        FieldCheck check = new FieldCheck();
        long expires = -1;
        if (rawExpires == null || rawExpires.isEmpty()) {
            check.fail("expires", "is required");
        } else {
            try {
                expires = Long.parseLong(rawExpires);
            } catch (NumberFormatException e) {
                expires = -1;
            }
            if (expires < 0) {
                check.fail("expires", "must be epoch seconds");
            }
        }
        check.required("signature", signature).throwIfAny();
        switch (recordings.audio(ctx.pathParam("id"), expires, signature)) {
            case AudioAccess.BadSignature b -> throw new LinkProblems.Invalid();
            case AudioAccess.Expired e -> throw new LinkProblems.Expired(e.expiredAt().toString());
            case AudioAccess.Missing m -> throw new NotFound("recording '" + ctx.pathParam("id") + "' not found");
            case AudioAccess.Gone g -> throw new LinkProblems.Deleted(g.recording().deletedReason() == null
                    ? "the recording has no audio: " + g.recording().reason()
                    : "the audio was deleted at " + g.recording().deletedAt() + ": " + g.recording().deletedReason());
            case AudioAccess.Granted granted -> send(ctx, granted, expires);
        }
    }

    private void send(Context ctx, AudioAccess.Granted granted, long expires) {
        byte[] audio = granted.audio();
        long maxAge = Math.max(0, expires - clock.instant().getEpochSecond());
        ctx.header("Accept-Ranges", "bytes");
        ctx.header("Cache-Control", "private, max-age=" + maxAge);
        ctx.header("ETag", "\"" + granted.recording().sha256() + "\"");
        ctx.contentType(Recording.WAV);
        String range = ctx.header("Range");
        if (range == null) {
            ctx.result(audio);
            return;
        }
        Matcher m = RANGE.matcher(range.trim());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            ctx.result(audio); // RFC 9110: a Range the server does not understand is ignored
            return;
        }
        long size = audio.length;
        long first;
        long last = size - 1;
        if (m.group(1).isEmpty()) { // "-N": the last N bytes
            long suffix = Long.parseLong(m.group(2));
            first = suffix == 0 ? size : Math.max(0, size - suffix);
        } else {
            first = Long.parseLong(m.group(1));
            if (!m.group(2).isEmpty()) {
                long requestedLast = Long.parseLong(m.group(2));
                if (requestedLast < first) {
                    ctx.result(audio); // an invalid range is ignored too
                    return;
                }
                last = Math.min(last, requestedLast);
            }
        }
        if (first >= size) {
            ctx.header("Content-Range", "bytes */" + size);
            throw new LinkProblems.RangeNotSatisfiable(size);
        }
        byte[] part = java.util.Arrays.copyOfRange(audio, (int) first, (int) last + 1);
        ctx.status(206);
        ctx.header("Content-Range", "bytes " + first + "-" + last + "/" + size);
        ctx.result(part);
    }
}
