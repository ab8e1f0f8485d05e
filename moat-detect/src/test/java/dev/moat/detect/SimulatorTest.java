package dev.moat.detect;

import static dev.moat.detect.SimulationTestData.BUNDLED;
import static dev.moat.detect.SimulationTestData.HOLDOUT10_KINDS;
import static dev.moat.detect.SimulationTestData.HOLDOUT11_KINDS;
import static dev.moat.detect.SimulationTestData.HOLDOUT12_KINDS;
import static dev.moat.detect.SimulationTestData.HOLDOUT13_KINDS;
import static dev.moat.detect.SimulationTestData.HOLDOUT14_KINDS;
import static dev.moat.detect.SimulationTestData.HOLDOUT3_KINDS;
import static dev.moat.detect.SimulationTestData.HOLDOUT4_KINDS;
import static dev.moat.detect.SimulationTestData.HOLDOUT5_KINDS;
import static dev.moat.detect.SimulationTestData.HOLDOUT6_KINDS;
import static dev.moat.detect.SimulationTestData.HOLDOUT7_KINDS;
import static dev.moat.detect.SimulationTestData.HOLDOUT8_KINDS;
import static dev.moat.detect.SimulationTestData.HOLDOUT9_KINDS;
import static dev.moat.detect.SimulationTestData.NEWCOMER_KINDS;
import static dev.moat.detect.SimulationTestData.ORDINARY2_KINDS;
import static dev.moat.detect.SimulationTestData.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.time.Instant;
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

/**
 * The simulator's core properties on every kind at once: determinism per seed, time order and unique ids, the
 * scenario mix and its labels, the hydra's shape, the codec round trip, prompts from the right source, bounded
 * memory, and the named scenarios of the catalogue.
 */
class SimulatorTest {

    @Property(tries = 3)
    void theSameSeedGivesTheSameTrafficAndAnotherSeedOtherTraffic(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        Scenario scenario = SimulationTestData.everyKind().withDuration(Duration.ofHours(3));
        Simulation first = BUNDLED.run(scenario, SimulationTestData.settings(seed));
        Simulation second = BUNDLED.run(scenario, SimulationTestData.settings(seed));
        assertThat(second.orgs()).isEqualTo(first.orgs());
        List<String> once = first.stream().map(event -> UsageEventCodec.toJson(event.event()) + event.campaignId())
                .toList();
        List<String> again = second.stream().map(event -> UsageEventCodec.toJson(event.event()) + event.campaignId())
                .toList();
        assertThat(again).isNotEmpty().isEqualTo(once);
        Set<String> ids = events(BUNDLED, scenario, SimulationTestData.settings(seed)).stream()
                .map(event -> event.event().id()).collect(Collectors.toSet());
        List<SimulatedEvent> other = events(BUNDLED, scenario, SimulationTestData.settings(seed + 1));
        assertThat(other).noneMatch(event -> ids.contains(event.event().id()));
        assertThat(other.size()).isNotEqualTo(once.size());
    }

    @Property(tries = 3)
    void eventsAreInTimeOrderInsideTheSimulatedPeriodWithUniqueIds(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        Scenario scenario = SimulationTestData.everyKind().withDuration(Duration.ofHours(6));
        List<SimulatedEvent> events = events(BUNDLED, scenario, SimulationTestData.settings(seed));
        Instant end = SimulationTestData.START.plus(scenario.duration());
        Set<String> ids = new HashSet<>();
        Instant previous = SimulationTestData.START;
        for (SimulatedEvent simulated : events) {
            UsageEvent event = simulated.event();
            assertThat(event.ts()).isAfterOrEqualTo(previous).isBefore(end);
            assertThat(ids.add(event.id())).as("unique id " + event.id()).isTrue();
            assertThat(event.id()).matches("evt_[0-9a-f]{16}");
            previous = event.ts();
        }
    }

