package dev.herald.voice.core.profile;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A partial update, with JSON merge-patch meaning (RFC 7396): an empty field is left as it is, a
 * present one replaces the old value whole (lists and sets included: sending {@code objectives}
 * replaces every objective).
 */
public record ProfilePatch(
        Optional<String> name,
        Optional<String> agentName,
        Optional<String> systemPrompt,
        Optional<String> voice,
        Optional<String> language,
        Optional<String> greeting,
        Optional<String> aiDisclosure,
        Optional<String> recordingConsentPrompt,
        Optional<List<Objective>> objectives,
        Optional<Set<Tool>> tools,
        Optional<Provider> provider,
        Optional<TurnDetection> turnDetection) {

    public static final ProfilePatch EMPTY = new ProfilePatch(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public ProfilePatch withSystemPrompt(String prompt) {
        return new ProfilePatch(name, agentName, Optional.of(prompt), voice, language, greeting, aiDisclosure,
                recordingConsentPrompt, objectives, tools, provider, turnDetection);
    }

    public ProfilePatch withVoice(String newVoice) {
        return new ProfilePatch(name, agentName, systemPrompt, Optional.of(newVoice), language, greeting, aiDisclosure,
                recordingConsentPrompt, objectives, tools, provider, turnDetection);
    }

    public ProfilePatch withTools(Set<Tool> newTools) {
        return new ProfilePatch(name, agentName, systemPrompt, voice, language, greeting, aiDisclosure,
                recordingConsentPrompt, objectives, Optional.of(newTools), provider, turnDetection);
    }

    public ProfilePatch withGreeting(String newGreeting) {
        return new ProfilePatch(name, agentName, systemPrompt, voice, language, Optional.of(newGreeting), aiDisclosure,
                recordingConsentPrompt, objectives, tools, provider, turnDetection);
    }
}
