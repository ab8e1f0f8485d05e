package dev.moat.detect;

import static dev.moat.detect.SimulationTestData.BUNDLED;
import static dev.moat.detect.SimulationTestData.BUNDLED_PROMPTS;
import static dev.moat.detect.SimulationTestData.HOLDOUT13_KINDS;
import static dev.moat.detect.SimulationTestData.START;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * The held-out kinds of {@code holdout13}: each produces its traffic with its labels, the same for a seed and other for
 * another, and has the property that defines its evasion — crowd workers' own accounts, each unlinked and mixed with its
 * worker's chats; maths items asked as programming tasks without elicitation wording; the same prompts sampled again and
 * again for a few tokens without any extraction parameter; a free app's harvest from hundreds of residential addresses
 * in the app's own request shape; and a medical-coding pipeline under one template around the clock, left ordinary.
 */
class Holdout13VariantsTest {

    /** Words that ask for a chain of thought outright; the program-of-thought wording avoids every one. */
    private static final List<String> ELICITATION = List.of("step by step", "step-by-step", "reasoning", "explain",
            "think", "show your work", "walk me through", "chain of thought");

    /** One campaign (or ordinary organisation) of {@code kind} alone, over {@code days}, seed {@code seed}. */
    private static Simulation run(ScenarioKind kind, int days, long seed) {
        return BUNDLED.run(new Scenario(kind.label() + "-alone", "one " + kind.label(), Duration.ofDays(days),
                List.of(ScenarioPart.of(kind, 1))), SimulationSettings.of(seed, START));
    }

    private static List<SimulatedEvent> events(Simulation simulation) {
        List<SimulatedEvent> events = new ArrayList<>();
        simulation.forEachRemaining(events::add);
        return events;
    }

    private static Set<String> itemsOf(PromptSource.Pool... pools) {
        Set<String> items = new HashSet<>();
        for (PromptSource.Pool pool : pools) {
            BUNDLED_PROMPTS.pool(pool).forEach(prompt -> items.add(prompt.text().strip()));
        }
        return items;
    }

    private static boolean containsItem(String text, Set<String> items) {
        return items.stream().anyMatch(text::contains);
    }

    @Property(tries = 2)
    void theSameSeedGivesTheSameTrafficAndAnotherSeedOtherTraffic(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        Scenario scenario = SimulationTestData.oneOfEach("holdout13", HOLDOUT13_KINDS, Duration.ofHours(8));
        List<String> once = BUNDLED.run(scenario, SimulationSettings.of(seed, START)).stream()
                .map(event -> UsageEventCodec.toJson(event.event()) + event.campaignId()).toList();
        List<String> again = BUNDLED.run(scenario, SimulationSettings.of(seed, START)).stream()
                .map(event -> UsageEventCodec.toJson(event.event()) + event.campaignId()).toList();
        List<String> other = BUNDLED.run(scenario, SimulationSettings.of(seed + 1, START)).stream()
                .map(event -> UsageEventCodec.toJson(event.event()) + event.campaignId()).toList();
        assertThat(again).isNotEmpty().isEqualTo(once);
        assertThat(other).isNotEqualTo(once);
    }

    @Test
    void everyKindProducesTrafficWithItsLabelsAndEveryCampaignHarvestsThousands() {
        Simulation simulation = BUNDLED.run(SimulationTestData.oneOfEach("holdout13", HOLDOUT13_KINDS,
                Duration.ofDays(3)), SimulationSettings.of(13, START));
        Map<String, SimulatedOrg> orgs = simulation.orgs().stream()
                .collect(Collectors.toMap(SimulatedOrg::orgId, org -> org));
        Map<ScenarioKind, Long> events = new HashMap<>();
        Map<String, Long> harvest = new HashMap<>();
        simulation.forEachRemaining(event -> {
            SimulatedOrg org = orgs.get(event.event().orgId());
            events.merge(org.kind(), 1L, Long::sum);
            if (org.benign()) {
                assertThat(event.campaignId()).isEmpty();
            } else {
                event.campaignId().ifPresent(campaign -> assertThat(org.campaignId()).contains(campaign));
                if (!org.mixed()) {
                    assertThat(event.campaignId()).isEqualTo(org.campaignId());
                }
            }
            event.campaignId().ifPresent(campaign -> harvest.merge(campaign, 1L, Long::sum));
        });
        assertThat(events.keySet()).containsExactlyInAnyOrderElementsOf(HOLDOUT13_KINDS);
        assertThat(harvest.keySet()).containsExactlyInAnyOrder("camp_crowd-seats_1", "camp_program-of-thought_1",
                "camp_sample-census_1", "camp_phone-offload_1");
        // over three of the scenario's five days every campaign has harvested thousands of exchanges
        assertThat(harvest.values()).allSatisfy(count -> assertThat(count).isGreaterThan(2_000));
        assertThat(simulation.orgs()).filteredOn(org -> org.kind() == ScenarioKind.MEDICAL_CODING)
                .singleElement().satisfies(org -> assertThat(org.benign()).isTrue());
    }

