package dev.herald.voice.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.platform.domain.Invalid;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextExtractorTest {

    @Test
    void markdownKeepsHeadingsAndWordsButNotMarkup() {
        String md = """
                ## Plans ##

                The **Team** plan: see [our page](https://example.com/p) and ![logo](l.png).

                | Plan | Price |
                |------|------:|
                | Team | 400 dollars |

                > Quoted *advice*.
                - one
                - two

                ```
                code fence
                ```
                ---
                """;
        String text = TextExtractor.extract(DocumentFormat.MARKDOWN, md.getBytes(StandardCharsets.UTF_8), "body");
        assertThat(text).contains("# Plans\n").contains("The Team plan: see our page and logo.")
                .contains("Plan; Price.\nTeam; 400 dollars.").contains("Quoted advice.\none\ntwo")
                .doesNotContain("**", "](", "```", "---", "|", "##");
    }

    @Test
    void textIsNormalized() {
        String text = TextExtractor.extract(DocumentFormat.TEXT,
                "\uFEFFa\tb  c\r\n\r\n\r\n\r\nd\u0007e\u200B".getBytes(StandardCharsets.UTF_8), "body");
        assertThat(text).isEqualTo("a b c\n\nde");
    }

    /** A PDF of {@code pages} pages, each with {@code lines} lines of one sentence. */
    static byte[] pdf(int pages, int lines, String sentence) throws java.io.IOException {
        try (org.apache.pdfbox.pdmodel.PDDocument doc = new org.apache.pdfbox.pdmodel.PDDocument();
             java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
            var font = new org.apache.pdfbox.pdmodel.font.PDType1Font(
                    org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName.HELVETICA);
            for (int p = 0; p < pages; p++) {
                var page = new org.apache.pdfbox.pdmodel.PDPage();
                doc.addPage(page);
                try (var s = new org.apache.pdfbox.pdmodel.PDPageContentStream(doc, page)) {
                    s.beginText();
                    s.setFont(font, 6);
                    s.setLeading(7);
                    s.newLineAtOffset(20, 770);
                    for (int i = 0; i < lines; i++) {
                        s.showText(sentence);
                        s.newLine();
                    }
                    s.endText();
                }
            }
            doc.save(out);
            return out.toByteArray();
        }
    }

    @Test
    void aPdfIsReadPageByPage_andOneThatInflatesPastTheTextLimitIsRefused() throws Exception {
        byte[] small = pdf(2, 3, "Pricing starts at 400 dollars per month.");
        assertThat(TextExtractor.extract(DocumentFormat.PDF, small, "body")).contains("Pricing starts at 400 dollars per month.");
        String line = "The quick brown fox jumps over the lazy dog and keeps on running through the field again.";
        byte[] big = pdf(60, 100, line);
        assertThat(big.length).isLessThan(KnowledgeService.MAX_DOCUMENT_BYTES);
        assertThatThrownBy(() -> TextExtractor.extract(DocumentFormat.PDF, big, "body"))
                .isInstanceOf(Invalid.class).hasMessageContaining("characters of text");
    }

    @Test
    void notUtf8AndNotPdfAreRefusedNamingTheField() {
        assertThatThrownBy(() -> TextExtractor.extract(DocumentFormat.TEXT, new byte[] {(byte) 0xC3, 0x28}, "body"))
                .isInstanceOf(Invalid.class).hasMessageStartingWith("body:");
        assertThatThrownBy(() -> TextExtractor.extract(DocumentFormat.PDF, "hello".getBytes(StandardCharsets.UTF_8), "body"))
                .isInstanceOf(Invalid.class).hasMessageContaining("not a PDF");
    }
}
