package dev.moat.detect;

import static dev.moat.detect.HeldOutSetChecks.assertHeldOutScenario;
import static dev.moat.detect.HeldOutSetChecks.assertLabelledAndDeterministic;
import static dev.moat.detect.HeldOutSetChecks.distinct;
import static dev.moat.detect.SimulationTestData.BUNDLED;
import static dev.moat.detect.SimulationTestData.BUNDLED_PROMPTS;
import static dev.moat.detect.SimulationTestData.HOLDOUT7_KINDS;
import static dev.moat.detect.SimulationTestData.oneOfEach;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The kinds written for {@code holdout7}: labels and determinism, and the shapes that define their evasion. */
class Holdout7VariantsTest {

    /**
     * One organisation (or campaign) of each holdout7 kind: deterministic per seed, every event labelled — the decoy
     * mix's organisations are mixed, so there its decoys are unlabelled and its items carry the campaign.
     */
    @Property(tries = 2)
    void theHoldout7KindsAreLabelledAndDeterministicPerSeed(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        assertLabelledAndDeterministic(oneOfEach("holdout7", HOLDOUT7_KINDS, Duration.ofDays(1)), HOLDOUT7_KINDS,
                Set.of(ScenarioKind.DECOY_MIX), seed);
    }

    @Test
    void theHoldout7ScenarioIsHoldout2sBackgroundWithTwoOfEachCampaignAndTwelveLawFirms() {
        assertHeldOutScenario("holdout7", HOLDOUT7_KINDS, ScenarioKind.CONTRACT_REVIEW);
    }

    /** Grading through product questions uses none of a grader's vocabulary in the words the campaign adds. */
    @Test
    void theReplyPreferenceWordingHasNoGraderVocabulary() {
        List<String> graderWords = List.of("score", "rate ", "rating", "rubric", "judge", "grade", "reward", "evaluat",
                "scale of");
        Stream.of(TrafficReplyPreference.OPENERS, TrafficReplyPreference.PAIR_ASKS, TrafficReplyPreference.SINGLE_ASKS)
                .flatMap(List::stream).map(text -> text.toLowerCase(Locale.ROOT))
                .forEach(text -> assertThat(graderWords).noneMatch(text::contains));
    }

