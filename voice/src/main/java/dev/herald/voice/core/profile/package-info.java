/**
 * Agent voice profiles: what the agent says and asks, how it extracts and scores answers, which
 * tools it may call, its provider and turn detection. {@link dev.herald.voice.core.profile.ProfileValidator}
 * reports every field error at once; {@link dev.herald.voice.core.profile.ProfileVersions} turns a
 * patch into a new immutable version.
 */
package dev.herald.voice.core.profile;
