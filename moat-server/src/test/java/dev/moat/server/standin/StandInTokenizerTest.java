package dev.moat.server.standin;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StandInTokenizerTest {

    @Test
    void countsWordsAndPunctuationAsTokens() {
        assertThat(StandInTokenizer.pieces("Hello, world!")).containsExactly("Hello", ",", " world", "!");
        assertThat(StandInTokenizer.count("Hello, world!")).isEqualTo(4);
        assertThat(StandInTokenizer.count("")).isZero();
        assertThat(StandInTokenizer.count(" \n\t ")).isZero();
    }

    @Test
    void splitsLongWordsIntoSeveralTokens() {
        assertThat(StandInTokenizer.pieces("internationalisation")).containsExactly("internat", "ionalisa", "tion");
    }

    @Property
    void piecesJoinBackIntoTheTextWithoutItsTrailingWhitespace(@ForAll String text) {
        assertThat(String.join("", StandInTokenizer.pieces(text))).isEqualTo(text.substring(0, endOfContent(text)));
    }

    @Property
    void theCountIsTheNumberOfPiecesAndEachPieceHoldsOneToken(@ForAll String text) {
        var pieces = StandInTokenizer.pieces(text);
        assertThat(StandInTokenizer.count(text)).isEqualTo(pieces.size());
        assertThat(pieces).allSatisfy(piece -> assertThat(StandInTokenizer.count(piece)).isEqualTo(1));
    }

    @Property
    void countingIsAdditiveAcrossWhitespace(@ForAll String first, @ForAll String second) {
        int joined = StandInTokenizer.count(first + " " + second);
        assertThat(joined).isEqualTo(StandInTokenizer.count(first) + StandInTokenizer.count(second));
    }

    /** Where the text ends once the whitespace (as {@code \s} defines it) at its end is taken off. */
    private static int endOfContent(String text) {
        int end = text.length();
        while (end > 0 && " \t\n\u000B\f\r".indexOf(text.charAt(end - 1)) >= 0) {
            end--;
        }
        return end;
    }
}