    @Test
    void theScenarioMixAndLabelsAreWhatWasAsked() {
        Scenario scenario = SimulationTestData.everyKind();
        Simulation simulation = BUNDLED.run(scenario, SimulationTestData.settings(11));
        Map<ScenarioKind, List<SimulatedOrg>> byKind = simulation.orgs().stream()
                .collect(Collectors.groupingBy(SimulatedOrg::kind));
        assertThat(byKind.keySet()).containsExactlyInAnyOrder(ScenarioKind.values());
        for (ScenarioKind kind : ScenarioKind.values()) {
            List<SimulatedOrg> orgs = byKind.get(kind);
            Set<String> campaigns = orgs.stream().flatMap(org -> org.campaignId().stream()).collect(Collectors.toSet());
            if (!kind.campaign()) {
                assertThat(orgs).as(kind.label()).hasSize(1).allMatch(SimulatedOrg::benign); // 2 × scale 0.5
            } else {
                List<String> expected = kind == ScenarioKind.HYDRA || kind == ScenarioKind.HYDRA_VARIED
                        ? List.of("camp_" + kind.label() + "_1")
                        : List.of("camp_" + kind.label() + "_1", "camp_" + kind.label() + "_2");
                assertThat(campaigns).as(kind.label()).containsExactlyInAnyOrderElementsOf(expected);
            }
        }
        assertThat(byKind.get(ScenarioKind.HYDRA)).hasSize(50);
        assertThat(byKind.get(ScenarioKind.RESELLER)).allMatch(SimulatedOrg::mixed);
        assertThat(byKind.get(ScenarioKind.LEAKED_KEY)).allMatch(SimulatedOrg::mixed)
                .allSatisfy(org -> assertThat(org.profile().tier()).contains("partner"));
        assertThat(simulation.orgs()).filteredOn(org -> org.profile().createdAt().isEmpty()).isEmpty();

        Map<String, SimulatedOrg> orgs = simulation.orgs().stream()
                .collect(Collectors.toMap(SimulatedOrg::orgId, org -> org));
        Map<String, Set<Boolean>> harvestingSeen = new HashMap<>();
        simulation.forEachRemaining(event -> {
            SimulatedOrg org = orgs.get(event.event().orgId());
            assertThat(org).as("organisation of " + event.event().id()).isNotNull();
            if (org.benign()) {
                assertThat(event.campaignId()).isEmpty();
            } else if (!org.mixed()) {
                assertThat(event.campaignId()).isEqualTo(org.campaignId());
            } else {
                event.campaignId().ifPresent(campaign -> assertThat(org.campaignId()).contains(campaign));
            }
            harvestingSeen.computeIfAbsent(org.orgId(), id -> new HashSet<>()).add(event.harvesting());
        });
        for (SimulatedOrg org : byKind.get(ScenarioKind.RESELLER)) {
            assertThat(harvestingSeen.get(org.orgId())).as("reseller traffic").containsExactlyInAnyOrder(true, false);
        }
    }

    @Test
    void aHydraIsManySmallAccountsSharingPaymentAndInfrastructureSubsets() {
        Simulation simulation = BUNDLED.run(ScenarioCatalog.named("hydra").withDuration(Duration.ofDays(2)),
                SimulationSettings.of(3, SimulationTestData.START));
        List<SimulatedOrg> hydra = simulation.orgs().stream().filter(org -> org.kind() == ScenarioKind.HYDRA).toList();
        assertThat(hydra.size()).isBetween(50, 500);
        Set<String> cards = hydra.stream().map(org -> org.profile().paymentFingerprint().orElseThrow())
                .collect(Collectors.toSet());
        assertThat(cards.size()).isBetween(2, 12);
        Set<String> prefixes = hydra.stream()
                .map(org -> org.profile().signupIp().orElseThrow().replaceAll("\\.\\d+$", ""))
                .collect(Collectors.toSet());
        assertThat(prefixes.size()).isBetween(1, 6);
        Map<String, Long> perAccount = new HashMap<>();
        Set<String> hydraIds = hydra.stream().map(SimulatedOrg::orgId).collect(Collectors.toSet());
        simulation.forEachRemaining(event -> {
            if (hydraIds.contains(event.event().orgId())) {
                perAccount.merge(event.event().orgId(), 1L, Long::sum);
                assertThat(event.event().request().turns()).isEqualTo(1);
            }
        });
        assertThat(perAccount.values()).allMatch(count -> count <= 400);
        assertThat(perAccount.values().stream().mapToLong(Long::longValue).sum()).isGreaterThan(1_000);
    }

    @Test
    void eventsRoundTripThroughTheCodec() {
        events(BUNDLED, SimulationTestData.everyKind().withDuration(Duration.ofHours(4)), SimulationTestData.settings(2))
                .forEach(simulated -> assertThat(UsageEventCodec.fromJson(UsageEventCodec.toJson(simulated.event())))
                        .isEqualTo(simulated.event()));
    }

