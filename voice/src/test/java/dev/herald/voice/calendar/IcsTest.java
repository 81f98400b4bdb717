package dev.herald.voice.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IcsTest {

    @Test
    void longLinesFoldAt75OctetsWithoutSplittingACharacter() {
        StringBuilder out = new StringBuilder();
        String value = "SUMMARY:" + "é".repeat(100) + "x".repeat(30);
        Ics.line(out, value);
        String[] lines = out.toString().split("\r\n", -1);
        assertThat(lines[lines.length - 1]).isEmpty();
        for (int i = 0; i < lines.length - 1; i++) {
            assertThat(lines[i].getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(75);
            if (i > 0) {
                assertThat(lines[i]).startsWith(" ");
            }
        }
        assertThat(out.toString().replace("\r\n ", "")).isEqualTo(value + "\r\n");
    }

    @Test
    void textValuesAreEscaped() {
        assertThat(Ics.text("a\\b;c,d\ne")).isEqualTo("a\\\\b\\;c\\,d\\ne");
    }

    @Test
    void aShortLineIsNotFolded() {
        StringBuilder out = new StringBuilder();
        Ics.line(out, "X".repeat(75));
        assertThat(out.toString()).isEqualTo("X".repeat(75) + "\r\n");
    }
}
