package dev.moat.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RefusalsTest {

    @Test
    void refusalsAreRecognisedInTheAnswersOpeningWhateverTheCaseOrApostrophe() {
        assertThat(Refusals.opensWithRefusal("I can't help with that.")).isTrue();
        assertThat(Refusals.opensWithRefusal("I’m sorry, but I can’t provide instructions for that.")).isTrue();
        assertThat(Refusals.opensWithRefusal("Sorry — I CANNOT ASSIST with bypassing a licence check.")).isTrue();
        assertThat(Refusals.opensWithRefusal("That's a fair question. I won't go into quantities, but the general "
                + "safety advice is to keep the two apart.")).isTrue();
        assertThat(Refusals.opensWithRefusal("I must decline to identify a private person from a photo.")).isTrue();
    }

    @Test
    void answersThatMerelyContainTheWordsAreNotRefusals() {
        assertThat(Refusals.opensWithRefusal("")).isFalse();
        assertThat(Refusals.opensWithRefusal("I can't help but notice the loop never ends: move i++ in.")).isFalse();
        assertThat(Refusals.opensWithRefusal("Certainly! I can help with that. First, open the settings.")).isFalse();
        // a word that merely ends in "i" before the phrase is not the word "I"
        assertThat(Refusals.opensWithRefusal("Taxi can't provide receipts? Ask the driver for one.")).isFalse();
        // a long answer that declines one detail deep into it has answered
        assertThat(Refusals.opensWithRefusal("Here is the full itinerary you asked for. ".repeat(8)
                + "I can't provide live prices, but the ferry usually costs about 30 euros.")).isFalse();
    }
}
