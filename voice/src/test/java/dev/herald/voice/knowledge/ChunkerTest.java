package dev.herald.voice.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkerTest {

    @Test
    void paragraphsUnderOneHeadingShareAChunk_andAHeadingStartsANewOne() {
        List<Chunker.Chunk> chunks = Chunker.split("Intro words.\n\n# Pricing\n\nFirst.\n\nSecond.\n\n# Security\n\nSigned.", true);
        assertThat(chunks).containsExactly(new Chunker.Chunk(null, "Intro words."),
                new Chunker.Chunk("Pricing", "First. Second."), new Chunker.Chunk("Security", "Signed."));
    }

    @Test
    void plainTextHashLinesAreNotHeadings() {
        assertThat(Chunker.split("# not a heading\n\nbody", false)).extracting(Chunker.Chunk::heading).containsOnlyNulls();
    }

    @Test
    void aLongSectionIsCappedAndEachChunkRepeatsThePreviousLastSentence() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            text.append("Sentence number ").append(i).append(" says something useful here. ");
            if (i % 5 == 4) {
                text.append("\n\n");
            }
        }
        List<Chunker.Chunk> chunks = Chunker.split(text.toString(), false);
        assertThat(chunks.size()).isGreaterThan(2);
        for (int i = 0; i < chunks.size(); i++) {
            assertThat(chunks.get(i).text().length()).isLessThanOrEqualTo(Chunker.MAX_CHARS);
            if (i > 0) {
                List<String> before = Chunker.sentences(chunks.get(i - 1).text());
                assertThat(chunks.get(i).text()).startsWith(before.getLast());
            }
        }
        String all = String.join(" ", chunks.stream().map(Chunker.Chunk::text).toList());
        for (int i = 0; i < 60; i++) {
            assertThat(all).contains("Sentence number " + i + " ");
        }
    }

    @Test
    void anEndlessSentenceIsCutBetweenWords_andAnEndlessWordIsCut() {
        String words = "word ".repeat(700).strip();
        assertThat(Chunker.split(words, false)).allSatisfy(c -> assertThat(c.text().length()).isLessThanOrEqualTo(Chunker.MAX_CHARS));
        List<Chunker.Chunk> cut = Chunker.split("x".repeat(2500), false);
        assertThat(cut).hasSize(3);
        assertThat(String.join("", cut.stream().map(Chunker.Chunk::text).toList())).hasSize(2500);
    }
}
