package dev.herald.governance.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class AtomRejectionTest {
    private static final Pattern TABLE_ROW = Pattern.compile("^\\| `([a-z_]+)` \\|", Pattern.MULTILINE);

    @Test
    void codesAreUniqueSnakeCaseSlugs() {
        assertThat(Arrays.stream(AtomRejection.values()).map(AtomRejection::code))
                .doesNotHaveDuplicates()
                .allMatch(c -> c.matches("[a-z][a-z_]*[a-z]"));
    }

    @Test
    void everyCodeIsDocumentedInTheRealtimeGuide_andTheGuideListsNoOther() throws IOException {
        String guide = Files.readString(Path.of("..", "docs", "realtime.md"));
        int section = guide.indexOf("### Rejection codes");
        assertThat(section).as("docs/realtime.md has a rejection code table").isPositive();
        int next = guide.indexOf("\n#", section + 4);
        Matcher m = TABLE_ROW.matcher(guide.substring(section, next < 0 ? guide.length() : next));
        Set<String> documented = new LinkedHashSet<>();
        while (m.find()) {
            documented.add(m.group(1));
        }
        assertThat(documented).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(AtomRejection.values()).map(AtomRejection::code).toList());
    }

    @Test
    void aReasonReadsAsItsCodeThenItsDetail() {
        assertThat(AtomRejection.UNKNOWN_KEY.because("key_id 'k' is not an active sidecar key of this project").wire())
                .isEqualTo("unknown_key: key_id 'k' is not an active sidecar key of this project");
    }

    @Test
    void aVerdictOnlyCarriesAnAtomReason() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new AtomSignatures.Result(
                        AtomRejection.MEDIA_BYTES.because("x"), java.util.List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