    @Test
    void withoutContentEventsCarryNoText() {
        events(BUNDLED, SimulationTestData.everyKind().withDuration(Duration.ofHours(2)),
                SimulationTestData.settings(2).withoutContent())
                .forEach(simulated -> {
                    assertThat(simulated.event().request().messages()).isEmpty();
                    assertThat(simulated.event().request().system()).isEmpty();
                    assertThat(simulated.event().response().text()).isEmpty();
                });
    }

    /**
     * Ordinary organisations send human-written prompts (or, for an evaluation run, the benchmark's test
     * split); campaigns send harvesting material. Checked on the full shared sets, on the first events
     * of every kind.
     */
    @Test
    void promptsComeFromTheRightSourcePerKind() {
        PromptSource prompts = SimulationTestData.sharedPrompts();
        PromptIndex index = new PromptIndex(prompts);
        // a whole day, so that every nightly batch job has run once
        Simulation simulation = new Simulator(prompts).run(SimulationTestData.everyKind().withDuration(Duration.ofDays(1)),
                SimulationTestData.settings(5));
        Map<String, ScenarioKind> kindOf = simulation.orgs().stream()
                .collect(Collectors.toMap(SimulatedOrg::orgId, SimulatedOrg::kind));
        Map<ScenarioKind, Integer> checked = new HashMap<>();
        while (simulation.hasNext() && !(checked.size() == ScenarioKind.values().length
                && checked.values().stream().allMatch(count -> count >= 60))) {
            SimulatedEvent simulated = simulation.next();
            ScenarioKind kind = kindOf.get(simulated.event().orgId());
            if (checked.getOrDefault(kind, 0) >= 60) {
                continue;
            }
            checked.merge(kind, 1, Integer::sum);
            RequestSummary request = simulated.event().request();
            String first = request.messages().getFirst().content();
            if (kind == ScenarioKind.LOGIT_BIAS) {
                assertThat(request.logitBiasSize()).isPositive();
                assertThat(request.maxTokens()).isEqualTo(1);
                continue;
            }
            Set<PromptSource.Pool> found = index.poolsIn(first);
            if (kind == ScenarioKind.PARAPHRASE_HARVEST) {
                // the rewriting job sends the items; the askers send paraphrases, which contain no dataset sentence
                assertThat(found).as(kind + ": " + first).allMatch(PromptSource.Pool::harvesting);
            } else if (kind == ScenarioKind.CORPUS_SYNTHESIS || kind == ScenarioKind.TOKENIZER_PROBE) {
                // a piece about a subject alone, a crafted string or a slice of an item: material, if anything
                assertThat(found).as(kind + ": " + first).allMatch(PromptSource.Pool::harvesting);
            } else if (kind == ScenarioKind.REFUSAL_MAP) {
                // borderline requests written by the simulator, never the harvesting material
                assertThat(found).as(kind + ": " + first).isEmpty();
            } else if (simulated.harvesting() && kind != ScenarioKind.RESTRICTED_VPN) {
                assertThat(found).as(kind + ": " + first).isNotEmpty().allMatch(PromptSource.Pool::harvesting);
            } else if (kind == ScenarioKind.EVAL_RUN || kind == ScenarioKind.EVAL_SWEEP) {
                assertThat(found).as(first).containsExactly(PromptSource.Pool.EVALUATION);
            } else if (kind == ScenarioKind.CHAT || kind == ScenarioKind.RESELLER) {
                assertThat(found).as(first).isNotEmpty().noneMatch(PromptSource.Pool::harvesting)
                        .doesNotContain(PromptSource.Pool.EVALUATION);
            } else {
                assertThat(found).as(kind + ": " + first).noneMatch(PromptSource.Pool::harvesting);
            }
        }
        // a newcomer signs up at any time from three days before the period, so the one of its kind here may send
        // nothing in this day; NewcomersVariantsTest checks the newcomers' prompt sources on a longer period
        assertThat(checked.keySet()).containsAll(java.util.Arrays.stream(ScenarioKind.values())
                .filter(kind -> !NEWCOMER_KINDS.contains(kind)).toList());
    }

