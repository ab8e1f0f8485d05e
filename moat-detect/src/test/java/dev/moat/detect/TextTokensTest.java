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

    @Test
    void chineseCharactersAndKanaAreWordsOfTheirOwnAndOtherScriptsRunsOfLetters() {
        long[] words = new long[16];
        assertThat(TextTokens.wordHashes("思考过程", words)).isEqualTo(4);
        assertThat(TextTokens.wordHashes("ステップ", words)).isEqualTo(4);
        // a Latin word runs up to the ideograph, which is a word of its own; Cyrillic and Hangul stay whole words
        assertThat(TextTokens.wordHashes("explain思考 ход мыслей 단계별로", words)).isEqualTo(6);
        assertThat(words[1]).isEqualTo(TextTokens.ideographWord('思'));
        long[] alone = new long[1];
        TextTokens.wordHashes("explain", alone);
        assertThat(words[0]).isEqualTo(alone[0]);
        // every kana and every character of the CJK unified and compatibility blocks; no letter of a spaced script
        for (int i = Character.MIN_VALUE; i <= Character.MAX_VALUE; i++) {
            char c = (char) i;
            Character.UnicodeScript script = Character.UnicodeScript.of(c);
            boolean kana = script == Character.UnicodeScript.HIRAGANA || script == Character.UnicodeScript.KATAKANA;
            boolean han = script == Character.UnicodeScript.HAN && (c >= 0x4e00 && c <= 0x9fff || c >= 0x3400
                    && c <= 0x4dbf);
            if (Character.isLetter(c) && (kana && c >= 0x3040 && c <= 0x30ff || han)) {
                assertThat(TextTokens.isIdeographic(c)).as("isIdeographic U+%04X", i).isTrue();
            }
            if (script == Character.UnicodeScript.LATIN || script == Character.UnicodeScript.CYRILLIC
                    || script == Character.UnicodeScript.HANGUL || script == Character.UnicodeScript.ARABIC) {
                assertThat(TextTokens.isIdeographic(c)).as("isIdeographic U+%04X", i).isFalse();
            }
        }
    }
}
