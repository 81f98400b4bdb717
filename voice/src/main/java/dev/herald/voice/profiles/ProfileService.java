package dev.herald.voice.profiles;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.platform.domain.Conflict;
import dev.herald.platform.domain.FieldError;
import dev.herald.platform.domain.Invalid;
import dev.herald.platform.domain.NotFound;
import dev.herald.platform.http.Page;
import dev.herald.platform.http.PageRequest;
import dev.herald.platform.store.Database;
import dev.herald.platform.store.Ids;
import dev.herald.voice.agents.AgentIdentities;
import dev.herald.voice.core.profile.DefaultProfiles;
import dev.herald.voice.core.profile.InvalidProfileException;
import dev.herald.voice.core.profile.ProfilePatch;
import dev.herald.voice.core.profile.ProfileVersions;
import dev.herald.voice.core.profile.VoiceProfile;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/**
 * Agent voice profiles of a workspace, versioned: created as version 1 from a template plus the
 * caller's values; a patch that changes something adds version n+1 and makes it current, one that
 * changes nothing adds none; versions are never edited. Each profile's Ratify agent is created with
 * it and re-issued when a version changes the scopes its tools need, in the same transaction.
 * Every query carries the workspace, so another workspace's profile is a 404. Thread-safe.
 */
public final class ProfileService {
    /** The templates a profile can start from; {@code qualify_for_demo} is the default. */
    public static final Map<String, Supplier<VoiceProfile>> TEMPLATES =
            Map.of(DefaultProfiles.QUALIFY_FOR_DEMO, DefaultProfiles::demoQualifier);

    private static final String CURRENT = "SELECT p.id, p.workspace_id, p.current_version AS version, p.created_at, "
            + "p.updated_at, v.document FROM voice_profiles p JOIN voice_profile_versions v "
            + "ON v.profile_id = p.id AND v.version = p.current_version ";

    private final Database db;
    private final Ids ids;
    private final Clock clock;
    private final ObjectMapper mapper;
    private final AgentIdentities agents;

    public ProfileService(Database db, Ids ids, Clock clock, ObjectMapper mapper, AgentIdentities agents) {
        this.db = db;
        this.ids = ids;
        this.clock = clock;
        this.mapper = mapper;
        this.agents = agents;
    }

    /** The outcome of a patch: the current version after it, and whether the patch made it. */
    public record Patched(StoredProfile profile, boolean newVersion) {}

    /**
     * Creates version 1: the template (null: {@code qualify_for_demo}) with {@code values} applied,
     * validated as a whole. Creates the profile's agent identity in the same transaction.
     */
    public StoredProfile create(String workspaceId, String template, ProfilePatch values) {
        String key = template == null ? DefaultProfiles.QUALIFY_FOR_DEMO : template;
        Supplier<VoiceProfile> base = TEMPLATES.get(key);
        if (base == null) {
            throw new Invalid("template", "must be one of " + TEMPLATES.keySet());
        }
        if (values.name().isEmpty()) {
            throw new Invalid("name", "is required");
        }
        VoiceProfile first = validated(() -> ProfileVersions.create(ProfileVersions.patch(base.get(), values).profile()));
        String id = ids.next("vpr");
        long now = clock.millis();
        return db.write(h -> {
            h.createUpdate("INSERT INTO voice_profiles (id, workspace_id, name, current_version, created_at, updated_at) "
                            + "VALUES (:id, :w, :n, 1, :t, :t)")
                    .bind("id", id).bind("w", workspaceId).bind("n", first.name()).bind("t", now).execute();
            insertVersion(h, id, first, now);
            agents.ensure(h, workspaceId, id, first.agentName(), first.tools());
            return find(h, workspaceId, id).orElseThrow();
        });
    }

    /** The current version (NotFound for a missing or another workspace's profile). */
    public StoredProfile current(String workspaceId, String profileId) {
        return db.read(h -> find(h, workspaceId, profileId)).orElseThrow(() -> notFound(profileId));
    }

    /** Version {@code version} of the profile, as it was made (NotFound when there is no such version). */
    public StoredProfile version(String workspaceId, String profileId, int version) {
        return db.read(h -> {
            find(h, workspaceId, profileId).orElseThrow(() -> notFound(profileId));
            return h.createQuery("SELECT profile_id, version, document, created_at FROM voice_profile_versions "
                            + "WHERE profile_id = :id AND version = :v")
                    .bind("id", profileId).bind("v", version)
                    .map((rs, c) -> versionRow(rs, workspaceId)).findOne();
        }).orElseThrow(() -> new NotFound("profile '" + profileId + "' has no version " + version));
    }

