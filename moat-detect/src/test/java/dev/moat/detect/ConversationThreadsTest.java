package dev.moat.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Which requests carry on a conversation held through the gateway, and which only look like one. */
class ConversationThreadsTest {

    private final EventTraitsReader reader = new EventTraitsReader();
    private final OrgState org = new OrgState("org_t", 0, null);
    private final Instant start = Workloads.START;

    @Test
    void eachTurnOfAConversationHeldHereCarriesOnTheOneBefore() {
        assertThat(observe(TestEvents.event("org_t", start).user("What is a prime number?"))).isFalse();
        assertThat(observe(TestEvents.event("org_t", start.plusSeconds(40)).user("What is a prime number?")
                .assistant("A whole number above 1 divisible only by 1 and itself.").user("Is 1 one?"))).isTrue();
        // a client that re-spaces the messages it sends back is still recognised
        assertThat(observe(TestEvents.event("org_t", start.plusSeconds(90)).user("What is a prime  number?")
                .assistant("A whole number above 1 divisible only by 1 and itself.").user("Is 1 one?")
                .assistant("No.").user("  Why   not? "))).isTrue();
    }

    @Test
    void anAgentsToolLoopCarriesOnThroughItsToolResults() {
        TestEvents first = TestEvents.event("org_t", start).user("Fix the failing test").tools(3);
        TestEvents second = TestEvents.event("org_t", start.plusSeconds(5)).user("Fix the failing test")
                .assistant("Calling run_tests").user("Tool result (run_tests): 1 failed").tools(3);
        TestEvents third = TestEvents.event("org_t", start.plusSeconds(9)).user("Fix the failing test")
                .assistant("Calling run_tests").user("Tool result (run_tests): 1 failed")
                .assistant("Calling read_file").user("Tool result (read_file): 120 lines").tools(3);
        observe(first);
        assertThat(observe(second)).isTrue();
        assertThat(observe(third)).isTrue();
    }

    @Test
    void workedExamplesLaidOutAsTurnsAreNotAConversationHeldHere() {
        observe(TestEvents.event("org_t", start).user("What is a prime number?"));
        assertThat(observe(TestEvents.event("org_t", start.plusSeconds(30)).user("Solve 2x + 3 = 11.")
                .assistant("Subtract 3: 2x = 8. Divide by 2: x = 4.").user("Solve 5x - 4 = 21.")
                .assistant("Add 4: 5x = 25. Divide by 5: x = 5.").user("Solve 7x + 6 = 48."))).isFalse();
    }

    @Test
    void aPrefilledAnswerIsNotAnEarlierTurn() {
        EventTraits t = reader.read(TestEvents.event("org_t", start).user("List three primes as JSON.")
                .assistant("{").build());
        assertThat(t.historyJudged).isTrue();
        assertThat(t.historyHash).as("no answer followed by more: nothing carried on").isZero();
        assertThat(org.heldHere(t, start.getEpochSecond())).isFalse();
    }

    @Test
    void aConversationIsRecognisedForTwoHoursAtLeastAndForgottenAfterFour() {
        observe(TestEvents.event("org_t", start).user("Tell me about tides."));
        TestEvents next = TestEvents.event("org_t", start.plus(Duration.ofMinutes(119))).user("Tell me about tides.")
                .assistant("Tides are caused by the Moon.").user("And the Sun?");
        assertThat(observe(next)).isTrue();

        // the same next turn an hour later, and five hours later
        OrgState later = new OrgState("org_l", 1, null);
        EventTraits opening = reader.read(TestEvents.event("org_l", start).user("Tell me about tides.").build());
        later.recordEnding(opening, start.getEpochSecond());
        EventTraits soon = reader.read(TestEvents.event("org_l", start.plus(Duration.ofHours(1)))
                .user("Tell me about tides.").assistant("Tides are caused by the Moon.").user("And the Sun?").build());
        assertThat(later.heldHere(soon, soon.epochSecond)).isTrue();
        EventTraits back = reader.read(TestEvents.event("org_l", start.plus(Duration.ofHours(5)))
                .user("Tell me about tides.").assistant("Tides are caused by the Moon.").user("And the Sun?").build());
        assertThat(later.heldHere(back, back.epochSecond)).isFalse();
    }

    /** Reads the request, says whether its history was held here, and remembers how it ended. */
    private boolean observe(TestEvents request) {
        EventTraits t = reader.read(request.build());
        boolean held = org.heldHere(t, t.epochSecond);
        org.recordEnding(t, t.epochSecond);
        return held;
    }
}
