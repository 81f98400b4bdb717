package dev.herald.voice.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Holds the module's boundaries by reading its main sources: the feature packages depend on each
 * other one way only, nothing imports another Herald module, and nothing reaches for I/O or the
 * system clock.
 */
class PackageBoundariesTest {
    private static final Path MAIN = Path.of(System.getProperty("herald.root", ".."), "voice/src/main/java/dev/herald/voice/core");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+)\\.[\\w*]+;", Pattern.MULTILINE);
    private static final Pattern VOICE_REF = Pattern.compile("dev\\.herald\\.voice\\.core\\.(\\w+)\\.");

    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "call", Set.of(),
            "lead", Set.of(),
            "profile", Set.of(),
            "compliance", Set.of("lead", "call"),
            "campaign", Set.of("call"),
            "qualifier", Set.of("call", "profile"),
            "simulation", Set.of("qualifier", "profile", "call"));

    @Test
    void featurePackagesDependOneWay_andOnNothingElseOfHerald() throws IOException {
        Map<String, Set<String>> used = new TreeMap<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String pkg = MAIN.relativize(file).getName(0).toString();
                String source = Files.readString(file);
                Matcher refs = VOICE_REF.matcher(source);
                while (refs.find()) {
                    if (!refs.group(1).equals(pkg)) {
                        used.computeIfAbsent(pkg, k -> new TreeSet<>()).add(refs.group(1));
                    }
                }
                Matcher imports = IMPORT.matcher(source);
                while (imports.find()) {
                    String imported = imports.group(1);
                    assertThat(imported).as(file + " imports " + imported)
                            .matches(i -> i.startsWith("java.") || i.startsWith("dev.herald.voice.core.")
                                    || i.startsWith("com.fasterxml.jackson.") && pkg.equals("lead"));
                    assertThat(imported).as(file + " does I/O").isNotIn("java.io", "java.nio.file", "java.net");
                }
                assertThat(source).as(file + " reads the system clock or an unseeded random source")
                        .doesNotContain(".now()", "Math.random", "new Random(", "System.currentTimeMillis", "Thread.sleep");
            }
        }
        assertThat(used.keySet()).isSubsetOf(ALLOWED.keySet());
        used.forEach((pkg, deps) -> assertThat(deps).as(pkg).isSubsetOf(ALLOWED.get(pkg)));
        assertThat(used).isNotEmpty();
        assertThat(List.copyOf(ALLOWED.keySet())).hasSize(7);
    }
}