    public Page<StoredProfile> list(String workspaceId, PageRequest page) {
        List<StoredProfile> rows = db.read(h -> h.createQuery(CURRENT + "WHERE p.workspace_id = :w AND p.id > :after "
                        + "ORDER BY p.id LIMIT :n")
                .bind("w", workspaceId).bind("after", page.afterOrEmpty()).bind("n", page.fetchSize())
                .map((rs, c) -> row(rs)).list());
        return Page.of(rows, page, StoredProfile::id);
    }

    /** Every version of the profile, oldest first; the cursor is the last version seen. */
    public Page<StoredProfile> versions(String workspaceId, String profileId, PageRequest page) {
        int after = versionCursor(page);
        List<StoredProfile> rows = db.read(h -> {
            find(h, workspaceId, profileId).orElseThrow(() -> notFound(profileId));
            return h.createQuery("SELECT profile_id, version, document, created_at FROM voice_profile_versions "
                            + "WHERE profile_id = :id AND version > :after ORDER BY version LIMIT :n")
                    .bind("id", profileId).bind("after", after).bind("n", page.fetchSize())
                    .map((rs, c) -> versionRow(rs, workspaceId)).list();
        });
        return Page.of(rows, page, p -> Integer.toString(p.version()));
    }

    /**
     * Applies a merge patch. A patch that changes nothing answers the current version unchanged;
     * one that changes something adds the next version (validated whole; an invalid result writes
     * nothing) and re-issues the agent's cert when the tools' scopes changed. Two concurrent
     * patches of one version: the second is a Conflict (retry it on the new version).
     */
    public Patched patch(String workspaceId, String profileId, ProfilePatch patch) {
        long now = clock.millis();
        return db.write(h -> {
            StoredProfile current = find(h, workspaceId, profileId).orElseThrow(() -> notFound(profileId));
            ProfileVersions.Patched result = validated(() -> ProfileVersions.patch(current.profile(), patch));
            if (result instanceof ProfileVersions.Patched.Unchanged) {
                return new Patched(current, false);
            }
            VoiceProfile next = result.profile();
            int moved = h.createUpdate("UPDATE voice_profiles SET current_version = :v, name = :n, updated_at = :t "
                            + "WHERE id = :id AND workspace_id = :w AND current_version = :old")
                    .bind("v", next.version()).bind("n", next.name()).bind("t", now).bind("id", profileId)
                    .bind("w", workspaceId).bind("old", current.version()).execute();
            if (moved != 1) {
                throw new Conflict("profile '" + profileId + "' was changed by another request; retry on the new version");
            }
            insertVersion(h, profileId, next, now);
            agents.ensure(h, workspaceId, profileId, next.agentName(), next.tools());
            return new Patched(find(h, workspaceId, profileId).orElseThrow(), true);
        });
    }

    private static <T> T validated(Supplier<T> work) {
        try {
            return work.get();
        } catch (InvalidProfileException e) {
            throw new Invalid(e.errors().stream()
                    .map(f -> new FieldError(f.field(), f.reason().wire() + ": " + f.detail())).toList());
        }
    }

    private static int versionCursor(PageRequest page) {
        if (page.after() == null) {
            return 0;
        }
        try {
            return Integer.parseInt(page.after());
        } catch (NumberFormatException e) {
            throw new Invalid("cursor", "is not a cursor returned by this API");
        }
    }

    private void insertVersion(Handle h, String profileId, VoiceProfile profile, long now) {
        String document;
        try {
            document = mapper.writeValueAsString(ProfileMapping.wire(profile));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        h.createUpdate("INSERT INTO voice_profile_versions (profile_id, version, document, created_at) "
                        + "VALUES (:id, :v, :d, :t)")
                .bind("id", profileId).bind("v", profile.version()).bind("d", document).bind("t", now).execute();
    }

    private Optional<StoredProfile> find(Handle h, String workspaceId, String profileId) {
        return h.createQuery(CURRENT + "WHERE p.workspace_id = :w AND p.id = :id")
                .bind("w", workspaceId).bind("id", profileId).map((rs, c) -> row(rs)).findOne();
    }

    private StoredProfile row(ResultSet rs) throws SQLException {
        int version = rs.getInt("version");
        return new StoredProfile(rs.getString("id"), rs.getString("workspace_id"), version,
                parse(rs.getString("document"), version), Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")));
    }

    private StoredProfile versionRow(ResultSet rs, String workspaceId) throws SQLException {
        int version = rs.getInt("version");
        Instant at = Instant.ofEpochMilli(rs.getLong("created_at"));
        return new StoredProfile(rs.getString("profile_id"), workspaceId, version, parse(rs.getString("document"), version),
                at, at);
    }

    private VoiceProfile parse(String document, int version) {
        try {
            return ProfileMapping.profile(mapper.readValue(document, ProfileWire.class), version);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored profile is not JSON", e);
        }
    }

    private static NotFound notFound(String id) {
        return new NotFound("profile '" + id + "' not found");
    }
}
