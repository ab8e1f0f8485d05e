package dev.moat.server.standin;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReplyComposerTest {

    private final ReplyComposer composer = new ReplyComposer();

    @Test
    void saysItIsAStandInAndRestatesTheStartOfTheMessage() {
        Reply reply = composer.reply("Please compare the two supplier contracts for renewal risk", 12, 0,
                Integer.MAX_VALUE);

        assertThat(reply.text()).startsWith("This is Moat's local stand-in model, not a real language model.");
        assertThat(reply.text()).contains("You wrote: \"Please compare the two supplier contracts ...\"");
        assertThat(reply.truncated()).isFalse();
        assertThat(reply.text()).endsWith(".");
    }

    @Test
    void restatesOnlyWordsSoNoMarkupFromThePromptComesBack() {
        Reply reply = composer.reply("<script>alert(\"x\")</script>", 5, 0, Integer.MAX_VALUE);

        assertThat(reply.text()).contains("You wrote: \"script alert x script\".").doesNotContain("<");
        assertThat(composer.reply("?!", 1, 0, Integer.MAX_VALUE).text()).contains("no words to restate");
    }

    @Test
    void longerPromptsGetLongerRepliesOnAverage() {
        int shortTotal = 0;
        int longTotal = 0;
        for (int i = 0; i < 50; i++) {
            shortTotal += composer.reply("question " + i, 10, 0, Integer.MAX_VALUE).tokens();
            longTotal += composer.reply("question " + i, 400, 0, Integer.MAX_VALUE).tokens();
        }
        assertThat(longTotal).isGreaterThan(shortTotal);
    }

    @Property(tries = 200)
    void neverSaysTheSameSentenceTwiceInARow(@ForAll String message, @ForAll @IntRange(max = 500) int promptTokens) {
        String[] sentences = composer.reply(message, promptTokens, 0, Integer.MAX_VALUE).text().split("(?<=\\.) ");
        for (int i = 1; i < sentences.length; i++) {
            assertThat(sentences[i]).isNotEqualTo(sentences[i - 1]);
        }
    }

    @Property(tries = 200)
    void theSamePromptAlwaysGetsTheSameReply(@ForAll String message, @ForAll @IntRange(max = 500) int promptTokens,
                                             @ForAll @IntRange(max = 3) int variant) {
        assertThat(composer.reply(message, promptTokens, variant, Integer.MAX_VALUE))
                .isEqualTo(composer.reply(message, promptTokens, variant, Integer.MAX_VALUE));
    }

    @Property(tries = 200)
    void aReplyNeverExceedsItsBudgetAndIsTruncatedExactlyWhenCut(
            @ForAll String message, @ForAll @IntRange(max = 500) int promptTokens,
            @ForAll @IntRange(min = 1, max = 300) int budget) {
        Reply full = composer.reply(message, promptTokens, 0, Integer.MAX_VALUE);
        Reply capped = composer.reply(message, promptTokens, 0, budget);

        assertThat(capped.tokens()).isEqualTo(Math.min(budget, full.tokens()));
        assertThat(capped.truncated()).isEqualTo(full.tokens() > budget);
        assertThat(full.text()).startsWith(capped.text());
    }

    @Property(tries = 200)
    void theTokenCountOfTheTextIsTheNumberOfPiecesItStreams(@ForAll String message,
                                                            @ForAll @IntRange(min = 1, max = 300) int budget) {
        Reply reply = composer.reply(message, 20, 0, budget);
        Reply thinking = composer.thinking(message, budget);

        assertThat(StandInTokenizer.count(reply.text())).isEqualTo(reply.tokens());
        assertThat(StandInTokenizer.count(thinking.text())).isEqualTo(thinking.tokens());
        assertThat(thinking.tokens()).isLessThanOrEqualTo(budget);
    }
}
