package dev.herald.voice.core.simulation;

import dev.herald.voice.core.qualifier.KnowledgeBase;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** A knowledge base over a fixed list of passages: the passage sharing the most words (at least two) with the question. */
public final class StaticKnowledge implements KnowledgeBase {
    private static final Set<String> STOP = Set.of("the", "a", "an", "it", "is", "does", "do", "you", "your", "with",
            "to", "of", "and", "or", "for", "on", "in", "can", "what", "how", "we", "our", "i", "that", "this", "are");

    private final List<String> passages;

    public StaticKnowledge(List<String> passages) {
        this.passages = List.copyOf(passages);
    }

    /** Passages about the demo product, for simulations. */
    public static StaticKnowledge demo() {
        return new StaticKnowledge(List.of(
                "Yes, it integrates with Salesforce and HubSpot out of the box, and syncs every call outcome to the lead record.",
                "Pricing starts at 400 dollars per month for a team, billed yearly; larger teams get volume pricing.",
                "Security: every call is signed and attested, data is encrypted at rest, and you choose how long recordings are kept."));
    }

    @Override
    public Optional<String> search(String question) {
        Set<String> words = words(question);
        String best = null;
        long bestScore = 1;
        for (String p : passages) {
            long score = words(p).stream().filter(words::contains).count();
            if (score > bestScore) {
                best = p;
                bestScore = score;
            }
        }
        return Optional.ofNullable(best);
    }

    private static Set<String> words(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+"))
                .filter(w -> w.length() > 2 && !STOP.contains(w))
                .map(w -> w.endsWith("s") ? w.substring(0, w.length() - 1) : w)
                .collect(Collectors.toSet());
    }
}
