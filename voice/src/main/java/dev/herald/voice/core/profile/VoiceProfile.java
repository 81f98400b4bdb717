package dev.herald.voice.core.profile;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An agent voice profile, one immutable version of it. Each call records the {@code version} it
 * ran with. The greeting may use the placeholders {@code {lead_name}}, {@code {company}} and
 * {@code {agent_name}}. Checked by {@link ProfileValidator}; the record itself only refuses nulls.
 */
public record VoiceProfile(
        String name,
        int version,
        String agentName,
        String systemPrompt,
        String voice,
        String language,
        String greeting,
        String aiDisclosure,
        String recordingConsentPrompt,
        List<Objective> objectives,
        Set<Tool> tools,
        Provider provider,
        TurnDetection turnDetection) {

    public VoiceProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(agentName, "agentName");
        Objects.requireNonNull(systemPrompt, "systemPrompt");
        Objects.requireNonNull(voice, "voice");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(greeting, "greeting");
        Objects.requireNonNull(aiDisclosure, "aiDisclosure");
        Objects.requireNonNull(recordingConsentPrompt, "recordingConsentPrompt");
        objectives = List.copyOf(objectives);
        tools = tools.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(tools));
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(turnDetection, "turnDetection");
    }

    public Optional<Objective> objective(String key) {
        return objectives.stream().filter(o -> o.key().equals(key)).findFirst();
    }

    public boolean enabled(Tool tool) {
        return tools.contains(tool);
    }

    VoiceProfile withVersion(int newVersion) {
        return new VoiceProfile(name, newVersion, agentName, systemPrompt, voice, language, greeting, aiDisclosure,
                recordingConsentPrompt, objectives, tools, provider, turnDetection);
    }
}