    /**
     * A long stream is made from the clients' own state only: the clients stay the ones planned,
     * conversations are capped, and events handed out are not retained.
     */
    @Test
    void generatingALargeStreamHoldsOnlyPerClientState() {
        Simulation simulation = BUNDLED.run(ScenarioCatalog.named("mixed").withDuration(Duration.ofDays(1)),
                SimulationSettings.of(9, SimulationTestData.START).withScale(0.2));
        int clients = simulation.activeClients();
        assertThat(clients).isBetween(100, 10_000);
        WeakReference<SimulatedEvent> early = new WeakReference<>(simulation.next());
        int longest = 0;
        while (simulation.hasNext()) {
            SimulatedEvent event = simulation.next();
            longest = Math.max(longest, event.event().request().messages().size());
            assertThat(simulation.activeClients()).isLessThanOrEqualTo(clients);
        }
        assertThat(simulation.emitted()).isGreaterThan(50_000);
        assertThat(longest).isLessThanOrEqualTo(12);
        System.gc();
        assertThat(early.get()).as("an event handed out long ago is still referenced").isNull();
    }

    /**
     * The evaluations of {@code evaluations}: standard or self-serve accounts sending the benchmark's items, each pass
     * with a budget of 2,048 tokens or more and, for some, thinking — the shape of a reasoning-coercion campaign.
     */
    @Test
    void anEvaluationSweepSendsBenchmarkItemsWithTheBudgetsOfReasoningModels() {
        Simulation simulation = BUNDLED.run(ScenarioCatalog.named("evaluations"),
                SimulationSettings.of(4, SimulationTestData.START).withScale(0.2));
        Set<String> sweeps = simulation.orgs().stream().filter(org -> org.kind() == ScenarioKind.EVAL_SWEEP)
                .peek(org -> assertThat(org.profile().tier().orElseThrow()).isIn("standard", "self-serve"))
                .peek(org -> assertThat(org.benign()).isTrue())
                .map(SimulatedOrg::orgId).collect(Collectors.toSet());
        assertThat(sweeps).hasSize(4);
        PromptIndex index = new PromptIndex(SimulationTestData.BUNDLED_PROMPTS);
        int events = 0;
        int thinking = 0;
        while (simulation.hasNext()) {
            UsageEvent event = simulation.next().event();
            if (sweeps.contains(event.orgId())) {
                events++;
                assertThat(event.request().maxTokens()).isGreaterThanOrEqualTo(2_048);
                assertThat(index.poolsIn(event.request().lastUserText())).containsExactly(PromptSource.Pool.EVALUATION);
                if (event.request().thinking()) {
                    thinking++;
                    if (event.response().status() == 200) {
                        assertThat(event.response().reasoningTokens()).isPositive();
                    }
                }
            }
        }
        assertThat(events).isGreaterThan(500);
        assertThat(thinking).isPositive().isLessThan(events);
    }

