package dev.moat.audit;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * RFC 8785 JSON Canonicalization Scheme (JCS): one byte sequence per JSON value, so anyone can recompute an
 * entry's hash from its data. Accepts a tree of {@link Map} (String keys), {@link List}, {@link String},
 * {@link Number}, {@link Boolean} and {@code null}. Object members are sorted by the UTF-16 code units of their
 * names, numbers are written as ECMAScript writes IEEE 754 doubles, and strings escape only what JSON requires.
 *
 * <p>JCS defines numbers as IEEE 754 doubles. Decimals ({@link BigDecimal}, {@link Double}) are taken as the
 * nearest double, as a JSON parser would; integers ({@link Long}, {@link BigInteger}) must be exactly
 * representable (for example |n| <= 2^53), because silently changing a sequence number or count in an audit
 * record would be worse than refusing it. NaN and infinities have no JSON form and are refused.
 */
public final class CanonicalJson {
    /** 2^53: every integer of at most this magnitude is exactly one IEEE 754 double. */
    private static final long MAX_EXACT_INTEGER = 1L << 53;

    private CanonicalJson() {
    }

    /** The canonical UTF-8 bytes of {@code value}. */
    public static byte[] toBytes(Object value) {
        return toText(value).getBytes(StandardCharsets.UTF_8);
    }

    /** The canonical text of {@code value}. @throws IllegalArgumentException naming the unsupported value */
    public static String toText(Object value) {
        StringBuilder out = new StringBuilder(256);
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        switch (value) {
            case null -> out.append("null");
            case Boolean flag -> out.append(flag);
            case String text -> writeString(text, out);
            case Number number -> out.append(formatNumber(number));
            case Map<?, ?> map -> writeObject(map, out);
            case List<?> list -> {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(list.get(i), out);
                }
                out.append(']');
            }
            default -> throw new IllegalArgumentException("cannot write a " + value.getClass().getName()
                    + " as JSON (expected: Map, List, String, Number, Boolean or null)");
        }
    }

    private static void writeObject(Map<?, ?> map, StringBuilder out) {
        // String.compareTo orders by UTF-16 code units, exactly the order RFC 8785 section 3.2.3 prescribes.
        TreeMap<String, Object> sorted = new TreeMap<>();
        for (Map.Entry<?, ?> member : map.entrySet()) {
            if (!(member.getKey() instanceof String name)) {
                throw new IllegalArgumentException("JSON object member names must be strings, not " + member.getKey());
            }
            sorted.put(name, member.getValue());
        }
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, Object> member : sorted.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            writeString(member.getKey(), out);
            out.append(':');
            write(member.getValue(), out);
        }
        out.append('}');
    }

    private static void writeString(String text, StringBuilder out) {
        out.append('"');
        if (isPlain(text)) {
            // Most names, codes and ids need no escaping and no surrogate checks: copy them whole.
            out.append(text).append('"');
            return;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
                continue;
            }
            if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("string has a lone surrogate U+" + Integer.toHexString(c)
                        + " at offset " + i + "; JSON text must be valid Unicode");
            }
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** True when every character is printable ASCII other than the quote and the backslash. */
    private static boolean isPlain(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    static String formatNumber(Number number) {
        if (number instanceof Long || number instanceof Integer || number instanceof Short || number instanceof Byte) {
            long integer = number.longValue();
            // Integers of at most 53 bits are exact doubles, and ECMAScript prints them as plain digits.
            if (integer >= -MAX_EXACT_INTEGER && integer <= MAX_EXACT_INTEGER) {
                return Long.toString(integer);
            }
        }
        double value = toExactDouble(number);
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("JSON has no representation for " + value);
        }
        return formatDouble(value);
    }

    private static double toExactDouble(Number number) {
        return switch (number) {
            case Double d -> d;
            case Float f -> f.doubleValue();
            case Integer i -> i;
            case Short s -> s;
            case Byte b -> b;
            case Long l -> exactInteger(BigInteger.valueOf(l));
            case BigInteger big -> exactInteger(big);
            // A decimal is rounded to the nearest double, exactly as parsing the JSON text in ECMAScript would.
            case BigDecimal big -> big.doubleValue();
            default -> throw new IllegalArgumentException("unsupported number type " + number.getClass().getName());
        };
    }

    private static double exactInteger(BigInteger integer) {
        double d = integer.doubleValue();
        if (!Double.isFinite(d) || !new BigDecimal(d).toBigIntegerExact().equals(integer)) {
            throw new IllegalArgumentException("integer " + integer
                    + " is not exactly representable as a JSON number (an IEEE 754 double); write it as a string");
        }
        return d;
    }

    /**
     * ECMAScript Number.prototype.toString for a finite double. The JDK (since 19) prints the shortest
     * decimal that round-trips, which is the digit string ECMAScript specifies; only the layout differs.
     */
    static String formatDouble(double value) {
        if (value == 0) {
            return "0";
        }
        if (value < 0) {
            return "-" + formatDouble(-value);
        }
        BigDecimal shortest = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        if (shortest.precision() == 2) {
            // The JDK never prints fewer than two digits, so when one digit would do (5e-324 rather than
            // 4.9e-324) it may choose a closer two-digit decimal; ECMAScript wants the shortest.
            BigDecimal oneDigit = new BigDecimal(value).round(new MathContext(1, RoundingMode.HALF_EVEN));
            if (Double.parseDouble(oneDigit.toString()) == value) {
                shortest = oneDigit.stripTrailingZeros();
            }
        }
        String digits = shortest.unscaledValue().toString();
        int k = digits.length();
        int n = k - shortest.scale();
        if (k <= n && n <= 21) {
            return digits + "0".repeat(n - k);
        }
        if (0 < n && n <= 21) {
            return digits.substring(0, n) + "." + digits.substring(n);
        }
        if (-6 < n && n <= 0) {
            return "0." + "0".repeat(-n) + digits;
        }
        int exponent = n - 1;
        String mantissa = k == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return mantissa + "e" + (exponent >= 0 ? "+" : "-") + Math.abs(exponent);
    }
}
