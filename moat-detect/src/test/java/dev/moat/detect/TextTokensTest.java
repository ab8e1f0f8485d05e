package dev.moat.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The scanner's character classes answer ASCII without calling {@link Character} (they are on the hot path of
 * every prompt); they must give exactly what {@link Character} gives, for every char, or hashes and templates
 * would change with the speed-up.
 */
class TextTokensTest {

    @Test
    void characterClassesAgreeWithCharacterForEveryChar() {
        for (int i = Character.MIN_VALUE; i <= Character.MAX_VALUE; i++) {
            char c = (char) i;
            assertThat(TextTokens.isWordChar(c)).as("isWordChar U+%04X", i).isEqualTo(Character.isLetterOrDigit(c));
            assertThat(TextTokens.lower(c)).as("lower U+%04X", i).isEqualTo(Character.toLowerCase(c));
            assertThat(TextTokens.isUpper(c)).as("isUpper U+%04X", i).isEqualTo(Character.isUpperCase(c));
            assertThat(TextTokens.isDigit(c)).as("isDigit U+%04X", i).isEqualTo(Character.isDigit(c));
        }
    }
}
