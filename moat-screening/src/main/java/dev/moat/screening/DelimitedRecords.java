package dev.moat.screening;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits CSV or TSV text into records: RFC 4180 quoting (a quoted field may hold delimiters,
 * line breaks and doubled quotes), CR LF or LF line ends, and a trailing DOS end-of-file mark
 * (0x1A, which OFAC's legacy files end with) ignored. A quote inside an unquoted field is kept as
 * text, as the lists do that in names. The one unrecoverable fault, a quote that never closes,
 * swallows the rest of the file; that record is returned with {@link Row#unterminated()} set.
 */
public final class DelimitedRecords {

    /** A record and the 1-based line it starts on. */
    public record Row(long line, List<String> fields, boolean unterminated) {
    }

    private DelimitedRecords() {
    }

    public static List<Row> split(String text, char delimiter) {
        List<Row> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        long line = 1;
        long rowStart = 1;
        boolean quoted = false;
        boolean fieldWasQuoted = false;
        boolean rowHasContent = false;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
                continue;
            }
            if (c == '"' && field.toString().isBlank() && !fieldWasQuoted) {
                field.setLength(0);
                quoted = true;
                fieldWasQuoted = true;
                rowHasContent = true;
            } else if (c == delimiter) {
                fields.add(field.toString());
                field.setLength(0);
                fieldWasQuoted = false;
                rowHasContent = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (rowHasContent || !field.isEmpty()) {
                    fields.add(field.toString());
                    rows.add(new Row(rowStart, List.copyOf(fields), false));
                }
                fields.clear();
                field.setLength(0);
                fieldWasQuoted = false;
                rowHasContent = false;
                line++;
                rowStart = line;
            } else if (c == '\u001A' && !rowHasContent && field.isEmpty()) {
                continue;
            } else {
                field.append(c);
                if (!Character.isWhitespace(c)) {
                    rowHasContent = true;
                }
            }
        }
        if (quoted) {
            fields.add(field.toString());
            rows.add(new Row(rowStart, List.copyOf(fields), true));
        } else if (rowHasContent || !field.toString().isBlank()) {
            fields.add(field.toString());
            rows.add(new Row(rowStart, List.copyOf(fields), false));
        }
        return rows;
    }
}
