package dev.herald.voice.numbers;

import dev.herald.platform.domain.Conflict;
import dev.herald.platform.domain.Invalid;
import dev.herald.platform.domain.NotFound;
import dev.herald.platform.http.FieldCheck;
import dev.herald.platform.http.Page;
import dev.herald.platform.http.PageRequest;
import dev.herald.platform.store.Database;
import dev.herald.platform.store.Ids;
import dev.herald.voice.core.lead.PhoneNumbers;
import dev.herald.voice.core.profile.Objective;
import dev.herald.voice.core.profile.Provider;
import dev.herald.voice.core.profile.VoiceProfile;
import dev.herald.voice.profiles.ProfileMapping;
import dev.herald.voice.profiles.ProfileService;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Inbound numbers: an E.164 number routes to a profile and one of its objectives (and a provider,
 * {@code simulated} by default); a number is routed at most once per workspace. {@link #ring}
 * checks the route is still live and hands the call to {@link InboundCalls}. Every query carries
 * the workspace, so another workspace's number is a 404. Thread-safe.
 */
public final class NumberService {
    private static final String COLUMNS = "SELECT id, workspace_id, number, profile_id, objective, provider, "
            + "created_at, updated_at FROM voice_numbers ";

    private final Database db;
    private final Ids ids;
    private final Clock clock;
    private final ProfileService profiles;
    private final InboundCalls calls;

    public NumberService(Database db, Ids ids, Clock clock, ProfileService profiles, InboundCalls calls) {
        this.db = db;
        this.ids = ids;
        this.clock = clock;
        this.profiles = profiles;
        this.calls = calls;
    }

    /** What a create or an update sends; in an update a null member is kept as it is. */
    public record NumberSpec(String number, String profileId, String objective, String provider) {}

    public NumberRecord create(String workspaceId, NumberSpec spec) {
        FieldCheck check = new FieldCheck().required("number", spec.number()).required("profile_id", spec.profileId());
        String number = spec.number() == null ? null : e164(check, "number", spec.number());
        String provider = spec.provider() == null ? Provider.SIMULATED.wire() : provider(check, spec.provider());
        check.throwIfAny();
        String objective = routable(workspaceId, spec.profileId(), spec.objective());
        String id = ids.next("num");
        long now = clock.millis();
        return unique(number, () -> db.write(h -> {
            requireFree(h, workspaceId, number, id);
            h.createUpdate("INSERT INTO voice_numbers (id, workspace_id, number, profile_id, objective, provider, "
                            + "created_at, updated_at) VALUES (:id, :w, :n, :p, :o, :pr, :t, :t)")
                    .bind("id", id).bind("w", workspaceId).bind("n", number).bind("p", spec.profileId())
                    .bind("o", objective).bind("pr", provider).bind("t", now).execute();
            return find(h, workspaceId, id).orElseThrow();
        }));
    }

    public NumberRecord get(String workspaceId, String numberId) {
        return db.read(h -> find(h, workspaceId, numberId)).orElseThrow(() -> notFound(numberId));
    }

    public Page<NumberRecord> list(String workspaceId, PageRequest page) {
        List<NumberRecord> rows = db.read(h -> h.createQuery(COLUMNS + "WHERE workspace_id = :w AND id > :after "
                        + "ORDER BY id LIMIT :n")
                .bind("w", workspaceId).bind("after", page.afterOrEmpty()).bind("n", page.fetchSize())
                .map((rs, c) -> row(rs)).list());
        return Page.of(rows, page, NumberRecord::id);
    }

    /**
     * Changes the members given. Moving to another profile keeps the objective when that profile
     * has it too; otherwise the objective must be named (or the new profile's first is taken
     * when the patch names a profile but no objective and the old one does not exist there).
     */
    public NumberRecord update(String workspaceId, String numberId, NumberSpec patch) {
        NumberRecord current = get(workspaceId, numberId);
        FieldCheck check = new FieldCheck();
        String number = patch.number() == null ? current.number() : e164(check, "number", patch.number());
        String provider = patch.provider() == null ? current.provider() : provider(check, patch.provider());
        check.throwIfAny();
        String profileId = patch.profileId() == null ? current.profileId() : patch.profileId();
        String wanted = patch.objective() != null ? patch.objective()
                : hasObjective(workspaceId, profileId, current.objective()) ? current.objective() : null;
        String objective = routable(workspaceId, profileId, wanted);
        long now = clock.millis();
        return unique(number, () -> db.write(h -> {
            requireFree(h, workspaceId, number, numberId);
            int changed = h.createUpdate("UPDATE voice_numbers SET number = :n, profile_id = :p, objective = :o, "
                            + "provider = :pr, updated_at = :t WHERE id = :id AND workspace_id = :w")
                    .bind("n", number).bind("p", profileId).bind("o", objective).bind("pr", provider).bind("t", now)
                    .bind("id", numberId).bind("w", workspaceId).execute();
            if (changed != 1) {
                throw notFound(numberId);
            }
            return find(h, workspaceId, numberId).orElseThrow();
        }));
    }

    public void delete(String workspaceId, String numberId) {
        int deleted = db.write(h -> h.createUpdate("DELETE FROM voice_numbers WHERE id = :id AND workspace_id = :w")
                .bind("id", numberId).bind("w", workspaceId).execute());
        if (deleted != 1) {
            throw notFound(numberId);
        }
    }

    /**
     * A call from {@code from} to the number: NotFound for an unknown number, Invalid naming
     * {@code from} for a number that is not E.164, Conflict when the profile no longer has the
     * number's objective; otherwise the answer of {@link InboundCalls#ring}.
     */
    public Object ring(String workspaceId, String numberId, String from, String idempotencyKey) {
        NumberRecord number = get(workspaceId, numberId);
        FieldCheck check = new FieldCheck().required("from", from);
        String caller = from == null ? null : e164(check, "from", from);
        check.throwIfAny();
        if (!hasObjective(workspaceId, number.profileId(), number.objective())) {
            throw new Conflict("number " + number.number() + " routes to objective '" + number.objective()
                    + "', which profile '" + number.profileId() + "' no longer has; update the number");
        }
        return calls.ring(workspaceId, number, caller, idempotencyKey);
    }

    /** The objective a number may route to: the one named, or the profile's first when none is named. */
    private String routable(String workspaceId, String profileId, String objective) {
        VoiceProfile profile;
        try {
            profile = profiles.current(workspaceId, profileId).profile();
        } catch (NotFound e) {
            throw new Invalid("profile_id", "no profile '" + profileId + "' in this workspace");
        }
        if (objective == null) {
            return profile.objectives().getFirst().key();
        }
        if (profile.objective(objective).isEmpty()) {
            throw new Invalid("objective", "profile '" + profileId + "' has no objective '" + objective + "' (it has "
                    + profile.objectives().stream().map(Objective::key).toList() + ")");
        }
        return objective;
    }

    private boolean hasObjective(String workspaceId, String profileId, String objective) {
        try {
            return profiles.current(workspaceId, profileId).profile().objective(objective).isPresent();
        } catch (NotFound e) {
            return false;
        }
    }

    private static String e164(FieldCheck check, String field, String raw) {
        return switch (PhoneNumbers.parse(raw)) {
            case PhoneNumbers.Result.Valid v -> v.number().e164();
            case PhoneNumbers.Result.Invalid i -> {
                check.fail(field, "must be an E.164 number such as +14155550100 (" + i.reason().wire() + ")");
                yield null;
            }
        };
    }

    private static String provider(FieldCheck check, String wire) {
        Optional<Provider> p = ProfileMapping.provider(wire);
        if (p.isEmpty()) {
            check.fail("provider", "must be one of simulated, openai-realtime, twilio");
            return null;
        }
        return p.get().wire();
    }

    private static void requireFree(Handle h, String workspaceId, String number, String self) {
        h.createQuery("SELECT id FROM voice_numbers WHERE workspace_id = :w AND number = :n AND id <> :self")
                .bind("w", workspaceId).bind("n", number).bind("self", self).mapTo(String.class).findOne()
                .ifPresent(other -> {
                    throw taken(number, other);
                });
    }

    /** Two requests racing for one number: the unique index decides, and the loser is a Conflict too. */
    private static NumberRecord unique(String number, java.util.function.Supplier<NumberRecord> write) {
        try {
            return write.get();
        } catch (RuntimeException e) {
            if (Database.isUniqueViolation(e)) {
                throw taken(number, "another request");
            }
            throw e;
        }
    }

    private static Conflict taken(String number, String by) {
        return new Conflict("number " + number + " already routes in this workspace (" + by + ")");
    }

    private Optional<NumberRecord> find(Handle h, String workspaceId, String numberId) {
        return h.createQuery(COLUMNS + "WHERE workspace_id = :w AND id = :id")
                .bind("w", workspaceId).bind("id", numberId).map((rs, c) -> row(rs)).findOne();
    }

    private static NumberRecord row(ResultSet rs) throws SQLException {
        return new NumberRecord(rs.getString("id"), rs.getString("workspace_id"), rs.getString("number"),
                rs.getString("profile_id"), rs.getString("objective"), rs.getString("provider"),
                Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")));
    }

    private static NotFound notFound(String id) {
        return new NotFound("number '" + id + "' not found");
    }
}
