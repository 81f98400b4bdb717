package dev.herald.voice.knowledge;

import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words of a question that are worth searching for: runs of letters and digits, lower-cased,
 * without stop words, at most {@link #MAX_TERMS}. Nothing of the question's own punctuation or
 * operators survives, so whatever a caller says or a client sends ({@code "}, {@code *}, {@code :},
 * {@code NEAR}, {@code OR}, parentheses) reaches the full-text engine only as quoted plain words: a
 * question can never be full-text query syntax. Each store renders the terms as a query of any of
 * them ({@link #fts5Query}, {@link #tsQuery}); the engines rank passages matching more terms higher.
 */
record SearchTerms(List<String> terms) {
    static final int MAX_TERMS = 16;
    static final int MAX_QUESTION_CHARS = 1000;
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    /** English function words and the engines' operator words; a question is asked in speech, not syntax. */
    private static final Set<String> STOP = Set.of(
            "a", "about", "after", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "been", "but",
            "by", "can", "could", "did", "do", "does", "doing", "for", "from", "get", "got", "had", "has", "have",
            "he", "her", "here", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "just", "know",
            "let", "like", "me", "my", "near", "no", "not", "of", "on", "one", "or", "our", "out", "please", "she",
            "so", "some", "tell", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this",
            "those", "to", "up", "us", "was", "we", "were", "what", "when", "where", "which", "who", "whom", "why",
            "will", "with", "would", "you", "your", "yours", "yes", "okay", "ok", "um", "uh", "well", "really",
            "there's", "s", "t", "d", "ll", "re", "ve", "m");

    SearchTerms {
        terms = List.copyOf(terms);
    }

    static SearchTerms of(String question) {
        if (question == null) {
            return new SearchTerms(List.of());
        }
        String q = question.length() > MAX_QUESTION_CHARS ? question.substring(0, MAX_QUESTION_CHARS) : question;
        q = Normalizer.normalize(q, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        Set<String> out = new LinkedHashSet<>();
        Matcher m = WORD.matcher(q);
        while (m.find() && out.size() < MAX_TERMS) {
            String w = m.group();
            if (w.length() > 1 || Character.isDigit(w.charAt(0))) {
                if (!STOP.contains(w) && w.length() <= 64) {
                    out.add(w);
                }
            }
        }
        return new SearchTerms(List.copyOf(out));
    }

    boolean isEmpty() {
        return terms.isEmpty();
    }

    /** FTS5: each term a quoted string (quotes doubled, though terms hold none), joined by OR. */
    String fts5Query() {
        return String.join(" OR ", terms.stream().map(t -> "\"" + t.replace("\"", "\"\"") + "\"").toList());
    }

    /** PostgreSQL {@code to_tsquery}: each term a quoted lexeme (quotes doubled), joined by |. */
    String tsQuery() {
        return String.join(" | ", terms.stream().map(t -> "'" + t.replace("'", "''") + "'").toList());
    }
}