    /**
     * Each holdout7 campaign is defined by the tell it avoids; this checks the property that makes the evasion and
     * that the campaign still harvests at volume; and that the law firms are what they claim to be.
     */
    @Test
    void theHoldout7VariantsHaveTheShapesThatDefineTheirEvasion() {
        Instant start = SimulationTestData.START;
        Simulation simulation = BUNDLED.run(oneOfEach("holdout7", HOLDOUT7_KINDS, Duration.ofDays(3)),
                SimulationSettings.of(3, start));
        Map<String, SimulatedOrg> orgs = simulation.orgs().stream()
                .collect(Collectors.toMap(SimulatedOrg::orgId, org -> org));
        Map<ScenarioKind, List<SimulatedOrg>> byKind = simulation.orgs().stream()
                .collect(Collectors.groupingBy(SimulatedOrg::kind));

        // unlinked organisations: each its own card, and (free mail aside) its own domain
        for (ScenarioKind kind : List.of(ScenarioKind.THIN_PROBES, ScenarioKind.PERSONA_REASONING,
                ScenarioKind.REPLY_PREFERENCE, ScenarioKind.DECOY_MIX)) {
            List<SimulatedOrg> campaign = byKind.get(kind);
            assertThat(distinct(campaign, org -> org.profile().paymentFingerprint().orElseThrow())).as(kind.label())
                    .hasSize(campaign.size());
            List<SimulatedOrg> companies = campaign.stream()
                    .filter(org -> !PlanningBlocks.FREE_MAIL.contains(org.profile().emailDomain().orElseThrow())).toList();
            assertThat(distinct(companies, org -> org.profile().emailDomain().orElseThrow())).as(kind.label())
                    .hasSize(companies.size());
            // none is a new sign-up
            assertThat(campaign).allSatisfy(org -> assertThat(org.profile().createdAt().orElseThrow())
                    .isBefore(start.minus(Duration.ofDays(20))));
        }
        assertThat(byKind.get(ScenarioKind.THIN_PROBES).size()).isBetween(8, 20);
        assertThat(byKind.get(ScenarioKind.PERSONA_REASONING).size()).isBetween(3, 5);
        assertThat(byKind.get(ScenarioKind.REPLY_PREFERENCE).size()).isBetween(2, 4);
        assertThat(byKind.get(ScenarioKind.DECOY_MIX).size()).isBetween(2, 3);
        assertThat(byKind.get(ScenarioKind.DECOY_MIX)).allMatch(SimulatedOrg::mixed);

        PromptIndex index = new PromptIndex(BUNDLED_PROMPTS);
        Set<String> harvestItems = HeldOutSetChecks.bundledHarvestItems();
        Map<ScenarioKind, Integer> harvested = new HashMap<>();
        Map<String, Integer> probesPerKeyAndDay = new HashMap<>();
        Set<String> probeKeys = new HashSet<>();
        Map<String, Set<String>> personasPerKey = new HashMap<>();
        Map<String, Integer> preferenceFrames = new HashMap<>();
        int[] preferences = {0};
        Map<String, Set<Boolean>> decoyKeys = new HashMap<>();
        Map<String, int[]> decoyShare = new HashMap<>();
        Set<PromptSource.Pool> decoyItemPools = EnumSet.noneOf(PromptSource.Pool.class);
        int[] decoyMultiTurn = {0};
        Map<String, Set<String>> reviewTemplates = new HashMap<>();
        int[] reviews = {0};
        simulation.forEachRemaining(simulated -> {
            UsageEvent event = simulated.event();
            SimulatedOrg org = orgs.get(event.orgId());
            RequestSummary request = event.request();
            String first = request.messages().getFirst().content();
            if (simulated.harvesting()) {
                harvested.merge(org.kind(), 1, Integer::sum);
                assertThat(index.poolsIn(first)).as(org.kind() + ": " + first).isNotEmpty()
                        .allMatch(PromptSource.Pool::harvesting);
                assertThat(request.turns()).isEqualTo(1);
                assertThat(request.thinking()).isFalse();
            }
            switch (org.kind()) {
                case THIN_PROBES -> {
                    // small bias maps, the usual top-5 alternatives, an ordinary budget, the item as it is
                    assertThat(request.logprobs()).isTrue();
                    assertThat(request.topLogprobs()).isBetween(3, 5);
                    assertThat(request.logitBiasSize()).isBetween(2, 16);
                    assertThat(request.maxTokens()).isBetween(64, 512);
                    assertThat(request.system()).isEmpty();
                    assertThat(harvestItems).contains(first);
                    probeKeys.add(event.keyId());
                    probesPerKeyAndDay.merge(event.keyId() + " " + Duration.between(start, event.ts()).toDays(), 1,
                            Integer::sum);
                }
                case PERSONA_REASONING -> {
                    // the elicitation is in the key's character; the user turn is the bare item after a few words
                    assertThat(Holdout7CampaignPlans.USER_PREFIXES).as(first).anyMatch(prefix ->
                            first.startsWith(prefix) && harvestItems.contains(first.substring(prefix.length())));
                    assertThat(request.system().orElseThrow()).startsWith("You are ");
                    personasPerKey.computeIfAbsent(event.keyId(), key -> new HashSet<>())
                            .add(request.system().orElseThrow());
                }
                case REPLY_PREFERENCE -> {
                    // a customer's message, one or two drafts and a question about what the customer would prefer
                    assertThat(TrafficReplyPreference.OPENERS).anyMatch(first::startsWith);
                    String ask = first.substring(first.lastIndexOf('\n') + 1);
                    assertThat(Stream.concat(TrafficReplyPreference.PAIR_ASKS.stream(),
                            TrafficReplyPreference.SINGLE_ASKS.stream())).contains(ask);
                    preferenceFrames.merge(first.lines().findFirst().orElseThrow() + " / " + ask, 1, Integer::sum);
                    preferences[0]++;
                }
                case DECOY_MIX -> {
                    decoyKeys.computeIfAbsent(event.keyId(), key -> new HashSet<>()).add(simulated.harvesting());
                    int[] counts = decoyShare.computeIfAbsent(org.orgId(), id -> new int[2]);
                    counts[simulated.harvesting() ? 1 : 0]++;
                    if (simulated.harvesting()) {
                        decoyItemPools.addAll(index.poolsIn(first));
                    } else {
                        // the decoys are made from human-written prompts, never from the material
                        assertThat(index.poolsIn(first)).as(first).noneMatch(PromptSource.Pool::harvesting);
                        if (request.turns() > 1) {
                            decoyMultiTurn[0]++;
                        }
                    }
                }
                case CONTRACT_REVIEW -> {
                    assertThat(simulated.harvesting()).isFalse();
                    assertThat(first).startsWith(TrafficContractReview.LEAD);
                    assertThat(index.poolsIn(first)).as(first).isEmpty();
                    assertThat(event.network()).isEqualTo(TrafficNetworks.HOSTING);
                    String instructions = first.substring(first.indexOf(". For each clause"), first.indexOf("\n\n"));
                    reviewTemplates.computeIfAbsent(org.orgId(), id -> new HashSet<>())
                            .add(request.system().orElseThrow() + instructions);
                    reviews[0]++;
                }
                default -> throw new AssertionError("unexpected kind " + org.kind());
            }
        });
        // still campaigns: each harvests well over a thousand exchanges in three days
        for (ScenarioKind kind : List.of(ScenarioKind.THIN_PROBES, ScenarioKind.PERSONA_REASONING,
                ScenarioKind.REPLY_PREFERENCE, ScenarioKind.DECOY_MIX)) {
            assertThat(harvested.get(kind)).as(kind.label()).isGreaterThan(1_000);
        }

        // thin probes: many keys, none sending more than 120 probes in a day
        assertThat(probeKeys.size()).isGreaterThanOrEqualTo(16);
        assertThat(probesPerKeyAndDay.values()).allMatch(count -> count <= 120);

        // persona reasoning: one character per key, and no two keys share one
        assertThat(personasPerKey.values()).allMatch(personas -> personas.size() == 1);
        assertThat(personasPerKey.values().stream().flatMap(Set::stream).distinct().count())
                .isEqualTo(personasPerKey.size());

        // reply preference: no fixed frame — many opener/question pairs, none in a tenth of the requests
        assertThat(preferenceFrames.size()).isGreaterThanOrEqualTo(30);
        assertThat(preferenceFrames.values()).allMatch(count -> count < preferences[0] / 10);

        // decoy mix: every key carries both; 35–75 % of each organisation's requests are decoys, many multi-turn;
        // the items come from every harvesting pool
        assertThat(decoyKeys.values()).allMatch(kinds -> kinds.size() == 2);
        assertThat(decoyShare.values()).allSatisfy(counts ->
                assertThat((double) counts[0] / (counts[0] + counts[1])).isBetween(0.35, 0.75));
        assertThat(decoyMultiTurn[0]).isGreaterThan(100);
        assertThat(decoyItemPools).containsExactlyInAnyOrder(PromptSource.Pool.HARVEST_MATH,
                PromptSource.Pool.HARVEST_CODE, PromptSource.Pool.HARVEST_ROLEPLAY, PromptSource.Pool.HARVEST_TOOL);

        // the law firm: one template, hundreds of contracts
        assertThat(reviewTemplates.values()).allMatch(templates -> templates.size() == 1);
        assertThat(reviews[0]).isGreaterThan(300);
    }
}
