package dev.moat.screening;

import java.util.Objects;

/**
 * An identifying document or number of a listed party (passport, tax id, IMO number, ...).
 *
 * @param type    what the number is, as the list words it ({@code Passport}, {@code Tax ID No.}, ...); may be empty
 * @param value   the number itself, as listed
 * @param country ISO 3166 alpha-2 code of the issuing country, or empty when the list does not say
 */
public record Identifier(String type, String value, String country) {

    public Identifier {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(country, "country");
        if (value.isBlank()) {
            throw new IllegalArgumentException("value: blank (expected: the identifier's number)");
        }
    }

    /** The value reduced to letters and digits, upper case: how two identifiers are compared. */
    public String comparableValue() {
        return comparable(value);
    }

    static String comparable(String value) {
        StringBuilder b = new StringBuilder(value.length());
        value.codePoints().filter(Character::isLetterOrDigit).map(Character::toUpperCase).forEach(b::appendCodePoint);
        return b.toString();
    }
}
