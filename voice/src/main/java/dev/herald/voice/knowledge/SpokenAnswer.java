package dev.herald.voice.knowledge;

import java.util.List;
import java.util.Locale;

/**
 * What the agent reads out of a passage: a chunk is up to a thousand characters, far too long to
 * say on a call, so the answer is the run of at most two consecutive sentences (and at most
 * {@link #MAX_CHARS}) that holds the most of the question's terms, the shortest such run on a tie.
 */
final class SpokenAnswer {
    static final int MAX_CHARS = 400;

    private SpokenAnswer() {
    }

    static String from(String passage, SearchTerms terms) {
        List<String> sentences = Chunker.sentences(passage);
        String best = null;
        int bestHits = -1;
        for (int i = 0; i < sentences.size(); i++) {
            for (int n = 1; n <= 2 && i + n <= sentences.size(); n++) {
                String run = String.join(" ", sentences.subList(i, i + n));
                if (run.length() > MAX_CHARS && n > 1) {
                    continue;
                }
                int hits = hits(run, terms);
                if (hits > bestHits || (hits == bestHits && run.length() < best.length())) {
                    best = run;
                    bestHits = hits;
                }
            }
        }
        if (best == null) {
            best = passage;
        }
        return best.length() <= MAX_CHARS ? best : best.substring(0, best.lastIndexOf(' ', MAX_CHARS) > 0
                ? best.lastIndexOf(' ', MAX_CHARS) : MAX_CHARS) + "...";
    }

    /** Terms found at the start of a word, the last letter of a long term dropped (a rough stem: "prices" finds "priced"). */
    private static int hits(String text, SearchTerms terms) {
        String lower = " " + text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ");
        int hits = 0;
        for (String t : terms.terms()) {
            String stem = t.length() > 4 ? t.substring(0, t.length() - 1) : t;
            if (lower.contains(" " + stem)) {
                hits++;
            }
        }
        return hits;
    }
}
