package dev.moat.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The gateway hands the detector the reading its guard made of each prompt, so the prompt is scanned once per
 * request. The detector must decide exactly as if it had read the event itself — and must ignore a reading that
 * was not made from the texts the event carries (an event stored without content, or a mix-up).
 */
class PromptReadingTest {

    private static List<UsageEvent> traffic() {
        List<List<UsageEvent>> streams = new ArrayList<>();
        streams.add(Workloads.chatUsers("org_chat", Workloads.START, 600, 1));
        streams.add(Workloads.batchJob("org_batch", Workloads.START, 600, 2));
        streams.add(Workloads.graderHarvester("org_grader", Workloads.START.plusSeconds(300), 300, 4));
        streams.add(Workloads.reasoningHarvester("org_bold", Workloads.START.plusSeconds(600), 400, 3, "203.0.113.5"));
        return Workloads.interleave(streams);
    }

    /** The verdicts of a detector fed every event with the given reading (or none). */
    private static List<String> verdicts(List<UsageEvent> events, Function<UsageEvent, Optional<PromptReading>> reading) {
        Detector detector = new Detector(DetectorSettings.defaults());
        detector.addOrg(Workloads.enterprise("org_batch"));
        List<String> verdicts = new ArrayList<>();
        detector.addListener(v -> verdicts.add(v.eventIndex() + " " + v.orgId() + " " + v.keyId() + " " + v.action()
                + " " + v.risk()));
        for (UsageEvent event : events) {
            detector.accept(event, reading.apply(event));
        }
        return verdicts;
    }

    @Test
    void theGuardsReadingGivesTheSameVerdictsAsReadingTheEventAgain() {
        List<UsageEvent> events = traffic();

        List<String> readAgain = verdicts(events, event -> Optional.empty());
        List<String> readOnce = verdicts(events, event -> Optional.of(PromptReading.of(event.request())));

        assertThat(readAgain).isNotEmpty();
        assertThat(readOnce).isEqualTo(readAgain);
    }

    @Test
    void aReadingOfOtherTextsIsIgnored() {
        List<UsageEvent> events = traffic();
        // A reading full of coercion and grading intent: if the detector took it for the ordinary users' events,
        // their verdicts would change.
        PromptReading coercive = PromptReading.of(Workloads.reasoningHarvester("org_x", Workloads.START, 1, 9, "192.0.2.1")
                .getFirst().request());

        assertThat(verdicts(events, event -> Optional.of(coercive))).isEqualTo(verdicts(events, event -> Optional.empty()));
    }

    @Test
    void aReadingBelongsOnlyToTheTextsItWasMadeFrom() {
        UsageEvent event = Workloads.chatUsers("org_chat", Workloads.START, 1, 5).getFirst();
        PromptReading reading = PromptReading.of(event.request());

        assertThat(reading.hasContent()).isTrue();
        assertThat(reading.readsFrom(event.request())).isTrue();
        assertThat(reading.readsFrom(event.withoutContent().request())).isFalse();
        assertThat(PromptReading.of(event.withoutContent().request()).hasContent()).isFalse();
    }

    @Test
    void theGuardDecidesTheSameWithAReadingMadeBeforehand() {
        for (UsageEvent event : traffic().subList(0, 200)) {
            RequestSummary request = event.request();
            GuardDecision scanned = RequestGuard.inspect(request, GuardSettings.selfServe());
            GuardDecision given = RequestGuard.inspect(request, GuardSettings.selfServe(), PromptReading.of(request));
            assertThat(given).isEqualTo(scanned);
        }
    }
}
