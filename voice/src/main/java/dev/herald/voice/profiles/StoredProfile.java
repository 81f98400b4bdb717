package dev.herald.voice.profiles;

import dev.herald.voice.core.profile.VoiceProfile;
import java.time.Instant;
import java.util.Objects;

/**
 * One version of a workspace's profile as stored. For the current version {@code updatedAt} is
 * when it became current; for an older one both times are when that version was made.
 */
public record StoredProfile(String id, String workspaceId, int version, VoiceProfile profile, Instant createdAt,
                            Instant updatedAt) {
    public StoredProfile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(profile, "profile");
    }
}