    @Test
    void namedScenariosCoverTheBenchmarkTheDemoAndEveryCampaignKind() {
        assertThat(ScenarioCatalog.names()).contains("mixed", "demo", "ordinary", "holdout");
        for (ScenarioKind kind : ScenarioKind.values()) {
            if (kind.campaign()) {
                assertThat(ScenarioCatalog.named(kind.label()).parts()).extracting(ScenarioPart::kind).contains(kind);
            }
        }
        Set<ScenarioKind> mixed = ScenarioCatalog.named("mixed").parts().stream().map(ScenarioPart::kind)
                .collect(Collectors.toSet());
        // the held-out variants stay out of the benchmark mix (its output for a seed does not change); holdout2 has them
        Set<ScenarioKind> heldOut = Set.of(ScenarioKind.HYDRA_VARIED, ScenarioKind.DIALOGUE_HARVEST,
                ScenarioKind.OFFICE_DISTILLER);
        assertThat(mixed).containsAll(java.util.Arrays.stream(ScenarioKind.values())
                .filter(kind -> kind != ScenarioKind.RESTRICTED_VPN && !heldOut.contains(kind)
                        && !HOLDOUT3_KINDS.contains(kind) && !HOLDOUT4_KINDS.contains(kind)
                        && !HOLDOUT5_KINDS.contains(kind) && !HOLDOUT6_KINDS.contains(kind)
                        && !HOLDOUT7_KINDS.contains(kind) && !HOLDOUT8_KINDS.contains(kind)
                        && !HOLDOUT9_KINDS.contains(kind) && !HOLDOUT10_KINDS.contains(kind)
                        && !HOLDOUT11_KINDS.contains(kind) && !HOLDOUT12_KINDS.contains(kind)
                        && !HOLDOUT13_KINDS.contains(kind) && !HOLDOUT14_KINDS.contains(kind)
                        && !ORDINARY2_KINDS.contains(kind) && !NEWCOMER_KINDS.contains(kind)
                        && kind != ScenarioKind.EVAL_SWEEP).toList());
        assertThat(mixed).doesNotContainAnyElementsOf(HOLDOUT3_KINDS).doesNotContainAnyElementsOf(HOLDOUT4_KINDS)
                .doesNotContainAnyElementsOf(HOLDOUT5_KINDS).doesNotContainAnyElementsOf(HOLDOUT6_KINDS)
                .doesNotContainAnyElementsOf(HOLDOUT7_KINDS).doesNotContainAnyElementsOf(HOLDOUT8_KINDS)
                .doesNotContainAnyElementsOf(HOLDOUT9_KINDS).doesNotContainAnyElementsOf(HOLDOUT10_KINDS)
                .doesNotContainAnyElementsOf(HOLDOUT11_KINDS).doesNotContainAnyElementsOf(HOLDOUT12_KINDS)
                .doesNotContainAnyElementsOf(HOLDOUT13_KINDS).doesNotContainAnyElementsOf(HOLDOUT14_KINDS)
                .doesNotContainAnyElementsOf(ORDINARY2_KINDS).doesNotContainAnyElementsOf(NEWCOMER_KINDS);
        assertThat(ScenarioCatalog.named("holdout2").parts()).extracting(ScenarioPart::kind).containsAll(heldOut);
        List<ScenarioPart> holdout3 = ScenarioCatalog.named("holdout3").parts();
        assertThat(holdout3).extracting(ScenarioPart::kind).containsAll(HOLDOUT3_KINDS)
                .doesNotContainAnyElementsOf(heldOut);
        assertThat(holdout3).filteredOn(part -> HOLDOUT3_KINDS.contains(part.kind()) && part.kind().campaign())
                .hasSize(4).allSatisfy(part -> assertThat(part.count()).isEqualTo(2));
        assertThat(holdout3).filteredOn(part -> part.kind() == ScenarioKind.TUTORING_APP)
                .singleElement().satisfies(part -> assertThat(part.count()).isGreaterThanOrEqualTo(12));
        assertThat(ScenarioCatalog.named("holdout3").duration()).isEqualTo(Duration.ofDays(5));
        Scenario holdout4 = ScenarioCatalog.named("holdout4");
        assertThat(holdout4.parts()).extracting(ScenarioPart::kind).containsAll(HOLDOUT4_KINDS)
                .doesNotContainAnyElementsOf(heldOut).doesNotContainAnyElementsOf(HOLDOUT3_KINDS);
        assertThat(holdout4.parts()).filteredOn(part -> HOLDOUT4_KINDS.contains(part.kind()) && part.kind().campaign())
                .hasSize(4).allSatisfy(part -> assertThat(part.count()).isEqualTo(2));
        assertThat(holdout4.parts()).filteredOn(part -> part.kind() == ScenarioKind.JUDGE_SERVICE)
                .singleElement().satisfies(part -> assertThat(part.count()).isGreaterThanOrEqualTo(12));
        assertThat(holdout4.duration()).isEqualTo(Duration.ofDays(5));
        Scenario holdout5 = ScenarioCatalog.named("holdout5");
        assertThat(holdout5.parts()).extracting(ScenarioPart::kind).containsAll(HOLDOUT5_KINDS)
                .doesNotContainAnyElementsOf(heldOut).doesNotContainAnyElementsOf(HOLDOUT3_KINDS)
                .doesNotContainAnyElementsOf(HOLDOUT4_KINDS);
        assertThat(holdout5.parts()).filteredOn(part -> HOLDOUT5_KINDS.contains(part.kind()) && part.kind().campaign())
                .hasSize(4).allSatisfy(part -> assertThat(part.count()).isEqualTo(2));
        assertThat(holdout5.parts()).filteredOn(part -> part.kind() == ScenarioKind.DOC_LOCALISATION)
                .singleElement().satisfies(part -> assertThat(part.count()).isGreaterThanOrEqualTo(12));
        assertThat(holdout5.duration()).isEqualTo(Duration.ofDays(5));
        // holdout8: holdout2's ordinary background, twelve game studios, two campaigns of each new kind, five days
        Scenario holdout8 = ScenarioCatalog.named("holdout8");
        assertThat(holdout8.parts()).filteredOn(part -> HOLDOUT8_KINDS.contains(part.kind()) && part.kind().campaign())
                .hasSize(4).allSatisfy(part -> assertThat(part.count()).isEqualTo(2));
        assertThat(holdout8.parts()).filteredOn(part -> part.kind() == ScenarioKind.NPC_DIALOGUE)
                .singleElement().satisfies(part -> assertThat(part.count()).isGreaterThanOrEqualTo(12));
        assertThat(holdout8.parts()).filteredOn(part -> !HOLDOUT8_KINDS.contains(part.kind()))
                .containsExactlyElementsOf(ScenarioCatalog.named("holdout2").parts().stream()
                        .filter(part -> !part.kind().campaign()).toList());
        assertThat(holdout8.duration()).isEqualTo(Duration.ofDays(5));
        // holdout9: holdout2's ordinary background, twelve universities' feedback tools, two campaigns of each new kind
        Scenario holdout9 = ScenarioCatalog.named("holdout9");
        assertThat(holdout9.parts()).filteredOn(part -> HOLDOUT9_KINDS.contains(part.kind()) && part.kind().campaign())
                .hasSize(4).allSatisfy(part -> assertThat(part.count()).isEqualTo(2));
        assertThat(holdout9.parts()).filteredOn(part -> part.kind() == ScenarioKind.ESSAY_FEEDBACK)
                .singleElement().satisfies(part -> assertThat(part.count()).isGreaterThanOrEqualTo(12));
        assertThat(holdout9.parts()).filteredOn(part -> !HOLDOUT9_KINDS.contains(part.kind()))
                .containsExactlyElementsOf(ScenarioCatalog.named("holdout2").parts().stream()
                        .filter(part -> !part.kind().campaign()).toList());
        assertThat(holdout9.duration()).isEqualTo(Duration.ofDays(5));
        // ordinary2: holdout2's ordinary background, ten of each new ordinary kind, no campaign at all
        Scenario ordinary2 = ScenarioCatalog.named("ordinary2");
        assertThat(ordinary2.parts()).noneMatch(part -> part.kind().campaign());
        assertThat(ordinary2.parts()).filteredOn(part -> ORDINARY2_KINDS.contains(part.kind())).hasSize(5)
                .allSatisfy(part -> assertThat(part.count()).isEqualTo(10));
        assertThat(ordinary2.parts()).filteredOn(part -> !ORDINARY2_KINDS.contains(part.kind()))
                .containsExactlyElementsOf(ScenarioCatalog.named("holdout2").parts().stream()
                        .filter(part -> !part.kind().campaign()).toList());
        assertThat(ordinary2.duration()).isEqualTo(Duration.ofDays(5));
        // newcomers: holdout2's ordinary background and the newcomer kinds, hundreds of them, no campaign at all
        Scenario newcomers = ScenarioCatalog.named("newcomers");
        assertThat(newcomers.parts()).noneMatch(part -> part.kind().campaign());
        assertThat(newcomers.parts()).filteredOn(part -> NEWCOMER_KINDS.contains(part.kind()))
                .extracting(ScenarioPart::kind).containsExactlyInAnyOrderElementsOf(NEWCOMER_KINDS);
        assertThat(newcomers.parts()).filteredOn(part -> NEWCOMER_KINDS.contains(part.kind()))
                .allSatisfy(part -> assertThat(part.count()).isGreaterThanOrEqualTo(50));
        assertThat(newcomers.parts()).filteredOn(part -> !NEWCOMER_KINDS.contains(part.kind()))
                .containsExactlyElementsOf(ScenarioCatalog.named("holdout2").parts().stream()
                        .filter(part -> !part.kind().campaign()).toList());
        assertThat(newcomers.duration()).isEqualTo(Duration.ofDays(5));
        Simulation demo = BUNDLED.run(ScenarioCatalog.named("demo"), SimulationSettings.of(1, SimulationTestData.START));
        assertThat(demo.orgs()).filteredOn(org -> org.kind() == ScenarioKind.HYDRA).hasSize(60);
        assertThat(demo.orgs()).filteredOn(org -> org.kind() == ScenarioKind.RESTRICTED_VPN).hasSize(1);
        Set<String> networks = new HashSet<>();
        Set<String> vpnOrgs = demo.orgs().stream().filter(org -> org.kind() == ScenarioKind.RESTRICTED_VPN)
                .map(SimulatedOrg::orgId).collect(Collectors.toSet());
        demo.forEachRemaining(event -> {
            if (vpnOrgs.contains(event.event().orgId())) {
                networks.add(event.event().network());
            }
        });
        assertThat(networks).contains("vpn");
        assertThatThrownBy(() -> ScenarioCatalog.named("nope"))
                .isInstanceOf(SimulationException.class).hasMessageContaining("expected one of: mixed");
    }
}
