package dev.herald.voice.core.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class ProfileVersionsTest {
    private static final VoiceProfile V1 = DefaultProfiles.demoQualifier();

    @Test
    void patchThatChangesThePrompt_producesTheNextVersion_andLeavesTheOldOneIntact() {
        ProfileVersions.Patched patched = ProfileVersions.patch(V1, ProfilePatch.EMPTY.withSystemPrompt("Be terse."));

        assertThat(patched).isInstanceOf(ProfileVersions.Patched.NewVersion.class);
        assertThat(patched.profile().version()).isEqualTo(2);
        assertThat(patched.profile().systemPrompt()).isEqualTo("Be terse.");
        assertThat(patched.profile().voice()).isEqualTo(V1.voice());
        assertThat(V1.version()).isEqualTo(1);
        assertThat(V1.systemPrompt()).isNotEqualTo("Be terse.");

        VoiceProfile v3 = ProfileVersions.patch(patched.profile(), ProfilePatch.EMPTY.withVoice("verse")).profile();
        assertThat(v3.version()).isEqualTo(3);
        assertThat(v3.systemPrompt()).isEqualTo("Be terse.");
    }

    @Test
    void emptyOrNoOpPatch_producesNoVersion() {
        assertThat(ProfileVersions.patch(V1, ProfilePatch.EMPTY))
                .isEqualTo(new ProfileVersions.Patched.Unchanged(V1));
        assertThat(ProfileVersions.patch(V1, ProfilePatch.EMPTY.withVoice(V1.voice())))
                .isEqualTo(new ProfileVersions.Patched.Unchanged(V1));
    }

    @Test
    void patchWhoseResultIsInvalid_isRefusedWhole() {
        // Dropping the calendar tools while the objective offers a meeting is refused.
        assertThatThrownBy(() -> ProfileVersions.patch(V1, ProfilePatch.EMPTY
                .withVoice("verse").withTools(EnumSet.of(Tool.END_CALL))))
                .isInstanceOfSatisfying(InvalidProfileException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsOnly("tools"));
        assertThatThrownBy(() -> ProfileVersions.patch(V1, ProfilePatch.EMPTY.withGreeting("Hi {nickname}")))
                .isInstanceOf(InvalidProfileException.class).hasMessageContaining("greeting unknown_placeholder");
    }
}
