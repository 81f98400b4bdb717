package dev.herald.voice.core.profile;

import java.util.List;

/**
 * Versioning of profiles. A profile is created as version 1. Every patch that changes something
 * produces a new version (old version + 1); versions are never edited, so a call that recorded
 * version 3 can always be replayed against exactly what it ran with. A patch that changes
 * nothing (empty, or every value equal to the current one) produces no version: PATCH stays
 * idempotent. The result of a patch is validated as a whole; an invalid result creates nothing.
 */
public final class ProfileVersions {
    private ProfileVersions() {}

    /** The outcome of a patch. */
    public sealed interface Patched {
        VoiceProfile profile();

        record NewVersion(VoiceProfile profile) implements Patched {}

        record Unchanged(VoiceProfile profile) implements Patched {}
    }

    /** Validates a new profile and returns it as version 1. */
    public static VoiceProfile create(VoiceProfile draft) {
        VoiceProfile first = draft.withVersion(1);
        requireValid(first);
        return first;
    }

    public static Patched patch(VoiceProfile current, ProfilePatch patch) {
        VoiceProfile merged = new VoiceProfile(
                patch.name().orElse(current.name()),
                current.version(),
                patch.agentName().orElse(current.agentName()),
                patch.systemPrompt().orElse(current.systemPrompt()),
                patch.voice().orElse(current.voice()),
                patch.language().orElse(current.language()),
                patch.greeting().orElse(current.greeting()),
                patch.aiDisclosure().orElse(current.aiDisclosure()),
                patch.recordingConsentPrompt().orElse(current.recordingConsentPrompt()),
                patch.objectives().orElse(current.objectives()),
                patch.tools().orElse(current.tools()),
                patch.provider().orElse(current.provider()),
                patch.turnDetection().orElse(current.turnDetection()));
        if (merged.equals(current)) {
            return new Patched.Unchanged(current);
        }
        VoiceProfile next = merged.withVersion(current.version() + 1);
        requireValid(next);
        return new Patched.NewVersion(next);
    }

    private static void requireValid(VoiceProfile profile) {
        List<FieldError> errors = ProfileValidator.validate(profile);
        if (!errors.isEmpty()) {
            throw new InvalidProfileException(errors);
        }
    }
}
