package dev.moat.screening;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the date-of-birth spellings the lists use ({@code 10 Dec 1948}, {@code Dec 1948},
 * {@code 1948}, {@code circa 1960}, {@code 1970 to 1975}, {@code 1978-12-05}, {@code 12/05/1978})
 * into ISO 8601 partial dates, and compares two such dates.
 */
final class BirthDates {

    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("jan", 1), Map.entry("feb", 2), Map.entry("mar", 3), Map.entry("apr", 4),
            Map.entry("may", 5), Map.entry("jun", 6), Map.entry("jul", 7), Map.entry("aug", 8),
            Map.entry("sep", 9), Map.entry("oct", 10), Map.entry("nov", 11), Map.entry("dec", 12));
    private static final Pattern ISO = Pattern.compile("(\\d{4})(?:-(\\d{1,2})(?:-(\\d{1,2}))?)?");
    private static final Pattern DAY_MONTH_YEAR = Pattern.compile("(?:(\\d{1,2})\\s+)?([A-Za-z]{3})[a-z]*\\.?\\s+(\\d{4})");
    private static final Pattern US = Pattern.compile("(\\d{1,2})/(\\d{1,2})/(\\d{4})");
    private static final Pattern YEAR_RANGE = Pattern.compile("(\\d{4})\\s*(?:to|-)\\s*(\\d{4})");
    private static final Pattern YEAR = Pattern.compile("(?<!\\d)(1[89]\\d\\d|20\\d\\d)(?!\\d)");

    private BirthDates() {
    }

    /** Every date the text holds, ISO formatted; a year range gives each year. */
    static List<String> parse(String text) {
        List<String> out = new ArrayList<>();
        String t = text.strip();
        Matcher range = YEAR_RANGE.matcher(t);
        if (range.find()) {
            int from = Integer.parseInt(range.group(1));
            int to = Integer.parseInt(range.group(2));
            for (int y = from; y <= to && y - from <= 10; y++) {
                out.add(Integer.toString(y));
            }
            return out;
        }
        Matcher iso = ISO.matcher(t);
        if (iso.matches()) {
            out.add(format(Integer.parseInt(iso.group(1)), iso.group(2), iso.group(3)));
            return out;
        }
        Matcher us = US.matcher(t);
        if (us.find()) {
            out.add(format(Integer.parseInt(us.group(3)), us.group(1), us.group(2)));
            return out;
        }
        Matcher dmy = DAY_MONTH_YEAR.matcher(t);
        if (dmy.find()) {
            Integer month = MONTHS.get(dmy.group(2).toLowerCase(Locale.ROOT));
            if (month != null) {
                out.add(format(Integer.parseInt(dmy.group(3)), month.toString(), dmy.group(1)));
                return out;
            }
        }
        Matcher year = YEAR.matcher(t);
        if (year.find()) {
            out.add(year.group(1));
        }
        return out;
    }

    private static String format(int year, String month, String day) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%04d", year));
        if (month != null) {
            int m = Integer.parseInt(month);
            if (m >= 1 && m <= 12) {
                b.append(String.format(Locale.ROOT, "-%02d", m));
                if (day != null) {
                    int d = Integer.parseInt(day);
                    if (d >= 1 && d <= 31) {
                        b.append(String.format(Locale.ROOT, "-%02d", d));
                    }
                }
            }
        }
        return b.toString();
    }

    /** How two partial dates relate. */
    enum Agreement { SAME, COMPATIBLE, DIFFERENT }

    /**
     * SAME when every part both give agrees and they share at least a full year; COMPATIBLE when
     * the years are one apart (lists often record the year of registration or an estimate);
     * DIFFERENT otherwise.
     */
    static Agreement compare(String a, String b) {
        Optional<int[]> x = parts(a);
        Optional<int[]> y = parts(b);
        if (x.isEmpty() || y.isEmpty()) {
            return Agreement.COMPATIBLE;
        }
        int[] p = x.get();
        int[] q = y.get();
        if (p[0] != q[0]) {
            return Math.abs(p[0] - q[0]) == 1 ? Agreement.COMPATIBLE : Agreement.DIFFERENT;
        }
        for (int i = 1; i < 3; i++) {
            if (p[i] != 0 && q[i] != 0 && p[i] != q[i]) {
                return Agreement.DIFFERENT;
            }
        }
        return Agreement.SAME;
    }

    private static Optional<int[]> parts(String iso) {
        Matcher m = ISO.matcher(iso.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new int[] {
                Integer.parseInt(m.group(1)),
                m.group(2) == null ? 0 : Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3))});
    }
}
