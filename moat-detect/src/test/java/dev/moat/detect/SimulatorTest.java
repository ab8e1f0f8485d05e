package dev.moat.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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

class SimulatorTest {

    private static final PromptSource BUNDLED_PROMPTS = PromptSource.bundled();
    private static final Simulator BUNDLED = new Simulator(BUNDLED_PROMPTS);

    private static List<SimulatedEvent> events(Simulator simulator, Scenario scenario, SimulationSettings settings) {
        List<SimulatedEvent> events = new ArrayList<>();
        simulator.run(scenario, settings).forEachRemaining(events::add);
        return events;
    }

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
            } else if (simulated.harvesting() && kind != ScenarioKind.RESTRICTED_VPN) {
                assertThat(found).as(kind + ": " + first).isNotEmpty().allMatch(PromptSource.Pool::harvesting);
            } else if (kind == ScenarioKind.EVAL_RUN) {
                assertThat(found).as(first).containsExactly(PromptSource.Pool.EVALUATION);
            } else if (kind == ScenarioKind.CHAT || kind == ScenarioKind.RESELLER) {
                assertThat(found).as(first).isNotEmpty().noneMatch(PromptSource.Pool::harvesting)
                        .doesNotContain(PromptSource.Pool.EVALUATION);
            } else {
                assertThat(found).as(kind + ": " + first).noneMatch(PromptSource.Pool::harvesting);
            }
        }
        assertThat(checked.keySet()).containsExactlyInAnyOrder(ScenarioKind.values());
    }

    /** Finds which pools' prompts occur in a text, exactly or wrapped in a template, without a full scan. */
    private static final class PromptIndex {
        private static final int KEY = 24;
        private final Map<String, Set<PromptSource.Pool>> exact = new HashMap<>();
        private final Map<String, List<String>> byOpening = new HashMap<>();

        PromptIndex(PromptSource prompts) {
            for (PromptSource.Pool pool : PromptSource.Pool.values()) {
                for (PromptSource.Prompt prompt : prompts.pool(pool)) {
                    String text = prompt.text().strip();
                    exact.computeIfAbsent(text, key -> new HashSet<>()).add(pool);
                    if (text.length() >= KEY) {
                        byOpening.computeIfAbsent(text.substring(0, KEY), key -> new ArrayList<>()).add(text);
                    }
                }
            }
        }

        Set<PromptSource.Pool> poolsIn(String text) {
            Set<PromptSource.Pool> found = new HashSet<>(exact.getOrDefault(text.strip(), Set.of()));
            for (String prompt : promptsIn(text)) {
                found.addAll(exact.get(prompt));
            }
            return found;
        }

        /** The prompts (of at least {@code KEY} characters) that occur in the text, exactly or inside it. */
        Set<String> promptsIn(String text) {
            Set<String> found = new HashSet<>();
            for (int i = 0; i + KEY <= text.length(); i++) {
                for (String candidate : byOpening.getOrDefault(text.substring(i, i + KEY), List.of())) {
                    if (text.startsWith(candidate, i)) {
                        found.add(candidate);
                    }
                }
            }
            return found;
        }
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

    @Test
    void theHeldOutVariantsHaveTheShapesTheyAreMeantToHave() {
        Scenario scenario = new Scenario("held-out", "the held-out campaign variants", Duration.ofDays(2), List.of(
                ScenarioPart.of(ScenarioKind.CHAT, 2), new ScenarioPart(ScenarioKind.HYDRA_VARIED, 1, 40),
                ScenarioPart.of(ScenarioKind.DIALOGUE_HARVEST, 1), ScenarioPart.of(ScenarioKind.OFFICE_DISTILLER, 2)));
        Simulation simulation = BUNDLED.run(scenario, SimulationSettings.of(3, SimulationTestData.START));
        Map<String, SimulatedOrg> orgs = simulation.orgs().stream()
                .collect(Collectors.toMap(SimulatedOrg::orgId, org -> org));
        List<SimulatedOrg> hydra = simulation.orgs().stream().filter(org -> org.kind() == ScenarioKind.HYDRA_VARIED)
                .toList();
        // the hydra shares payment and address ranges, not its clients
        assertThat(hydra).hasSize(40);
        assertThat(hydra.stream().map(org -> org.profile().paymentFingerprint().orElseThrow()).distinct().count())
                .isLessThan(16);
        Set<String> hydraAgents = new HashSet<>();
        Map<ScenarioKind, Integer> events = new HashMap<>();
        int[] followUps = {0};
        simulation.forEachRemaining(simulated -> {
            UsageEvent event = simulated.event();
            SimulatedOrg org = orgs.get(event.orgId());
            events.merge(org.kind(), 1, Integer::sum);
            RequestSummary request = event.request();
            switch (org.kind()) {
                case HYDRA_VARIED -> hydraAgents.add(event.userAgent());
                case DIALOGUE_HARVEST -> {
                    assertThat(request.tools()).isZero();
                    assertThat(request.maxTokens()).isGreaterThanOrEqualTo(2_048);
                    if (request.turns() > 1) {
                        followUps[0]++;
                    }
                }
                case OFFICE_DISTILLER -> {
                    assertThat(request.maxTokens()).isBetween(1_000, 1_999);
                    assertThat(request.thinking()).isFalse();
                    assertThat(request.turns()).isEqualTo(1);
                    assertThat(event.network()).isEqualTo("residential");
                }
                default -> { }
            }
        });
        assertThat(hydraAgents.size()).isGreaterThanOrEqualTo(4);
        assertThat(events.get(ScenarioKind.DIALOGUE_HARVEST)).isPositive();
        // most of what the dialogue harvester collects comes through follow-up turns
        assertThat(followUps[0]).isGreaterThan(events.get(ScenarioKind.DIALOGUE_HARVEST) / 2);
        assertThat(events.get(ScenarioKind.OFFICE_DISTILLER)).isPositive();
    }

    /** The kinds written for {@code holdout3}: four campaign variants and one ordinary look-alike. */
    private static final Set<ScenarioKind> HOLDOUT3_KINDS = Set.of(ScenarioKind.AGENT_HARVEST,
            ScenarioKind.AGED_ACCOUNTS, ScenarioKind.SOFT_LABELS, ScenarioKind.MULTILINGUAL_HARVEST,
            ScenarioKind.TUTORING_APP);

    private static Scenario holdout3Kinds(Duration duration) {
        return oneOfEach("holdout3", HOLDOUT3_KINDS, duration);
    }

    /** One organisation (or campaign) of each of {@code kinds}. */
    private static Scenario oneOfEach(String set, Set<ScenarioKind> kinds, Duration duration) {
        return new Scenario(set + "-kinds", "one of each " + set + " kind", duration,
                kinds.stream().sorted().map(kind -> ScenarioPart.of(kind, 1)).toList());
    }

    @Property(tries = 2)
    void theHoldout3KindsAreLabelledAndDeterministicPerSeed(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        assertLabelledAndDeterministic(holdout3Kinds(Duration.ofDays(1)), HOLDOUT3_KINDS, seed);
    }

    /** The events of {@code scenario} under {@code seed}, checked to repeat exactly under it and to differ under the next. */
    private static List<SimulatedEvent> deterministicEvents(Scenario scenario, long seed) {
        SimulationSettings settings = SimulationSettings.of(seed, SimulationTestData.START);
        List<SimulatedEvent> events = events(BUNDLED, scenario, settings);
        List<String> once = events.stream().map(event -> UsageEventCodec.toJson(event.event()) + event.campaignId())
                .toList();
        List<String> again = events(BUNDLED, scenario, settings).stream()
                .map(event -> UsageEventCodec.toJson(event.event()) + event.campaignId()).toList();
        assertThat(again).isEqualTo(once);
        List<String> other = events(BUNDLED, scenario, SimulationSettings.of(seed + 1, SimulationTestData.START))
                .stream().map(event -> UsageEventCodec.toJson(event.event()) + event.campaignId()).toList();
        assertThat(other).isNotEqualTo(once);
        return events;
    }

    /**
     * One organisation of each of {@code kinds}: the same seed gives the same events, another seed others, and
     * every event carries its organisation's label (one campaign per campaign kind, ordinary kinds benign).
     */
    private static void assertLabelledAndDeterministic(Scenario scenario, Set<ScenarioKind> kinds, long seed) {
        SimulationSettings settings = SimulationSettings.of(seed, SimulationTestData.START);
        List<SimulatedEvent> events = deterministicEvents(scenario, seed);

        Map<String, SimulatedOrg> orgs = BUNDLED.run(scenario, settings).orgs().stream()
                .collect(Collectors.toMap(SimulatedOrg::orgId, org -> org));
        Map<ScenarioKind, Set<String>> labels = new HashMap<>();
        for (SimulatedEvent event : events) {
            SimulatedOrg org = orgs.get(event.event().orgId());
            assertThat(org.mixed()).isFalse();
            assertThat(event.campaignId()).isEqualTo(org.campaignId());
            labels.computeIfAbsent(org.kind(), kind -> new HashSet<>()).add(event.campaignId().orElse("benign"));
        }
        assertThat(labels).containsOnlyKeys(kinds);
        for (ScenarioKind kind : kinds) {
            assertThat(labels.get(kind)).as(kind.label())
                    .containsExactly(kind.campaign() ? "camp_" + kind.label() + "_1" : "benign");
        }
    }

    /**
     * Each holdout3 campaign is defined by the tell it avoids; this checks the property that makes the
     * evasion, and that the campaign still harvests at volume.
     */
    @Test
    void theHoldout3VariantsHaveTheShapesThatDefineTheirEvasion() {
        Instant start = SimulationTestData.START;
        Simulation simulation = BUNDLED.run(holdout3Kinds(Duration.ofDays(2)), SimulationSettings.of(3, start));
        Map<String, SimulatedOrg> orgs = simulation.orgs().stream()
                .collect(Collectors.toMap(SimulatedOrg::orgId, org -> org));
        Map<ScenarioKind, List<SimulatedOrg>> byKind = simulation.orgs().stream()
                .collect(Collectors.groupingBy(SimulatedOrg::kind));

        // aged accounts: bought established organisations; nothing in their sign-up facts is shared
        List<SimulatedOrg> aged = byKind.get(ScenarioKind.AGED_ACCOUNTS);
        assertThat(aged.size()).isBetween(15, 40);
        assertThat(aged).allSatisfy(org -> {
            assertThat(org.profile().createdAt().orElseThrow()).isBefore(start.minus(Duration.ofDays(90)));
            assertThat(org.profile().tier()).contains("standard");
        });
        assertThat(distinct(aged, org -> org.profile().paymentFingerprint().orElseThrow())).hasSize(aged.size());
        assertThat(distinct(aged, org -> org.profile().emailDomain().orElseThrow())).hasSize(aged.size());
        assertThat(distinct(aged, org -> slash24(org.profile().signupIp().orElseThrow()))).hasSize(aged.size());
        // soft labels: several organisations, each with its own card and address range
        List<SimulatedOrg> soft = byKind.get(ScenarioKind.SOFT_LABELS);
        assertThat(soft.size()).isBetween(3, 6);
        assertThat(distinct(soft, org -> org.profile().paymentFingerprint().orElseThrow())).hasSize(soft.size());

        PromptIndex index = new PromptIndex(BUNDLED_PROMPTS);
        Set<String> harvestItems = new HashSet<>();
        for (PromptSource.Pool pool : PromptSource.Pool.values()) {
            if (pool.harvesting()) {
                BUNDLED_PROMPTS.pool(pool).forEach(prompt -> harvestItems.add(prompt.text().strip()));
            }
        }
        Map<ScenarioKind, Integer> events = new HashMap<>();
        Map<ScenarioKind, Integer> multiTurn = new HashMap<>();
        Map<ScenarioKind, Set<String>> keys = new HashMap<>();
        Map<String, Integer> perAgedAccount = new HashMap<>();
        Map<String, Set<String>> agedAccountsPerSlash24 = new HashMap<>();
        Set<String> languages = new HashSet<>();
        Set<String> tutoringSystems = new HashSet<>();
        simulation.forEachRemaining(simulated -> {
            UsageEvent event = simulated.event();
            SimulatedOrg org = orgs.get(event.orgId());
            RequestSummary request = event.request();
            String first = request.messages().getFirst().content();
            events.merge(org.kind(), 1, Integer::sum);
            keys.computeIfAbsent(org.kind(), kind -> new HashSet<>()).add(event.keyId());
            if (request.turns() > 1) {
                multiTurn.merge(org.kind(), 1, Integer::sum);
            }
            switch (org.kind()) {
                case AGENT_HARVEST -> {
                    // an agent's request from a developer's machine, whose task is a harvested item
                    assertThat(request.tools()).isBetween(6, 20);
                    assertThat(request.system()).isPresent();
                    assertThat(event.userAgent()).isIn("claude-cli/1.0.31", "aider/0.82.1", "Cline/3.2.0",
                            "OpenAI/NodeJS/4.67.3");
                    assertThat(event.network()).isEqualTo(TrafficNetworks.RESIDENTIAL);
                    assertThat(index.poolsIn(first)).as(first).isNotEmpty().allMatch(PromptSource.Pool::harvesting);
                }
                case AGED_ACCOUNTS -> {
                    // driven through residential addresses of the account's own country, a /24 of its own
                    assertThat(event.network()).isEqualTo(TrafficNetworks.RESIDENTIAL);
                    assertThat(event.country()).isEqualTo(org.profile().country().orElseThrow());
                    agedAccountsPerSlash24.computeIfAbsent(slash24(event.ip()), prefix -> new HashSet<>())
                            .add(org.orgId());
                    assertThat(slash24(event.ip())).isNotEqualTo(slash24(org.profile().signupIp().orElseThrow()));
                    perAgedAccount.merge(org.orgId(), 1, Integer::sum);
                }
                case SOFT_LABELS -> {
                    // top-k log-probabilities of ordinary-length answers; no logit_bias, no 1-token probes
                    assertThat(request.logprobs()).isTrue();
                    assertThat(request.topLogprobs()).isBetween(5, 20);
                    assertThat(request.logitBiasSize()).isZero();
                    assertThat(request.maxTokens()).isBetween(256, 1_024);
                    assertThat(event.api()).isEqualTo("openai");
                }
                case MULTILINGUAL_HARVEST -> {
                    // the bare item with one instruction in a target language before or after it: no English wrapper
                    TrafficMultilingualHarvest.Language language = TrafficMultilingualHarvest.LANGUAGES.stream()
                            .filter(candidate -> Set.of(candidate.answer(), candidate.translateAndSolve()).stream()
                                    .anyMatch(instruction -> first.startsWith(instruction + "\n\n")
                                            || first.endsWith("\n\n" + instruction)))
                            .findFirst().orElseThrow(() -> new AssertionError("no target-language instruction: " + first));
                    String item = Set.of(language.answer(), language.translateAndSolve()).stream()
                            .map(instruction -> first.replace(instruction + "\n\n", "").replace("\n\n" + instruction, ""))
                            .filter(rest -> !rest.equals(first)).findFirst().orElseThrow();
                    assertThat(harvestItems).contains(item);
                    languages.add(language.code());
                }
                case TUTORING_APP -> {
                    assertThat(simulated.harvesting()).isFalse();
                    assertThat(request.system().orElseThrow()).contains("step");
                    tutoringSystems.add(request.system().orElseThrow());
                    assertThat(event.network()).isEqualTo(TrafficNetworks.HOSTING);
                    assertThat(index.poolsIn(first)).as(first).noneMatch(PromptSource.Pool::harvesting);
                }
                default -> throw new AssertionError("unexpected kind " + org.kind());
            }
        });
        // still campaigns: each harvests at volume, all its accounts together
        for (ScenarioKind kind : HOLDOUT3_KINDS) {
            assertThat(events.get(kind)).as(kind.label()).isGreaterThan(kind.campaign() ? 1_000 : 500);
        }
        assertThat(multiTurn.get(ScenarioKind.AGENT_HARVEST)).isGreaterThan(events.get(ScenarioKind.AGENT_HARVEST) * 3 / 4);
        assertThat(keys.get(ScenarioKind.AGENT_HARVEST).size()).isBetween(4, 10);
        assertThat(perAgedAccount).hasSize(aged.size());
        assertThat(perAgedAccount.values()).allMatch(count -> count * 5 < events.get(ScenarioKind.AGED_ACCOUNTS));
        assertThat(agedAccountsPerSlash24.values()).allMatch(accounts -> accounts.size() == 1);
        assertThat(keys.get(ScenarioKind.SOFT_LABELS).size()).isGreaterThanOrEqualTo(2 * soft.size());
        assertThat(languages.size()).isGreaterThanOrEqualTo(6);
        // the tutoring app: one key and one system prompt for all its students, many of them following up
        assertThat(keys.get(ScenarioKind.TUTORING_APP)).hasSize(1);
        assertThat(tutoringSystems).hasSize(1);
        assertThat(multiTurn.get(ScenarioKind.TUTORING_APP)).isGreaterThan(events.get(ScenarioKind.TUTORING_APP) / 4);
    }

    /** The kinds written for {@code holdout4}: four campaign variants and one ordinary look-alike. */
    private static final Set<ScenarioKind> HOLDOUT4_KINDS = Set.of(ScenarioKind.CONTEXT_HARVEST,
            ScenarioKind.PREFERENCE_PAIRS, ScenarioKind.PARAPHRASE_HARVEST, ScenarioKind.BUNDLED_ITEMS,
            ScenarioKind.JUDGE_SERVICE);

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
        Set<String> harvestItems = new HashSet<>();
        for (PromptSource.Pool pool : PromptSource.Pool.values()) {
            if (pool.harvesting()) {
                BUNDLED_PROMPTS.pool(pool).forEach(prompt -> harvestItems.add(prompt.text().strip()));
            }
        }
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

    /** The kinds written for {@code holdout5}: four campaign variants and one ordinary look-alike. */
    private static final Set<ScenarioKind> HOLDOUT5_KINDS = Set.of(ScenarioKind.CRITIQUE_REWRITE,
            ScenarioKind.HUMAN_CADENCE, ScenarioKind.COVER_NETWORK, ScenarioKind.ENTERPRISE_RAMP,
            ScenarioKind.DOC_LOCALISATION);
    /** The holdout5 campaigns hiding in organisations with genuine traffic: only their routed exchanges are harvesting. */
    private static final Set<ScenarioKind> HOLDOUT5_MIXED = Set.of(ScenarioKind.COVER_NETWORK,
            ScenarioKind.ENTERPRISE_RAMP);

    /**
     * One organisation of each holdout5 kind: the same seed gives the same events, another seed others; events of
     * unmixed organisations carry their organisation's label, and the mixed ones carry both ordinary and campaign
     * exchanges.
     */
    @Property(tries = 2)
    void theHoldout5KindsAreLabelledAndDeterministicPerSeed(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        Scenario scenario = oneOfEach("holdout5", HOLDOUT5_KINDS, Duration.ofDays(1));
        SimulationSettings settings = SimulationSettings.of(seed, SimulationTestData.START);
        List<SimulatedEvent> events = deterministicEvents(scenario, seed);

        Map<String, SimulatedOrg> orgs = BUNDLED.run(scenario, settings).orgs().stream()
                .collect(Collectors.toMap(SimulatedOrg::orgId, org -> org));
        Map<ScenarioKind, Set<String>> labels = new HashMap<>();
        for (SimulatedEvent event : events) {
            SimulatedOrg org = orgs.get(event.event().orgId());
            assertThat(org.mixed()).as(org.kind().label()).isEqualTo(HOLDOUT5_MIXED.contains(org.kind()));
            if (org.mixed()) {
                event.campaignId().ifPresent(campaign -> assertThat(org.campaignId()).contains(campaign));
            } else {
                assertThat(event.campaignId()).isEqualTo(org.campaignId());
            }
            labels.computeIfAbsent(org.kind(), kind -> new HashSet<>()).add(event.campaignId().orElse("benign"));
        }
        assertThat(labels).containsOnlyKeys(HOLDOUT5_KINDS);
        for (ScenarioKind kind : HOLDOUT5_KINDS) {
            Set<String> expected = !kind.campaign() ? Set.of("benign")
                    : HOLDOUT5_MIXED.contains(kind) ? Set.of("camp_" + kind.label() + "_1", "benign")
                    : Set.of("camp_" + kind.label() + "_1");
            assertThat(labels.get(kind)).as(kind.label()).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    /**
     * Each holdout5 campaign is defined by the tell it avoids; this checks the property that makes the evasion and
     * that the campaign still harvests at volume; and that the localisation company is what it claims to be.
     */
    @Test
    void theHoldout5VariantsHaveTheShapesThatDefineTheirEvasion() {
        Instant start = SimulationTestData.START;
        Instant end = start.plus(Duration.ofDays(3));
        Simulation simulation = BUNDLED.run(oneOfEach("holdout5", HOLDOUT5_KINDS, Duration.ofDays(3)),
                SimulationSettings.of(3, start));
        Map<String, SimulatedOrg> orgs = simulation.orgs().stream()
                .collect(Collectors.toMap(SimulatedOrg::orgId, org -> org));
        Map<ScenarioKind, List<SimulatedOrg>> byKind = simulation.orgs().stream()
                .collect(Collectors.groupingBy(SimulatedOrg::kind));
        // unlinked organisations: a card and an e-mail domain each
        for (ScenarioKind kind : List.of(ScenarioKind.CRITIQUE_REWRITE, ScenarioKind.COVER_NETWORK)) {
            assertThat(distinct(byKind.get(kind), org -> org.profile().paymentFingerprint().orElseThrow()))
                    .as(kind.label()).hasSize(byKind.get(kind).size());
            assertThat(distinct(byKind.get(kind), org -> org.profile().emailDomain().orElseThrow()))
                    .as(kind.label()).hasSize(byKind.get(kind).size());
        }
        assertThat(byKind.get(ScenarioKind.CRITIQUE_REWRITE).size()).isBetween(2, 4);
        // the cover network and the enterprise are aged accounts with a long history, not fresh sign-ups
        assertThat(byKind.get(ScenarioKind.COVER_NETWORK).size()).isBetween(8, 16);
        assertThat(byKind.get(ScenarioKind.COVER_NETWORK)).allSatisfy(org -> assertThat(org.profile().createdAt()
                .orElseThrow()).isBefore(start.minus(Duration.ofDays(90))));
        assertThat(byKind.get(ScenarioKind.ENTERPRISE_RAMP)).singleElement().satisfies(org -> {
            assertThat(org.profile().tier()).contains("enterprise");
            assertThat(org.profile().createdAt().orElseThrow()).isBefore(start.minus(Duration.ofDays(300)));
        });

        PromptIndex index = new PromptIndex(BUNDLED_PROMPTS);
        Set<String> harvestItems = new HashSet<>();
        for (PromptSource.Pool pool : PromptSource.Pool.values()) {
            if (pool.harvesting()) {
                BUNDLED_PROMPTS.pool(pool).forEach(prompt -> harvestItems.add(prompt.text().strip()));
            }
        }
        Map<ScenarioKind, Integer> harvested = new HashMap<>();
        Map<String, Integer> critiqueLines = new HashMap<>();
        int[] critiqueFrames = {0};
        int[] multiTurn = {0};
        Map<String, List<Long>> seatTimes = new HashMap<>();
        int[] seatHours = new int[24];
        Map<String, Set<String>> systemsPerOrg = new HashMap<>();
        Map<String, Set<String>> ordinaryKeys = new HashMap<>();
        Map<String, Set<String>> harvestKeys = new HashMap<>();
        Map<Long, Set<String>> coverHarvestersPerHour = new HashMap<>();
        Map<String, Set<Long>> coverHarvestHours = new HashMap<>();
        Map<String, Set<String>> ordinaryAddresses = new HashMap<>();
        Map<String, Set<String>> pipelineAddresses = new HashMap<>();
        List<Long> pipelineTimes = new ArrayList<>();
        Map<String, Set<String>> languagesPerSection = new HashMap<>();
        Map<String, Set<String>> localisationSystems = new HashMap<>();
        simulation.forEachRemaining(simulated -> {
            UsageEvent event = simulated.event();
            SimulatedOrg org = orgs.get(event.orgId());
            RequestSummary request = event.request();
            String first = request.messages().getFirst().content();
            if (simulated.harvesting()) {
                harvested.merge(org.kind(), 1, Integer::sum);
                assertThat(index.poolsIn(first)).as(org.kind() + ": " + first).isNotEmpty()
                        .allMatch(PromptSource.Pool::harvesting);
            }
            switch (org.kind()) {
                case CRITIQUE_REWRITE -> {
                    // an item, the student's incomplete draft, and a request for a critique and the full answer
                    assertThat(request.turns()).isEqualTo(1);
                    assertThat(request.system()).isEmpty();
                    assertThat(TrafficCritiqueRewrite.CRITIQUES).anyMatch(first::contains);
                    assertThat(TrafficCritiqueRewrite.REWRITES).anyMatch(first::contains);
                    if (event.response().status() == 200) {
                        String answer = event.response().text().orElseThrow();
                        String corrected = answer.substring(answer.indexOf("\n\n") + 2);
                        assertThat(corrected.length() < 40 || !first.contains(corrected))
                                .as("the draft is incomplete: " + first).isTrue();
                        // the wording around the item and the draft (whose lines come from the item's reference)
                        Set<String> items = index.promptsIn(first);
                        first.lines().filter(line -> !line.isBlank() && !corrected.contains(line)
                                        && items.stream().noneMatch(item -> item.contains(line)))
                                .forEach(line -> critiqueLines.merge(line, 1, Integer::sum));
                        critiqueFrames[0]++;
                    }
                }
                case HUMAN_CADENCE -> {
                    // people at a chat window: no system prompt, residential addresses, casual follow-ups
                    assertThat(request.system()).isEmpty();
                    assertThat(event.network()).isEqualTo(TrafficNetworks.RESIDENTIAL);
                    if (request.turns() > 1) {
                        multiTurn[0]++;
                        assertThat(TrafficCasualHarvest.FOLLOW_UPS).contains(request.lastUserText());
                    }
                    seatTimes.computeIfAbsent(event.keyId(), key -> new ArrayList<>()).add(event.ts().toEpochMilli());
                    seatHours[event.ts().atZone(java.time.ZoneOffset.UTC).getHour()]++;
                }
                case COVER_NETWORK -> {
                    systemsPerOrg.computeIfAbsent(org.orgId(), id -> new HashSet<>()).add(request.system().orElse(""));
                    if (simulated.harvesting()) {
                        // the item bare, in the app's own request shape, on the app's own key
                        assertThat(request.turns()).isEqualTo(1);
                        assertThat(harvestItems).contains(first);
                        harvestKeys.computeIfAbsent(org.orgId(), id -> new HashSet<>()).add(event.keyId());
                        long hour = Duration.between(start, event.ts()).toHours();
                        coverHarvestersPerHour.computeIfAbsent(hour, h -> new HashSet<>()).add(org.orgId());
                        coverHarvestHours.computeIfAbsent(org.orgId(), id -> new HashSet<>()).add(hour);
                    } else {
                        ordinaryKeys.computeIfAbsent(org.orgId(), id -> new HashSet<>()).add(event.keyId());
                    }
                }
                case ENTERPRISE_RAMP -> {
                    String key = event.keyId() + " " + event.userAgent();
                    if (simulated.harvesting()) {
                        assertThat(request.system()).isPresent();
                        pipelineAddresses.computeIfAbsent(key, id -> new HashSet<>()).add(event.ip());
                        pipelineTimes.add(event.ts().toEpochMilli());
                    } else {
                        ordinaryAddresses.computeIfAbsent(key, id -> new HashSet<>()).add(event.ip());
                    }
                }
                case DOC_LOCALISATION -> {
                    assertThat(simulated.harvesting()).isFalse();
                    String lead = "Translate the following documentation section from English into ";
                    assertThat(first).startsWith(lead);
                    String language = first.substring(lead.length(), first.indexOf(". Keep Markdown"));
                    assertThat(TrafficDocLocalisation.LANGUAGES).contains(language);
                    assertThat(index.poolsIn(first)).as(first).noneMatch(PromptSource.Pool::harvesting);
                    languagesPerSection.computeIfAbsent(first.substring(first.indexOf("\n\n") + 2),
                            section -> new HashSet<>()).add(language);
                    localisationSystems.computeIfAbsent(event.keyId(), key -> new HashSet<>())
                            .add(request.system().orElseThrow());
                    assertThat(event.network()).isEqualTo(TrafficNetworks.HOSTING);
                }
                default -> throw new AssertionError("unexpected kind " + org.kind());
            }
        });
        // still campaigns: each harvests well over a thousand answers in three days (the ramp: hundreds a night, growing)
        for (ScenarioKind kind : List.of(ScenarioKind.CRITIQUE_REWRITE, ScenarioKind.HUMAN_CADENCE,
                ScenarioKind.COVER_NETWORK)) {
            assertThat(harvested.get(kind)).as(kind.label()).isGreaterThan(1_000);
        }
        assertThat(harvested.get(ScenarioKind.ENTERPRISE_RAMP)).isGreaterThan(600);

        // critique-rewrite: no wording is shared by many requests — no line recurs in a fifth of them
        assertThat(critiqueLines).allSatisfy((line, count) -> assertThat(count).as(line)
                .isLessThan(critiqueFrames[0] / 5));

        // human cadence: many seats, conversations that go on, human think times, the working day's rhythm
        assertThat(seatTimes).hasSizeGreaterThanOrEqualTo(20);
        assertThat(multiTurn[0]).isGreaterThan(harvested.get(ScenarioKind.HUMAN_CADENCE) / 10);
        List<Long> gaps = new ArrayList<>();
        seatTimes.values().forEach(times -> {
            for (int i = 1; i < times.size(); i++) {
                gaps.add(times.get(i) - times.get(i - 1));
            }
        });
        assertThat(gaps.stream().filter(gap -> gap < 5_000).count()).isLessThan(gaps.size() / 20);
        int quietest = Integer.MAX_VALUE;
        for (int from = 0; from < 24; from++) {
            int night = 0;
            for (int h = 0; h < 8; h++) {
                night += seatHours[(from + h) % 24];
            }
            quietest = Math.min(quietest, night);
        }
        assertThat(quietest).isLessThan(harvested.get(ScenarioKind.HUMAN_CADENCE) / 10);

        // cover network: every routed request on a business's own app key, under its own single system prompt;
        // at most three businesses harvest in any hour, and none in more than 60 % of the hours
        assertThat(systemsPerOrg.values()).allMatch(systems -> systems.size() == 1);
        assertThat(harvestKeys.entrySet()).hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(entry -> assertThat(ordinaryKeys.get(entry.getKey())).containsAll(entry.getValue()));
        assertThat(coverHarvestersPerHour.values()).allMatch(harvesters -> harvesters.size() <= 3);
        assertThat(coverHarvestHours.values()).allMatch(hours -> hours.size() <= 0.6 * 72);

        // enterprise ramp: the pipeline uses the batch job's key, client and servers; each night's run is bigger
        assertThat(pipelineAddresses).isNotEmpty();
        pipelineAddresses.forEach((key, addresses) ->
                assertThat(ordinaryAddresses.get(key)).as(key).containsAll(addresses));
        List<Integer> runs = new ArrayList<>();
        long previous = Long.MIN_VALUE;
        for (long time : pipelineTimes) {
            if (previous == Long.MIN_VALUE || time - previous > 3 * TrafficCadence.HOUR) {
                runs.add(0);
            }
            runs.set(runs.size() - 1, runs.getLast() + 1);
            previous = time;
        }
        if (previous > end.toEpochMilli() - TrafficCadence.HOUR) {
            runs.removeLast(); // cut short by the end of the simulation
        }
        assertThat(runs).hasSizeGreaterThanOrEqualTo(2);
        for (int i = 1; i < runs.size(); i++) {
            assertThat(runs.get(i)).as("run " + i + " of " + runs).isGreaterThan(runs.get(i - 1) * 13 / 10);
        }

        // localisation: one system prompt per pipeline, each section sent in three or more languages
        assertThat(localisationSystems.values()).allMatch(systems -> systems.size() == 1);
        assertThat(languagesPerSection.values().stream().filter(languages -> languages.size() >= 3).count())
                .isGreaterThanOrEqualTo(languagesPerSection.size() * 9L / 10).isGreaterThan(100);
    }

    private static final Set<ScenarioKind> ORDINARY2_KINDS = Set.of(ScenarioKind.SEO_ARTICLES, ScenarioKind.SUPPORT_BOT,
            ScenarioKind.PRE_LABELLING, ScenarioKind.OLYMPIAD_COACH, ScenarioKind.CODE_REVIEW_BOT);

    @Property(tries = 2)
    void theOrdinary2KindsAreBenignAndDeterministicPerSeed(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        assertLabelledAndDeterministic(oneOfEach("ordinary2", ORDINARY2_KINDS, Duration.ofDays(1)), ORDINARY2_KINDS,
                seed);
    }

    /**
     * Each ordinary2 kind is a legitimate customer with the trait that makes it look like harvesting; this checks
     * that the trait is really there (one template or system prompt, long budgets, thinking, around the clock,
     * bursts) and that the traffic is written from the business's own inputs, never the harvesting material.
     */
    @Test
    void theOrdinary2KindsHaveTheTraitsThatMakeThemHard() {
        Instant start = SimulationTestData.START;
        Simulation simulation = BUNDLED.run(oneOfEach("ordinary2", ORDINARY2_KINDS, Duration.ofDays(2)),
                SimulationSettings.of(3, start));
        Map<String, SimulatedOrg> orgs = simulation.orgs().stream()
                .collect(Collectors.toMap(SimulatedOrg::orgId, org -> org));
        SimulatedOrg coach = simulation.orgs().stream().filter(org -> org.kind() == ScenarioKind.OLYMPIAD_COACH)
                .findFirst().orElseThrow();
        assertThat(coach.profile().tier()).contains("self-serve");
        assertThat(coach.profile().createdAt().orElseThrow()).isAfter(start.minus(Duration.ofDays(46)));

        PromptIndex index = new PromptIndex(BUNDLED_PROMPTS);
        Map<ScenarioKind, Integer> counts = new HashMap<>();
        Map<ScenarioKind, Set<Integer>> hours = new HashMap<>();
        Map<ScenarioKind, List<Integer>> budgets = new HashMap<>();
        Map<ScenarioKind, List<Long>> completions = new HashMap<>();
        Map<String, Set<String>> systemsPerOrg = new HashMap<>();
        Set<String> supportLanguages = new HashSet<>();
        List<Long> reasoning = new ArrayList<>();
        Map<String, Long> lastPerKey = new HashMap<>();
        int[] reviewBursts = {0, 0};
        simulation.forEachRemaining(simulated -> {
            UsageEvent event = simulated.event();
            ScenarioKind kind = orgs.get(event.orgId()).kind();
            RequestSummary request = event.request();
            String first = request.messages().getFirst().content();
            assertThat(simulated.harvesting()).isFalse();
            assertThat(index.poolsIn(first)).as(kind + ": " + first).noneMatch(PromptSource.Pool::harvesting);
            assertThat(event.network()).as(kind.label()).isEqualTo(TrafficNetworks.HOSTING);
            counts.merge(kind, 1, Integer::sum);
            hours.computeIfAbsent(kind, k -> new HashSet<>())
                    .add((int) Math.floorMod(event.ts().toEpochMilli() / TrafficCadence.HOUR, 24));
            budgets.computeIfAbsent(kind, k -> new ArrayList<>()).add(request.maxTokens());
            if (event.response().status() == 200) {
                completions.computeIfAbsent(kind, k -> new ArrayList<>()).add(event.response().completionTokens());
            }
            systemsPerOrg.computeIfAbsent(event.orgId(), k -> new HashSet<>()).add(request.system().orElseThrow());
            switch (kind) {
                case SEO_ARTICLES -> {
                    assertThat(request.turns()).isEqualTo(1);
                    assertThat(first).startsWith("Write a ").contains("Primary keyword: ", "FAQ section");
                }
                case SUPPORT_BOT -> {
                    if (request.turns() == 1) {
                        TrafficSupportBot.QUESTIONS.forEach((language, questions) -> {
                            if (questions.stream().anyMatch(question -> first.startsWith(question.split("\\{n}")[0]))) {
                                supportLanguages.add(language);
                            }
                        });
                    }
                }
                case PRE_LABELLING -> {
                    assertThat(first).contains("Step 1:", "Step 4:", "step by step", "Output JSON");
                    assertThat(request.temperature()).hasValue(0.0);
                }
                case OLYMPIAD_COACH -> {
                    assertThat(request.thinking()).isTrue();
                    assertThat(TrafficOlympiadCoach.PROBLEMS).anyMatch(problem -> first.contains(
                            problem.substring(0, Math.min(problem.indexOf('{') < 0 ? problem.length()
                                    : problem.indexOf('{'), 20))));
                    if (event.response().status() == 200) {
                        reasoning.add(event.response().reasoningTokens());
                    }
                }
                case CODE_REVIEW_BOT -> {
                    assertThat(request.turns()).isEqualTo(1);
                    assertThat(first).contains("```diff\n@@ -", "Return a JSON array of comments");
                    Long previous = lastPerKey.put(event.keyId(), event.ts().toEpochMilli());
                    if (previous != null) {
                        reviewBursts[0] += event.ts().toEpochMilli() - previous <= 15_000 ? 1 : 0;
                        reviewBursts[1]++;
                    }
                }
                default -> throw new AssertionError("not an ordinary2 kind: " + kind);
            }
        });
        assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(ORDINARY2_KINDS);
        assertThat(counts.values()).allSatisfy(count -> assertThat(count).isGreaterThan(200));
        // one system prompt per organisation: a fixed template, the way a naive detector sees a harvesting script
        assertThat(systemsPerOrg.values()).allSatisfy(systems -> assertThat(systems).hasSize(1));
        // long articles: large budgets, mostly used
        assertThat(median(budgets.get(ScenarioKind.SEO_ARTICLES))).isGreaterThanOrEqualTo(8_000);
        assertThat(median(completions.get(ScenarioKind.SEO_ARTICLES))).isGreaterThanOrEqualTo(2_000);
        // olympiad coaching: thinking on every request, 16 k or more budgets, long reasoning
        assertThat(median(budgets.get(ScenarioKind.OLYMPIAD_COACH))).isGreaterThanOrEqualTo(16_000);
        assertThat(median(reasoning)).isGreaterThanOrEqualTo(2_000);
        // around the clock: traffic in every hour of the (UTC) day
        for (ScenarioKind kind : List.of(ScenarioKind.SUPPORT_BOT, ScenarioKind.PRE_LABELLING,
                ScenarioKind.CODE_REVIEW_BOT)) {
            assertThat(hours.get(kind)).as(kind.label()).hasSize(24);
        }
        assertThat(supportLanguages).hasSizeGreaterThanOrEqualTo(3).contains("en");
        // code review: most requests follow the previous one of the key within seconds (a pull request's files)
        assertThat(reviewBursts[0]).isGreaterThan(reviewBursts[1] / 2);
    }

    private static double median(List<? extends Number> values) {
        assertThat(values).isNotEmpty();
        List<Double> sorted = values.stream().map(Number::doubleValue).sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static Set<String> distinct(List<SimulatedOrg> orgs, java.util.function.Function<SimulatedOrg, String> fact) {
        return orgs.stream().map(fact).collect(Collectors.toSet());
    }

    private static String slash24(String ip) {
        return ip.substring(0, ip.lastIndexOf('.'));
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
                        && !HOLDOUT5_KINDS.contains(kind) && !ORDINARY2_KINDS.contains(kind)).toList());
        assertThat(mixed).doesNotContainAnyElementsOf(HOLDOUT3_KINDS).doesNotContainAnyElementsOf(HOLDOUT4_KINDS)
                .doesNotContainAnyElementsOf(HOLDOUT5_KINDS).doesNotContainAnyElementsOf(ORDINARY2_KINDS);
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
        // ordinary2: holdout2's ordinary background, ten of each new ordinary kind, no campaign at all
        Scenario ordinary2 = ScenarioCatalog.named("ordinary2");
        assertThat(ordinary2.parts()).noneMatch(part -> part.kind().campaign());
        assertThat(ordinary2.parts()).filteredOn(part -> ORDINARY2_KINDS.contains(part.kind())).hasSize(5)
                .allSatisfy(part -> assertThat(part.count()).isEqualTo(10));
        assertThat(ordinary2.parts()).filteredOn(part -> !ORDINARY2_KINDS.contains(part.kind()))
                .containsExactlyElementsOf(ScenarioCatalog.named("holdout2").parts().stream()
                        .filter(part -> !part.kind().campaign()).toList());
        assertThat(ordinary2.duration()).isEqualTo(Duration.ofDays(5));
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
