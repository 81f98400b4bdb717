package dev.herald.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/problems.md against the code, by a plain scan of the main sources of every module: each
 * problem slug the server can answer has a row, with the status the code gives it, and each row
 * names a slug the code answers. The slugs come from {@code ProblemHandlers} (statuses Herald and
 * Jetty answer, the domain mapping), from {@code HttpProblem} subclasses, and from the reasons of
 * {@code Denied} and {@code Unavailable} (constants and literal reasons passed to them).
 */
class ProblemCatalogTest {
    private static final String SLUG = "([a-z][a-z0-9-]*[a-z0-9])";
    /** {@code Problem.of(404, "not-found", ...)}; the status is a variable for the catch-all slugs. */
    private static final Pattern PROBLEM_OF = Pattern.compile("Problem\\.of\\(\\s*(\\w+)\\s*,\\s*\"" + SLUG + "\"");
    /** {@code TYPE_PREFIX + "validation", "Validation failed", 422}. */
    private static final Pattern PREFIXED = Pattern.compile(
            "TYPE_PREFIX\\s*\\+\\s*\"" + SLUG + "\"\\s*,\\s*\"[^\"]*\"\\s*,\\s*(\\d{3})");
    /** {@code super(400, "malformed-request", ...)} in an HttpProblem. */
    private static final Pattern EDGE = Pattern.compile("super\\(\\s*(\\d{3})\\s*,\\s*\"" + SLUG + "\"");
    /** A reason constant of a Denied or Unavailable: {@code REASON = "policy-denied"}. */
    private static final Pattern REASON_CONSTANT = Pattern.compile(
            "static final String \\w+\\s*=\\s*\"" + SLUG + "\"\\s*;");
    /** A literal reason: {@code new Denied("some-reason", detail)}. */
    private static final Pattern LITERAL_REASON = Pattern.compile(
            "new (Denied|Unavailable)\\(\\s*\"" + SLUG + "\"\\s*,");
    /** A row of the catalogue: {@code | `slug` | 404 | ...}. */
    private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| ([^|]+) \\|", Pattern.MULTILINE);

    private static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("docs/problems.md")) && Files.exists(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("not inside the Herald repository");
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> mainSources(Path root) {
        try (Stream<Path> modules = Files.list(root)) {
            return modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).flatMap(dir -> {
                try (Stream<Path> files = Files.walk(dir)) {
                    return files.filter(f -> f.toString().endsWith(".java")).toList().stream();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Of two sightings of one slug, the one that states a status. */
    private static String stated(String a, String b) {
        return a.isEmpty() ? b : a;
    }

    /** Every slug the code answers, with its status when the code states it (empty otherwise). */
    static Map<String, String> slugsInCode(Path root) {
        Map<String, String> slugs = new TreeMap<>();
        for (Path file : mainSources(root)) {
            String src = read(file);
            String name = file.getFileName().toString();
            for (Matcher m = PROBLEM_OF.matcher(src); m.find(); ) {
                slugs.merge(m.group(2), m.group(1).matches("\\d{3}") ? m.group(1) : "", ProblemCatalogTest::stated);
            }
            for (Matcher m = PREFIXED.matcher(src); m.find(); ) {
                slugs.put(m.group(1), m.group(2));
            }
            if (src.contains("\"http-\" + status")) {
                slugs.put("http-<status>", "");
            }
            if (src.contains("extends HttpProblem")) {
                for (Matcher m = EDGE.matcher(src); m.find(); ) {
                    slugs.put(m.group(2), m.group(1));
                }
            }
            Optional<String> reasonStatus = src.contains("extends Denied") || name.equals("Denied.java") ? Optional.of("403")
                    : src.contains("extends Unavailable") || name.equals("Unavailable.java") ? Optional.of("503")
                    : Optional.empty();
            reasonStatus.ifPresent(status -> {
                for (Matcher m = REASON_CONSTANT.matcher(src); m.find(); ) {
                    slugs.put(m.group(1), status);
                }
            });
            for (Matcher m = LITERAL_REASON.matcher(src); m.find(); ) {
                slugs.put(m.group(2), m.group(1).equals("Denied") ? "403" : "503");
            }
        }
        return slugs;
    }

    /** The catalogue's rows: slug to its status cell. */
    static Map<String, String> rowsInDoc(Path root) {
        Map<String, String> rows = new TreeMap<>();
        for (Matcher m = ROW.matcher(read(root.resolve("docs/problems.md"))); m.find(); ) {
            rows.put(m.group(1), m.group(2).trim());
        }
        return rows;
    }

    @Test
    void theScan_findsTheSlugsOfEveryKind() {
        // Guards the scan itself: one slug from each source it reads.
        assertThat(slugsInCode(root())).containsKeys("not-found", "validation", "malformed-request", "unauthorized",
                "forbidden", "policy-denied", "unavailable", "store-unavailable", "internal", "http-<status>");
    }

    @Test
    void everyProblemSlugTheCodeAnswers_hasARowInDocsProblems_withItsStatus() {
        Map<String, String> rows = rowsInDoc(root());
        slugsInCode(root()).forEach((slug, status) -> {
            assertThat(rows).as("docs/problems.md has no row for the problem slug '%s'", slug).containsKey(slug);
            if (!status.isEmpty()) {
                assertThat(rows.get(slug)).as("the status of '%s' in docs/problems.md", slug).isEqualTo(status);
            }
        });
    }

    @Test
    void everyRowInDocsProblems_isASlugTheCodeAnswers() {
        assertThat(slugsInCode(root()).keySet()).as("slugs in the code")
                .containsAll(rowsInDoc(root()).keySet());
    }
}
