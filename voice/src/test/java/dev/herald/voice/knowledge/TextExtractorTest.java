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

    @Test
    void notUtf8AndNotPdfAreRefusedNamingTheField() {
        assertThatThrownBy(() -> TextExtractor.extract(DocumentFormat.TEXT, new byte[] {(byte) 0xC3, 0x28}, "body"))
                .isInstanceOf(Invalid.class).hasMessageStartingWith("body:");
        assertThatThrownBy(() -> TextExtractor.extract(DocumentFormat.PDF, "hello".getBytes(StandardCharsets.UTF_8), "body"))
                .isInstanceOf(Invalid.class).hasMessageContaining("not a PDF");
    }
}