    /**
     * Crowd seats: every account is a worker's own — aged, its own card, sign-up address and home /24 — and carries the
     * worker's own chats beside the extension's items, on the same key and from the same address.
     */
    @Test
    void crowdSeatsAreUnlinkedAgedPersonalAccountsEachMixingItsWorkersOwnChats() {
        Simulation simulation = run(ScenarioKind.CROWD_SEATS, 3, 21);
        List<SimulatedOrg> seats = simulation.orgs();
        assertThat(seats.size()).isBetween(50, 140);
        assertThat(seats).allMatch(SimulatedOrg::mixed).allSatisfy(org -> assertThat(org.profile().createdAt()
                .orElseThrow()).isBefore(START.minus(120, ChronoUnit.DAYS)));
        assertThat(seats.stream().map(org -> org.profile().paymentFingerprint().orElseThrow()).distinct())
                .hasSize(seats.size());
        assertThat(seats.stream().map(org -> org.profile().signupIp().orElseThrow().replaceAll("\\.\\d+$", ""))
                .distinct()).hasSize(seats.size());
        Map<String, Set<Boolean>> kinds = new HashMap<>();
        Map<String, Set<String>> keys = new HashMap<>();
        Map<String, Set<String>> addresses = new HashMap<>();
        Set<String> items = itemsOf(PromptSource.Pool.HARVEST_MATH, PromptSource.Pool.HARVEST_CODE,
                PromptSource.Pool.HARVEST_ROLEPLAY, PromptSource.Pool.HARVEST_TOOL);
        for (SimulatedEvent event : events(simulation)) {
            String org = event.event().orgId();
            kinds.computeIfAbsent(org, id -> new HashSet<>()).add(event.harvesting());
            keys.computeIfAbsent(org, id -> new HashSet<>()).add(event.event().keyId());
            addresses.computeIfAbsent(org, id -> new HashSet<>()).add(event.event().ip());
            assertThat(event.event().network()).isEqualTo(TrafficNetworks.RESIDENTIAL);
            assertThat(containsItem(event.event().request().lastUserText(), items)).isEqualTo(event.harvesting());
        }
        assertThat(keys.values()).allSatisfy(set -> assertThat(set).hasSize(1));
        assertThat(addresses.values()).allSatisfy(set -> assertThat(set).hasSize(1));
        assertThat(addresses.values().stream().flatMap(Set::stream).map(ip -> ip.replaceAll("\\.\\d+$", "")).distinct())
                .hasSize(addresses.size());
        long both = kinds.values().stream().filter(set -> set.size() == 2).count();
        assertThat(both).as("accounts with both the worker's chats and the extension's items")
                .isGreaterThan(kinds.size() * 8L / 10);
    }

    /** Program of thought: every item asked as a programming task, in varied wording with no elicitation word. */
    @Test
    void programOfThoughtAsksForCodeWithoutAskingForReasoning() {
        Simulation simulation = run(ScenarioKind.PROGRAM_OF_THOUGHT, 2, 22);
        assertThat(simulation.orgs().size()).isBetween(2, 4);
        assertThat(simulation.orgs().stream().map(org -> org.profile().paymentFingerprint().orElseThrow()).distinct())
                .hasSize(simulation.orgs().size());
        Set<String> maths = itemsOf(PromptSource.Pool.HARVEST_MATH);
        Set<String> wordings = new HashSet<>();
        int count = 0;
        for (SimulatedEvent event : events(simulation)) {
            RequestSummary request = event.event().request();
            String text = request.lastUserText();
            assertThat(event.harvesting()).isTrue();
            assertThat(request.thinking()).isFalse();
            assertThat(request.turns()).isEqualTo(1);
            assertThat(text).contains("Python");
            String item = maths.stream().filter(text::contains).findFirst().orElseThrow();
            String wording = text.replace(item, "").strip();
            wordings.add(wording);
            // the item's own words are the material's; the wording around it and the system prompt are the campaign's
            String lower = (wording + request.system().orElse("")).toLowerCase(Locale.ROOT);
            assertThat(ELICITATION).noneMatch(lower::contains);
            if (event.event().response().status() == 200) {
                assertThat(event.event().response().text().orElseThrow()).contains("def solve():", "return ");
            }
            count++;
        }
        assertThat(count).isGreaterThan(1_000);
        assertThat(wordings).as("instruction wordings").hasSizeGreaterThan(50);
    }

