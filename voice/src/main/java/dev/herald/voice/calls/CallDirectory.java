package dev.herald.voice.calls;

import dev.herald.voice.core.lead.Lead;
import dev.herald.voice.core.profile.VoiceProfile;

/**
 * What a call needs to know before it is placed: the profile version it runs, and the lead it
 * calls. Wired by the composition root to the profiles and crm packages. Both throw the domain's
 * NotFound for an unknown id in the workspace. Thread-safe.
 */
public interface CallDirectory {

    /** A profile as a call runs it: the version number recorded on the call, and the profile itself. */
    record ProfileVersion(String profileId, int version, VoiceProfile profile) {
    }

    /** The profile's current version (what a new call runs). */
    ProfileVersion profile(String workspaceId, String profileId);

    /** One version of the profile (what a placed call runs, even if the profile changed since). */
    ProfileVersion version(String workspaceId, String profileId, int version);

    /** The lead, as the compliance gate and the agent see it. */
    Lead lead(String workspaceId, String leadId);
}
