package dev.herald.voice.retention;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.herald.platform.http.FieldCheck;
import dev.herald.platform.http.Page;
import dev.herald.platform.http.PageRequest;
import dev.herald.platform.store.Database;
import dev.herald.platform.store.Ids;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Workspace retention policies and the sweep that applies them: recordings older than the policy's
 * days lose their audio (the row, its hash and the deletion's reason stay), transcripts of calls
 * that ended longer ago are purged through {@link TranscriptPurger}. Every sweep of a kind a policy
 * limits is recorded as a {@link RetentionRun}. Deleting content never touches a governed
 * session's chain: the chain holds hashes of what was said, not the words or the audio.
 * Thread-safe; two nodes sweeping at once delete each item once (the second finds nothing).
 */
public final class RetentionService {
    private static final Logger log = LoggerFactory.getLogger(RetentionService.class);
    private final RetentionStore store;
    private final Ids ids;
    private final Clock clock;
    private final RecordingPurger recordings;
    private final TranscriptPurger transcripts;

    public RetentionService(Database db, Ids ids, Clock clock, ObjectMapper mapper, RecordingPurger recordings,
                            TranscriptPurger transcripts) {
        this.store = new RetentionStore(db, mapper);
        this.ids = ids;
        this.clock = clock;
        this.recordings = recordings;
        this.transcripts = transcripts;
    }

    /** The body of {@code PUT /api/v1/voice/retention}: days, or null to keep forever. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Change(Long recordingsDays, Long transcriptsDays) {
    }

    public RetentionPolicy policy(String workspaceId) {
        return store.policy(workspaceId).orElse(RetentionPolicy.keepForever(workspaceId));
    }

    /** Replaces the workspace's policy; Invalid naming each out-of-range field. */
    public RetentionPolicy set(String workspaceId, Change change, String keyId) {
        FieldCheck check = new FieldCheck();
        days(check, "recordings_days", change.recordingsDays());
        days(check, "transcripts_days", change.transcriptsDays());
        check.throwIfAny();
        RetentionPolicy p = new RetentionPolicy(workspaceId, toInt(change.recordingsDays()),
                toInt(change.transcriptsDays()), clock.instant());
        store.put(p, keyId);
        return p;
    }

    private static void days(FieldCheck check, String field, Long days) {
        if (days != null && (days < 1 || days > RetentionPolicy.MAX_DAYS)) {
            check.fail(field, "must be a whole number of days from 1 to " + RetentionPolicy.MAX_DAYS
                    + ", or null to keep forever");
        }
    }

    private static Integer toInt(Long v) {
        return v == null ? null : v.intValue();
    }

    /** The workspace's runs, newest first; {@code kind} filters when not null. */
    public Page<RetentionRun> runs(String workspaceId, String kind, PageRequest page) {
        if (kind != null && !kind.equals(RetentionRun.RECORDINGS) && !kind.equals(RetentionRun.TRANSCRIPTS)) {
            throw new dev.herald.platform.domain.Invalid("kind", "must be recordings or transcripts");
        }
        return Page.of(store.runs(workspaceId, kind, page.after(), page.fetchSize()), page, RetentionRun::id);
    }

    /** Sweeps every workspace whose policy limits something; returns the runs recorded. */
    public List<RetentionRun> sweepAll() {
        List<RetentionRun> runs = new ArrayList<>();
        for (RetentionPolicy p : store.limitingPolicies()) {
            runs.addAll(sweep(p));
        }
        return runs;
    }

    /** Sweeps one workspace now (an operator's "run it now"); no runs when its policy keeps everything. */
    public List<RetentionRun> sweep(String workspaceId) {
        return sweep(policy(workspaceId));
    }

    private List<RetentionRun> sweep(RetentionPolicy p) {
        Instant now = clock.instant();
        List<RetentionRun> runs = new ArrayList<>();
        if (p.recordingsDays() != null) {
            Instant cutoff = now.minus(Duration.ofDays(p.recordingsDays()));
            String reason = "retention policy: recordings are kept " + p.recordingsDays() + " days";
            runs.add(record(p.workspaceId(), RetentionRun.RECORDINGS, cutoff, now, () -> {
                List<String> deleted = recordings.purge(p.workspaceId(), cutoff, reason);
                return new Result(deleted.size(), deleted);
            }));
        }
        if (p.transcriptsDays() != null) {
            Instant cutoff = now.minus(Duration.ofDays(p.transcriptsDays()));
            runs.add(record(p.workspaceId(), RetentionRun.TRANSCRIPTS, cutoff, now,
                    () -> new Result(transcripts.purge(p.workspaceId(), cutoff), null)));
        }
        return runs;
    }

    private record Result(int count, List<String> ids) {
    }

    private RetentionRun record(String workspaceId, String kind, Instant cutoff, Instant now,
                                java.util.function.Supplier<Result> work) {
        RetentionRun run;
        try {
            Result r = work.get();
            run = new RetentionRun(ids.next("rrun"), workspaceId, kind, cutoff, r.count(), r.ids(), null, now);
        } catch (RuntimeException e) {
            log.warn("retention sweep of {} in workspace {} failed", kind, workspaceId, e);
            String error = String.valueOf(e.getMessage());
            run = new RetentionRun(ids.next("rrun"), workspaceId, kind, cutoff, 0, null,
                    error.length() > 500 ? error.substring(0, 500) : error, now);
        }
        store.insertRun(run);
        return run;
    }
}