    /** The worked solution becomes a program: a commented line and a named value for every calculation. */
    @Test
    void aWorkedSolutionBecomesACommentedProgram() {
        String program = TrafficProgramOfThought.program(
                "Natalia sold 48/2 = 24 clips in May.\nShe earned 24 x 2 = $48 for them.\n"
                        + "Natalia sold 48+24 = 72 clips altogether.\n#### 72");
        assertThat(program).contains("    # Natalia sold 48/2 = 24 clips in May.", "    value_1 = 48/2  # 24",
                "    value_2 = 24 * 2  # 48", "    value_3 = 48+24  # 72", "    return value_3",
                "print(solve())  # 72");
    }

    /**
     * Sample census: no extraction parameter at all, a budget of a few tokens (never one), temperature 1, and each key
     * sampling each of its prompts many times, interleaved so the same prompt is seldom sent twice in a row.
     */
    @Test
    void sampleCensusSamplesTheSamePromptsAgainAndAgainWithoutExtractionParameters() {
        Simulation simulation = run(ScenarioKind.SAMPLE_CENSUS, 2, 23);
        assertThat(simulation.orgs().size()).isBetween(3, 5);
        Map<String, Map<String, Integer>> perKey = new HashMap<>();
        Map<String, String> lastOfKey = new HashMap<>();
        int repeatsInARow = 0;
        int count = 0;
        for (SimulatedEvent event : events(simulation)) {
            RequestSummary request = event.event().request();
            assertThat(request.logprobs()).isFalse();
            assertThat(request.topLogprobs()).isZero();
            assertThat(request.logitBiasSize()).isZero();
            assertThat(request.n()).isEqualTo(1);
            assertThat(request.maxTokens()).isBetween(4, 12);
            assertThat(request.temperature()).hasValue(1.0);
            String key = event.event().keyId();
            String text = request.lastUserText();
            perKey.computeIfAbsent(key, k -> new HashMap<>()).merge(text, 1, Integer::sum);
            if (text.equals(lastOfKey.put(key, text))) {
                repeatsInARow++;
            }
            count++;
        }
        assertThat(count).isGreaterThan(2_000);
        assertThat(perKey).hasSizeGreaterThanOrEqualTo(6);
        for (Map<String, Integer> prompts : perKey.values()) {
            double samplesPerPrompt = prompts.values().stream().mapToInt(Integer::intValue).sum() / (double) prompts.size();
            assertThat(samplesPerPrompt).isGreaterThan(5);
        }
        assertThat(repeatsInARow).isLessThan(count / 3);
    }

    /**
     * Phone offload: one mixed organisation whose harvest comes from hundreds of residential addresses in several
     * countries, in exactly the request shape of its users' own chats on the same key.
     */
    @Test
    void phoneOffloadHarvestsFromHundredsOfResidentialAddressesInTheAppsOwnRequestShape() {
        Simulation simulation = run(ScenarioKind.PHONE_OFFLOAD, 2, 24);
        assertThat(simulation.orgs()).singleElement().satisfies(org -> assertThat(org.mixed()).isTrue());
        Set<String> harvestAddresses = new HashSet<>();
        Set<String> harvestCountries = new HashSet<>();
        Set<String> shapes = new HashSet<>();
        Set<String> keys = new HashSet<>();
        int harvest = 0;
        int chats = 0;
        for (SimulatedEvent event : events(simulation)) {
            UsageEvent e = event.event();
            RequestSummary request = e.request();
            keys.add(e.keyId());
            shapes.add(request.system().orElse("") + "|" + request.maxTokens() + "|" + request.temperature() + "|"
                    + e.userAgent());
            assertThat(e.network()).isEqualTo(TrafficNetworks.RESIDENTIAL);
            if (event.harvesting()) {
                harvest++;
                harvestAddresses.add(e.ip());
                harvestCountries.add(e.country());
                assertThat(request.turns()).isEqualTo(1);
            } else {
                chats++;
            }
        }
        assertThat(keys).hasSize(1);
        assertThat(shapes).as("system prompt, budget, temperature and client of chats and items alike").hasSize(1);
        assertThat(harvest).isGreaterThan(2_000);
        assertThat(chats).isPositive();
        assertThat(harvestAddresses).hasSizeGreaterThan(300);
        assertThat(harvestCountries).hasSizeGreaterThan(8);
    }

