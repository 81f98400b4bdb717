package dev.herald.voice.knowledge;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits extracted text into passages for the index: paragraphs under one heading gathered up to
 * {@link #MAX_CHARS}; a longer paragraph split between sentences (a longer sentence between words).
 * When a section runs over several chunks, each starts with the last sentence of the one before
 * (if at most {@link #OVERLAP_CHARS}), so a fact stated across the boundary is still in one chunk.
 * A new heading always starts a new chunk, without overlap. Pure; thread-safe.
 */
final class Chunker {
    /** A passage short enough to read aloud and to rank on its own. */
    static final int MAX_CHARS = 1000;
    static final int OVERLAP_CHARS = 200;
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+(?=\\S)");

    /** One passage: the heading it sits under (null when none) and its text. */
    record Chunk(String heading, String text) {
    }

    private Chunker() {
    }

    /** @param headings whether lines starting with {@code # } are headings (Markdown) */
    static List<Chunk> split(String text, boolean headings) {
        List<Chunk> out = new ArrayList<>();
        String heading = null;
        StringBuilder current = new StringBuilder();
        String lastSentence = null;
        for (String block : text.split("\n\n+")) {
            String b = block.strip();
            if (b.isEmpty()) {
                continue;
            }
            if (headings && b.startsWith("# ")) {
                flush(out, heading, current);
                lastSentence = null;
                heading = b.substring(2).strip();
                if (heading.length() > 300) {
                    heading = heading.substring(0, 300);
                }
                continue;
            }
            for (String piece : pieces(b.replace('\n', ' '))) {
                if (!current.isEmpty() && current.length() + 1 + piece.length() > MAX_CHARS) {
                    flush(out, heading, current);
                    if (lastSentence != null && lastSentence.length() <= OVERLAP_CHARS
                            && lastSentence.length() + 1 + piece.length() <= MAX_CHARS) {
                        current.append(lastSentence);
                    }
                }
                if (!current.isEmpty()) {
                    current.append(' ');
                }
                current.append(piece);
                List<String> sentences = sentences(piece);
                lastSentence = sentences.getLast();
            }
        }
        flush(out, heading, current);
        return out;
    }

    private static void flush(List<Chunk> out, String heading, StringBuilder current) {
        if (!current.isEmpty()) {
            out.add(new Chunk(heading, current.toString()));
            current.setLength(0);
        }
    }

    /** A paragraph as pieces of at most MAX_CHARS: itself, else runs of sentences, else runs of words. */
    private static List<String> pieces(String paragraph) {
        if (paragraph.length() <= MAX_CHARS) {
            return List.of(paragraph);
        }
        List<String> out = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        for (String sentence : sentences(paragraph)) {
            for (String part : sentence.length() <= MAX_CHARS ? List.of(sentence) : words(sentence)) {
                if (!run.isEmpty() && run.length() + 1 + part.length() > MAX_CHARS) {
                    out.add(run.toString());
                    run.setLength(0);
                }
                if (!run.isEmpty()) {
                    run.append(' ');
                }
                run.append(part);
            }
        }
        if (!run.isEmpty()) {
            out.add(run.toString());
        }
        return out;
    }

    static List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        for (String s : SENTENCE_END.split(text)) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out.isEmpty() ? List.of(text.strip()) : out;
    }

    /** A sentence longer than a chunk, cut between words (a word longer than a chunk, cut). */
    private static List<String> words(String sentence) {
        List<String> out = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        for (String word : sentence.split(" ")) {
            while (word.length() > MAX_CHARS) {
                if (!run.isEmpty()) {
                    out.add(run.toString());
                    run.setLength(0);
                }
                out.add(word.substring(0, MAX_CHARS));
                word = word.substring(MAX_CHARS);
            }
            if (!run.isEmpty() && run.length() + 1 + word.length() > MAX_CHARS) {
                out.add(run.toString());
                run.setLength(0);
            }
            if (!run.isEmpty()) {
                run.append(' ');
            }
            run.append(word);
        }
        if (!run.isEmpty()) {
            out.add(run.toString());
        }
        return out;
    }
}
