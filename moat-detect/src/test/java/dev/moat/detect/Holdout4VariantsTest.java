package dev.moat.detect;

import static dev.moat.detect.HeldOutSetChecks.assertLabelledAndDeterministic;
import static dev.moat.detect.HeldOutSetChecks.distinct;
import static dev.moat.detect.SimulationTestData.BUNDLED;
import static dev.moat.detect.SimulationTestData.BUNDLED_PROMPTS;
import static dev.moat.detect.SimulationTestData.HOLDOUT4_KINDS;
import static dev.moat.detect.SimulationTestData.oneOfEach;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The kinds written for {@code holdout4}: labels and determinism, and the shapes that define their evasion. */
class Holdout4VariantsTest {

    private static Scenario holdout4Kinds(Duration duration) {
        return oneOfEach("holdout4", HOLDOUT4_KINDS, duration);
    }

    @Property(tries = 2)
    void theHoldout4KindsAreLabelledAndDeterministicPerSeed(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        assertLabelledAndDeterministic(holdout4Kinds(Duration.ofDays(1)), HOLDOUT4_KINDS, seed);
    }

    /**
     * Each holdout4 campaign is defined by the tell it avoids; this checks the property that makes the evasion
     * and that the campaign still harvests at volume; and that the evaluation company is what it claims to be.
     */
    @Test
    void theHoldout4VariantsHaveTheShapesThatDefineTheirEvasion() {
        Simulation simulation = BUNDLED.run(holdout4Kinds(Duration.ofDays(2)),
                SimulationSettings.of(3, SimulationTestData.START));
        Map<String, SimulatedOrg> orgs = simulation.orgs().stream()
                .collect(Collectors.toMap(SimulatedOrg::orgId, org -> org));
        Map<ScenarioKind, List<SimulatedOrg>> byKind = simulation.orgs().stream()
                .collect(Collectors.groupingBy(SimulatedOrg::kind));
        // the preference harvesters and the paraphrase askers are unlinked organisations: a card each
        for (ScenarioKind kind : List.of(ScenarioKind.PREFERENCE_PAIRS, ScenarioKind.PARAPHRASE_HARVEST)) {
            assertThat(distinct(byKind.get(kind), org -> org.profile().paymentFingerprint().orElseThrow()))
                    .as(kind.label()).hasSize(byKind.get(kind).size());
        }
        assertThat(byKind.get(ScenarioKind.PREFERENCE_PAIRS).size()).isBetween(2, 4);
        assertThat(byKind.get(ScenarioKind.PARAPHRASE_HARVEST).size()).isBetween(4, 6);

        PromptIndex index = new PromptIndex(BUNDLED_PROMPTS);
        Set<String> harvestItems = HeldOutSetChecks.bundledHarvestItems();
        Set<String> ordinaryPrompts = new HashSet<>();
        for (PromptSource.Pool pool : List.of(PromptSource.Pool.CHAT, PromptSource.Pool.DIALOGUE)) {
            BUNDLED_PROMPTS.pool(pool).forEach(prompt -> ordinaryPrompts.add(prompt.text().strip()));
        }
        Map<ScenarioKind, Integer> events = new HashMap<>();
        int[] answers = {0};
        int[] bundledItems = {0};
        Map<String, Set<Boolean>> paraphraseOrgSendsItems = new HashMap<>();
        Set<String> paraphrasesReturned = new HashSet<>();
        int[] askedParaphrases = {0, 0};
        Map<String, Set<String>> judgeSystems = new HashMap<>();
        simulation.forEachRemaining(simulated -> {
            UsageEvent event = simulated.event();
            SimulatedOrg org = orgs.get(event.orgId());
            RequestSummary request = event.request();
            String first = request.messages().getFirst().content();
            events.merge(org.kind(), 1, Integer::sum);
            assertThat(request.turns()).isEqualTo(1);
            switch (org.kind()) {
                case CONTEXT_HARVEST -> {
                    // a RAG request from an app's servers: system prompt, numbered passages, the item as the question
                    assertThat(request.system()).isPresent();
                    assertThat(first).contains("[1] ", "[2] ");
                    assertThat(index.poolsIn(first)).as(first).isNotEmpty().allMatch(PromptSource.Pool::harvesting);
                    assertThat(harvestItems.stream().anyMatch(first::endsWith)).as(first).isTrue();
                    assertThat(request.maxTokens()).isBetween(1_024, 2_048);
                    assertThat(event.network()).isEqualTo(TrafficNetworks.HOSTING);
                }
                case PREFERENCE_PAIRS -> {
                    // several answers per request, without an n that extraction guards look for
                    assertThat(request.temperature().orElseThrow()).isGreaterThanOrEqualTo(0.9);
                    assertThat(request.n()).isBetween(1, 3);
                    if (event.api().equals("openai")) {
                        assertThat(request.n()).isGreaterThanOrEqualTo(2);
                        assertThat(harvestItems).contains(first);
                    } else {
                        assertThat(request.n()).isEqualTo(1);
                        assertThat(TrafficPreferencePairs.ALTERNATIVES).anyMatch(ask -> first.startsWith(ask + "\n\n")
                                || first.endsWith("\n\n" + ask));
                    }
                    if (event.response().status() == 200) {
                        answers[0] += Math.max(2, request.n());
                    }
                }
                case PARAPHRASE_HARVEST -> {
                    // one organisation sends the items to be rewritten; the others ask only the rewritten text
                    boolean sendsItem = !index.poolsIn(first).isEmpty();
                    paraphraseOrgSendsItems.computeIfAbsent(org.orgId(), id -> new HashSet<>()).add(sendsItem);
                    if (sendsItem) {
                        event.response().text().ifPresent(paraphrasesReturned::add);
                    } else {
                        assertThat(request.system()).isEmpty();
                        assertThat(event.network()).isEqualTo(TrafficNetworks.RESIDENTIAL);
                        assertThat(harvestItems).doesNotContain(first);
                        askedParaphrases[0]++;
                        if (paraphrasesReturned.contains(first)) {
                            askedParaphrases[1]++;
                        }
                    }
                }
                case BUNDLED_ITEMS -> {
                    Set<String> items = index.promptsIn(first);
                    assertThat(items).as(first).hasSizeGreaterThanOrEqualTo(2).allMatch(harvestItems::contains);
                    bundledItems[0] += items.size();
                    assertThat(request.maxTokens()).isGreaterThanOrEqualTo(8_192);
                }
                case JUDGE_SERVICE -> {
                    // grading its clients' ordinary conversations with one rubric: short, deterministic answers
                    assertThat(simulated.harvesting()).isFalse();
                    assertThat(first).startsWith("Conversation to evaluate:").contains("Rubric: ");
                    String graded = first.substring("Conversation to evaluate:\nUser: ".length(),
                            first.indexOf("\nAssistant: "));
                    assertThat(ordinaryPrompts).as(first).contains(graded);
                    assertThat(index.poolsIn(first)).as(first).noneMatch(PromptSource.Pool::harvesting);
                    assertThat(request.maxTokens()).isLessThanOrEqualTo(512);
                    assertThat(request.temperature().orElseThrow()).isZero();
                    assertThat(event.network()).isEqualTo(TrafficNetworks.HOSTING);
                    judgeSystems.computeIfAbsent(org.orgId(), id -> new HashSet<>()).add(request.system().orElseThrow());
                }
                default -> throw new AssertionError("unexpected kind " + org.kind());
            }
        });
        // still campaigns: each harvests thousands of answers over two days, all its accounts together
        for (ScenarioKind kind : HOLDOUT4_KINDS) {
            assertThat(events.get(kind)).as(kind.label()).isGreaterThan(
                    kind == ScenarioKind.BUNDLED_ITEMS ? 300 : 1_000);
        }
        assertThat(answers[0]).isGreaterThanOrEqualTo(2 * events.get(ScenarioKind.PREFERENCE_PAIRS) * 9 / 10);
        // few requests, many items: at least three harvested answers per request on average
        assertThat(bundledItems[0]).isGreaterThanOrEqualTo(3 * events.get(ScenarioKind.BUNDLED_ITEMS))
                .isGreaterThan(1_000);
        assertThat(paraphraseOrgSendsItems.values()).filteredOn(sends -> sends.equals(Set.of(true))).hasSize(1);
        assertThat(paraphraseOrgSendsItems.values()).filteredOn(sends -> sends.equals(Set.of(false)))
                .hasSize(paraphraseOrgSendsItems.size() - 1);
        // most questions asked are paraphrases the rewriting job got from the model earlier in the run
        assertThat(askedParaphrases[0]).isGreaterThan(1_000);
        assertThat(askedParaphrases[1]).isGreaterThan(askedParaphrases[0] / 2);
        assertThat(judgeSystems.values()).allMatch(systems -> systems.size() == 1);
    }
}