    /**
     * Medical coding: ordinary, one template and one system prompt per client queue, composed notes (no harvesting
     * material), and work at every hour of the day, with month-end backlog bursts — and no campaign label.
     */
    @Test
    void medicalCodingIsOneTemplateAroundTheClockAndOrdinary() {
        Simulation simulation = run(ScenarioKind.MEDICAL_CODING, 2, 25);
        assertThat(simulation.orgs()).singleElement().satisfies(org -> assertThat(org.benign()).isTrue());
        Set<String> harvestItems = itemsOf(PromptSource.Pool.HARVEST_MATH, PromptSource.Pool.HARVEST_CODE,
                PromptSource.Pool.HARVEST_ROLEPLAY, PromptSource.Pool.HARVEST_TOOL);
        Set<Integer> hours = new HashSet<>();
        int coding = 0;
        for (SimulatedEvent event : events(simulation)) {
            assertThat(event.harvesting()).isFalse();
            RequestSummary request = event.event().request();
            String text = request.lastUserText();
            if (text.startsWith("Encounter ")) {
                coding++;
                assertThat(text).contains("Presenting complaint: ", "the rationale for choosing it");
                assertThat(request.system().orElseThrow()).contains("ICD-10-CM");
                assertThat(request.temperature()).hasValue(0.0);
                hours.add(event.event().ts().atZone(java.time.ZoneOffset.UTC).getHour());
            }
            assertThat(containsItem(text, harvestItems)).isFalse();
        }
        assertThat(coding).isGreaterThan(1_000);
        assertThat(hours).hasSize(24);
    }

    @Test
    void theHoldout13ScenarioIsTheHeldOutBackgroundTwelveCodingCompaniesAndTwoOfEachCampaign() {
        Scenario holdout13 = ScenarioCatalog.named("holdout13");
        assertThat(holdout13.duration()).isEqualTo(Duration.ofDays(5));
        assertThat(holdout13.parts()).filteredOn(part -> HOLDOUT13_KINDS.contains(part.kind()) && part.kind().campaign())
                .hasSize(4).allSatisfy(part -> assertThat(part.count()).isEqualTo(2));
        assertThat(holdout13.parts()).filteredOn(part -> part.kind() == ScenarioKind.MEDICAL_CODING)
                .singleElement().satisfies(part -> assertThat(part.count()).isGreaterThanOrEqualTo(12));
        assertThat(holdout13.parts()).filteredOn(part -> !HOLDOUT13_KINDS.contains(part.kind()))
                .containsExactlyElementsOf(ScenarioCatalog.named("holdout2").parts().stream()
                        .filter(part -> !part.kind().campaign()).toList());
        for (ScenarioKind kind : HOLDOUT13_KINDS) {
            if (kind.campaign()) {
                Scenario alone = ScenarioCatalog.named(kind.label());
                assertThat(alone.parts()).extracting(ScenarioPart::kind).contains(kind);
                Simulation simulation = BUNDLED.run(alone.withDuration(Duration.ofHours(12)),
                        SimulationSettings.of(5, START));
                assertThat(simulation.stream().filter(SimulatedEvent::harvesting).count()).as(kind.label())
                        .isPositive();
            }
        }
    }

    @Test
    void theCampaignsParametersVaryBySeed() {
        Set<Integer> seats = new HashSet<>();
        Set<Integer> phones = new HashSet<>();
        for (long seed = 1; seed <= 4; seed++) {
            seats.add(run(ScenarioKind.CROWD_SEATS, 1, seed).orgs().size());
            phones.add(run(ScenarioKind.PHONE_OFFLOAD, 1, seed).activeClients());
        }
        assertThat(seats).hasSizeGreaterThan(1);
        assertThat(phones).hasSizeGreaterThan(1);
    }
}
