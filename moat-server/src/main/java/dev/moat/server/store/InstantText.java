package dev.moat.server.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * An instant as {@link Instant#toString()} writes it (ISO-8601 in UTC: {@code 2026-11-28T16:43:05.123Z}, the
 * fraction in groups of three digits, none when it is zero), written directly instead of through
 * {@code DateTimeFormatter}: the usage writer stores and logs every event's time several times, and the formatter
 * showed as 9 % of the writer's samples at saturation (docs/benchmarks.md, session 11). Years outside 0–9999 —
 * which {@code toString} writes with a sign — are left to {@code toString}.
 */
public final class InstantText {

    /** 0000-01-01T00:00:00Z and the first second of year 10000. */
    private static final long MIN_SECOND = -62_167_219_200L;
    private static final long END_SECOND = 253_402_300_800L;

    private InstantText() {
    }

    /** Exactly {@code at.toString()}. */
    public static String of(Instant at) {
        long seconds = at.getEpochSecond();
        if (seconds < MIN_SECOND || seconds >= END_SECOND) {
            return at.toString();
        }
        long days = Math.floorDiv(seconds, 86_400);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400);
        // Days to a civil date (proleptic Gregorian), as in H. Hinnant's days_from_civil inverse.
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long mp = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));

        int nanos = at.getNano();
        int fractionDigits = nanos == 0 ? 0 : nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
        byte[] text = new byte[20 + (fractionDigits == 0 ? 0 : 1 + fractionDigits)];
        digits(text, 0, year, 4);
        text[4] = '-';
        digits(text, 5, month, 2);
        text[7] = '-';
        digits(text, 8, day, 2);
        text[10] = 'T';
        digits(text, 11, secondOfDay / 3600, 2);
        text[13] = ':';
        digits(text, 14, secondOfDay / 60 % 60, 2);
        text[16] = ':';
        digits(text, 17, secondOfDay % 60, 2);
        int at19 = 19;
        if (fractionDigits > 0) {
            text[at19++] = '.';
            int fraction = fractionDigits == 3 ? nanos / 1_000_000 : fractionDigits == 6 ? nanos / 1_000 : nanos;
            digits(text, at19, fraction, fractionDigits);
            at19 += fractionDigits;
        }
        text[at19] = 'Z';
        return new String(text, StandardCharsets.ISO_8859_1);
    }

    /** The UTC day of {@link #of}'s text ({@code 2026-11-28}), as {@code LocalDate.toString} writes it. */
    public static String day(String isoInstant) {
        int t = isoInstant.indexOf('T');
        return isoInstant.substring(0, t);
    }

    private static void digits(byte[] out, int from, int value, int width) {
        for (int i = from + width - 1; i >= from; i--) {
            out[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }
}
