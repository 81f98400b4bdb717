package dev.herald.voice.knowledge;

import dev.herald.platform.domain.Invalid;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * Turns an uploaded document into plain text whose paragraphs are separated by blank lines and
 * whose Markdown headings (if any) stay on lines of their own starting with {@code #}: the shape
 * {@link Chunker} splits. Every refusal is an {@link Invalid} naming {@code field}.
 */
final class TextExtractor {
    private static final Pattern LINK = Pattern.compile("!?\\[([^\\]]*)]\\([^)]*\\)");
    private static final Pattern EMPHASIS = Pattern.compile("(\\*\\*|__|\\*|`)");
    private static final Pattern LIST_MARK = Pattern.compile("^\\s*([-*+]|\\d+[.)])\\s+");
    private static final Pattern QUOTE_MARK = Pattern.compile("^\\s*>\\s?");
    private static final Pattern RULE = Pattern.compile("^\\s*([-*_]\\s*){3,}$");
    private static final Pattern TABLE_RULE = Pattern.compile("^\\s*\\|?(\\s*:?-{3,}:?\\s*\\|?)+\\s*$");

    /** More pages than a knowledge document plausibly has; refused before any text is extracted. */
    static final int MAX_PDF_PAGES = 2000;

    private TextExtractor() {
    }

    static String extract(DocumentFormat format, byte[] bytes, String field) {
        return switch (format) {
            case TEXT -> normalized(utf8(bytes, field));
            case MARKDOWN -> markdown(normalized(utf8(bytes, field)));
            case PDF -> normalized(pdf(bytes, field));
        };
    }

    /** Text as given in JSON (already a string): normalized, and Markdown markup dropped when it is Markdown. */
    static String fromString(DocumentFormat format, String text) {
        return format == DocumentFormat.MARKDOWN ? markdown(normalized(text)) : normalized(text);
    }

    private static String utf8(byte[] bytes, String field) {
        try {
            String s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return s.startsWith("\uFEFF") ? s.substring(1) : s;
        } catch (CharacterCodingException e) {
            throw new Invalid(field, "is not UTF-8 text");
        }
    }

    private static String pdf(byte[] bytes, String field) {
        if (bytes.length < 5 || !new String(bytes, 0, 5, StandardCharsets.ISO_8859_1).equals("%PDF-")) {
            throw new Invalid(field, "is not a PDF document (it does not start with %PDF-)");
        }
        try (PDDocument doc = Loader.loadPDF(bytes)) {
            if (doc.getNumberOfPages() > MAX_PDF_PAGES) {
                throw new Invalid(field, "has more than " + MAX_PDF_PAGES + " pages");
            }
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            stripper.setLineSeparator("\n");
            stripper.setParagraphEnd("\n\n");
            stripper.setPageEnd("\n\n");
            // Page by page, so a small file that inflates to a huge text stops at the limit, not in memory.
            StringBuilder text = new StringBuilder();
            for (int page = 1; page <= doc.getNumberOfPages(); page++) {
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                text.append(stripper.getText(doc));
                if (text.length() > KnowledgeService.MAX_TEXT_CHARS) {
                    throw new Invalid(field, "yields more than " + KnowledgeService.MAX_TEXT_CHARS + " characters of text");
                }
            }
            return text.toString();
        } catch (InvalidPasswordException e) {
            throw new Invalid(field, "is an encrypted PDF; upload it without a password");
        } catch (Invalid e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new Invalid(field, "is not a readable PDF document");
        }
    }

    /** Line ends to \n, control characters out, runs of spaces collapsed, at most one blank line in a row. */
    static String normalized(String text) {
        StringBuilder out = new StringBuilder(text.length());
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        boolean blank = true;
        for (String raw : lines) {
            String line = raw.codePoints()
                    .map(c -> c == '\t' || c == '\u00A0' ? ' ' : c)
                    .filter(c -> !Character.isISOControl(c) && Character.getType(c) != Character.FORMAT)
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                    .toString().replaceAll(" {2,}", " ").strip();
            if (line.isEmpty()) {
                if (!blank) {
                    out.append('\n');
                }
                blank = true;
            } else {
                out.append(line).append('\n');
                blank = false;
            }
        }
        return out.toString().strip();
    }

    /**
     * Markdown reduced to the words a caller hears: headings kept as {@code # title} lines (the
     * chunker's section marks), links and images to their text, emphasis, list, quote and rule marks
     * and code fences dropped. Not a full CommonMark renderer: just enough that markup never becomes
     * a search term or a spoken word.
     */
    private static String markdown(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (String line : text.split("\n", -1)) {
            if (TABLE_RULE.matcher(line).matches() && line.contains("|")) {
                continue;
            }
            if (line.startsWith("```") || line.startsWith("~~~") || RULE.matcher(line).matches()) {
                out.append('\n');
                continue;
            }
            if (line.startsWith("#")) {
                String title = line.replaceFirst("^#{1,6}\\s*", "").replaceFirst("\\s*#+$", "");
                out.append("\n# ").append(inline(title)).append("\n\n");
                continue;
            }
            String body = QUOTE_MARK.matcher(line).replaceFirst("");
            if (body.strip().startsWith("|")) {
                // A table row: its cells, read as a list.
                body = String.join("; ", java.util.Arrays.stream(body.strip().split("\\|"))
                        .map(String::strip).filter(cell -> !cell.isEmpty()).toList()) + ".";
            }
            body = LIST_MARK.matcher(body).replaceFirst("");
            out.append(inline(body)).append('\n');
        }
        return normalized(out.toString());
    }

    private static String inline(String s) {
        return EMPHASIS.matcher(LINK.matcher(s).replaceAll("$1")).replaceAll("").strip();
    }
}
