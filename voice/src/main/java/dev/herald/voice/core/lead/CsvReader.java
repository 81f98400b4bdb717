package dev.herald.voice.core.lead;

import java.util.ArrayList;
import java.util.List;

/**
 * An RFC 4180 reader: fields in double quotes may hold the delimiter, line breaks and doubled quotes;
 * records end with CRLF, LF or a lone CR; a leading byte-order mark is skipped. The delimiter is the
 * comma unless the header line has more semicolons or tabs than commas (spreadsheets in many
 * locales export those). Stricter than RFC 4180 in one place only: a quote inside an unquoted field,
 * or text after a closing quote, marks the record malformed instead of being guessed at.
 */
final class CsvReader {

    /** One record; {@code row} counts records from 1 (the header), the way a spreadsheet numbers rows. */
    record Record(int row, List<String> fields, boolean malformed) {
        boolean blank() {
            return fields.size() == 1 && fields.getFirst().isBlank() && !malformed;
        }
    }

    private final String text;
    private final char delimiter;
    private int pos;
    private int line = 1;

    CsvReader(String text) {
        this.text = text.startsWith("\uFEFF") ? text.substring(1) : text;
        this.delimiter = detectDelimiter(this.text);
    }

    char delimiter() {
        return delimiter;
    }

    boolean hasNext() {
        return pos < text.length();
    }

    /** Reads the next record; throws {@link LeadImportException} on a quote that never closes. */
    Record next(int row) {
        List<String> fields = new ArrayList<>();
        boolean malformed = false;
        StringBuilder field = new StringBuilder();
        int startLine = line;
        while (true) {
            if (pos >= text.length()) {
                fields.add(field.toString());
                return new Record(row, fields, malformed);
            }
            char c = text.charAt(pos);
            if (c == '"' && field.isEmpty()) {
                pos++;
                malformed |= readQuoted(field, startLine);
                continue;
            }
            pos++;
            if (c == delimiter) {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && pos < text.length() && text.charAt(pos) == '\n') {
                    pos++;
                }
                line++;
                fields.add(field.toString());
                return new Record(row, fields, malformed);
            } else {
                malformed |= c == '"';
                field.append(c);
            }
        }
    }

    /** Reads a quoted field's content; true when text follows the closing quote before the delimiter. */
    private boolean readQuoted(StringBuilder field, int startLine) {
        while (true) {
            if (pos >= text.length()) {
                throw new LeadImportException(FileErrorReason.UNTERMINATED_QUOTE,
                        "a quoted field opened on line " + startLine + " is never closed");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                if (pos < text.length() && text.charAt(pos) == '"') {
                    field.append('"');
                    pos++;
                    continue;
                }
                // A closing quote: only the delimiter or the end of the record may follow.
                if (pos < text.length()) {
                    char after = text.charAt(pos);
                    if (after != delimiter && after != '\n' && after != '\r') {
                        return true;
                    }
                }
                return false;
            }
            if (c == '\n' || (c == '\r' && (pos >= text.length() || text.charAt(pos) != '\n'))) {
                line++;
            }
            field.append(c);
        }
    }

    private static char detectDelimiter(String text) {
        int commas = 0;
        int semicolons = 0;
        int tabs = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            } else if (!quoted) {
                switch (c) {
                    case ',' -> commas++;
                    case ';' -> semicolons++;
                    case '\t' -> tabs++;
                    default -> { }
                }
            }
        }
        if (semicolons > commas && semicolons >= tabs) {
            return ';';
        }
        return tabs > commas ? '\t' : ',';
    }
}
