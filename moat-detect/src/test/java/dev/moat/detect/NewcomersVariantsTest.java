package dev.moat.detect;

import static dev.moat.detect.SimulationTestData.BUNDLED;
import static dev.moat.detect.SimulationTestData.BUNDLED_PROMPTS;
import static dev.moat.detect.SimulationTestData.NEWCOMER_KINDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ordinary newcomers of {@code newcomers}: every kind sends ordinary traffic under its label, from accounts that
 * are new and signed up one at a time through the period, and each kind's defining property holds. One scenario with
 * eight of each kind over three days, planned once for the tests that read its events.
 */
class NewcomersVariantsTest {

    private static final long SEED = 5;
    private static final Duration PERIOD = Duration.ofDays(3);
    private static final long HOUR = TrafficCadence.HOUR;

    private static Simulation simulation;
    private static Map<String, SimulatedOrg> orgs;
    private static Map<ScenarioKind, List<SimulatedEvent>> byKind;

    @BeforeAll
    static void plan() {
        Scenario scenario = new Scenario("newcomer-kinds", "eight of each newcomer kind", PERIOD,
                NEWCOMER_KINDS.stream().sorted().map(kind -> ScenarioPart.of(kind, 8)).toList());
        simulation = BUNDLED.run(scenario, SimulationSettings.of(SEED, SimulationTestData.START));
        orgs = simulation.orgs().stream().collect(Collectors.toMap(SimulatedOrg::orgId, Function.identity()));
        List<SimulatedEvent> all = new ArrayList<>();
        simulation.forEachRemaining(all::add);
        byKind = all.stream().collect(Collectors.groupingBy(event -> orgs.get(event.event().orgId()).kind()));
    }

    /** The events of {@code kind} per organisation, each organisation's in time order. */
    private static Map<String, List<SimulatedEvent>> perOrg(ScenarioKind kind) {
        return byKind.get(kind).stream().collect(Collectors.groupingBy(event -> event.event().orgId(),
                LinkedHashMap::new, Collectors.toList()));
    }

    private static Map<String, List<SimulatedEvent>> perKey(Collection<SimulatedEvent> events) {
        return events.stream().collect(Collectors.groupingBy(event -> event.event().keyId(), LinkedHashMap::new,
                Collectors.toList()));
    }

    private static long created(String orgId) {
        return orgs.get(orgId).profile().createdAt().orElseThrow().toEpochMilli();
    }

    private static String lastUserText(SimulatedEvent event) {
        return event.event().request().messages().getLast().content();
    }

    @Test
    void everyKindSendsOrdinaryTrafficUnderItsLabel() {
        assertThat(byKind.keySet()).containsExactlyInAnyOrderElementsOf(NEWCOMER_KINDS);
        for (ScenarioKind kind : NEWCOMER_KINDS) {
            assertThat(kind.campaign()).isFalse();
            assertThat(simulation.orgs()).filteredOn(org -> org.kind() == kind).as(kind.label()).hasSize(8)
                    .allMatch(SimulatedOrg::benign).noneMatch(SimulatedOrg::mixed);
            assertThat(byKind.get(kind)).as(kind.label()).hasSizeGreaterThan(100)
                    .allSatisfy(event -> assertThat(event.campaignId()).isEmpty());
        }
    }

    @Property(tries = 2)
    void theSameSeedGivesTheSameTrafficAndAnotherSeedOtherTraffic(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        Scenario scenario = SimulationTestData.oneOfEach("newcomers", NEWCOMER_KINDS, Duration.ofDays(1));
        SimulationSettings settings = SimulationSettings.of(seed, SimulationTestData.START);
        assertThat(BUNDLED.run(scenario, settings).orgs()).isEqualTo(BUNDLED.run(scenario, settings).orgs());
        List<SimulatedEvent> events = HeldOutSetChecks.deterministicEvents(scenario, seed);
        assertThat(events).noneMatch(SimulatedEvent::harvesting);
    }

    /**
     * Human-written material only: on the full shared prompt sets, no request of a newcomer (its first 150 per kind)
     * carries a prompt of a harvesting pool, and every kind's requests carry prompts of the ordinary pools.
     */
    @Test
    void newcomersAskHumanWrittenQuestionsNeverHarvestingMaterial() {
        PromptSource prompts = SimulationTestData.sharedPrompts();
        PromptIndex index = new PromptIndex(prompts);
        Scenario scenario = new Scenario("newcomer-prompts", "three of each newcomer kind", Duration.ofDays(2),
                NEWCOMER_KINDS.stream().sorted().map(kind -> ScenarioPart.of(kind, 3)).toList());
        Simulation run = new Simulator(prompts).run(scenario, SimulationSettings.of(SEED, SimulationTestData.START));
        Map<String, ScenarioKind> kindOf = run.orgs().stream()
                .collect(Collectors.toMap(SimulatedOrg::orgId, SimulatedOrg::kind));
        Map<ScenarioKind, Integer> checked = new EnumMap<>(ScenarioKind.class);
        Map<ScenarioKind, Integer> withPrompt = new EnumMap<>(ScenarioKind.class);
        while (run.hasNext()) {
            SimulatedEvent event = run.next();
            ScenarioKind kind = kindOf.get(event.event().orgId());
            if (checked.merge(kind, 1, Integer::sum) > 150) {
                continue;
            }
            for (UsageEvent.Message message : event.event().request().messages()) {
                if (message.role().equals("user")) {
                    Set<PromptSource.Pool> found = index.poolsIn(message.content());
                    assertThat(found).as(kind.label() + ": " + message.content()).noneMatch(PromptSource.Pool::harvesting);
                    if (!found.isEmpty()) {
                        withPrompt.merge(kind, 1, Integer::sum);
                    }
                }
            }
        }
        assertThat(withPrompt.keySet()).containsExactlyInAnyOrderElementsOf(NEWCOMER_KINDS);
    }

    /**
     * New: every newcomer signed up at most three days before the period (a developer trying the API, during it) and
     * sends nothing before it signed up; each has a card of its own, an address of its own kind, a newcomer's tier.
     */
    @Test
    void newcomersAreNewAccountsWithCardsOfTheirOwn() {
        long start = SimulationTestData.START.toEpochMilli();
        long end = start + PERIOD.toMillis();
        for (SimulatedOrg org : simulation.orgs()) {
            long created = created(org.orgId());
            long earliest = org.kind() == ScenarioKind.API_TRYOUT ? start : start - NewcomerPlans.LEAD_DAYS * TrafficCadence.DAY;
            assertThat(created).as(org.kind().label()).isBetween(earliest, end - 1);
            assertThat(org.profile().tier()).get().isIn("free", "trial", "developer", "self-serve", "programme");
            assertThat(org.profile().country()).get().isNotIn(TrafficNetworks.RESTRICTED_COUNTRIES);
        }
        for (List<SimulatedEvent> events : byKind.values()) {
            assertThat(events).allSatisfy(event -> assertThat(event.event().ts().toEpochMilli())
                    .isGreaterThanOrEqualTo(created(event.event().orgId())));
        }
        assertThat(simulation.orgs()).extracting(org -> org.profile().paymentFingerprint().orElseThrow())
                .doesNotHaveDuplicates();
        Set<String> tiers = simulation.orgs().stream().map(org -> org.profile().tier().orElseThrow())
                .collect(Collectors.toSet());
        assertThat(tiers).containsExactlyInAnyOrder("free", "trial", "developer", "self-serve", "programme");
        Set<String> domains = simulation.orgs().stream().map(org -> org.profile().emailDomain().orElseThrow())
                .collect(Collectors.toSet());
        assertThat(domains).anyMatch(PlanningBlocks.FREE_MAIL::contains)
                .anyMatch(domain -> domain.endsWith(".edu") || domain.contains(".ac.") || domain.startsWith("uni-")
                        || domain.contains(".edu."))
                .anyMatch(domain -> !PlanningBlocks.FREE_MAIL.contains(domain));
    }

    /**
     * One at a time: the sign-ups of the whole scenario at scale 1 (planned only, no events) come at 100–300 a day on
     * every day of the period, and their hourly counts are as even as a Poisson stream's (variance about the mean),
     * where a wave of accounts opened together would pile many into one hour.
     */
    @Test
    void newcomersSignUpOneAtATimeThroughThePeriod() {
        Scenario scenario = ScenarioCatalog.named("newcomers");
        Simulation planned = BUNDLED.run(scenario, SimulationSettings.of(SEED, SimulationTestData.START));
        long start = SimulationTestData.START.toEpochMilli();
        int hours = (int) (scenario.duration().toMillis() / HOUR);
        int[] perHour = new int[hours];
        int newcomers = 0;
        for (SimulatedOrg org : planned.orgs()) {
            if (NEWCOMER_KINDS.contains(org.kind())) {
                newcomers++;
                long created = org.profile().createdAt().map(Instant::toEpochMilli).orElseThrow();
                if (created >= start) {
                    perHour[(int) ((created - start) / HOUR)]++;
                }
            }
        }
        assertThat(newcomers).isGreaterThanOrEqualTo(500);
        for (int day = 0; day < hours / 24; day++) {
            int count = 0;
            for (int h = day * 24; h < day * 24 + 24; h++) {
                count += perHour[h];
            }
            assertThat(count).as("sign-ups on day " + day).isBetween(100, 300);
        }
        double mean = Arrays.stream(perHour).average().orElseThrow();
        double variance = Arrays.stream(perHour).mapToDouble(count -> (count - mean) * (count - mean))
                .sum() / (hours - 1);
        assertThat(variance / mean).as("dispersion of hourly sign-ups").isBetween(0.5, 1.6);
        assertThat(Arrays.stream(perHour).max().orElseThrow()).isLessThan(20);
    }

    /**
     * Trying once: each developer's requests are one sitting of at most 60 on one key, starting within half an hour
     * of sign-up and over within a few hours; almost all single-turn, with budgets from none to 32,000 tokens.
     */
    @Test
    void aDeveloperTriesTheApiInOneSittingAndLeaves() {
        List<Integer> budgets = new ArrayList<>();
        for (Map.Entry<String, List<SimulatedEvent>> org : perOrg(ScenarioKind.API_TRYOUT).entrySet()) {
            List<SimulatedEvent> events = org.getValue();
            assertThat(perKey(events)).hasSize(1);
            assertThat(events.size()).isBetween(1, 60);
            long first = events.getFirst().event().ts().toEpochMilli();
            long last = events.getLast().event().ts().toEpochMilli();
            assertThat(first - created(org.getKey())).isBetween(TrafficCadence.MINUTE, 31 * TrafficCadence.MINUTE);
            assertThat(last - first).isLessThan(6 * HOUR);
            events.forEach(event -> budgets.add(event.event().request().maxTokens()));
        }
        List<SimulatedEvent> all = byKind.get(ScenarioKind.API_TRYOUT);
        assertThat(all.stream().filter(event -> event.event().request().turns() == 1).count())
                .isGreaterThan(all.size() * 8L / 10);
        assertThat(all).allSatisfy(event -> assertThat(event.event().request().system()).isEmpty());
        assertThat(new HashSet<>(budgets)).hasSizeGreaterThan(2);
        assertThat(budgets).allMatch(TrafficTryout.budgets()::contains);
    }

    /**
     * A hackathon: one key, everything within two days of sign-up plus the six hours before the start, every request
     * under one system prompt and one template, most of them seconds after the one before (bursts), from the venue
     * and the members' homes.
     */
    @Test
    void aHackathonTeamBurstsThroughOneTemplateAndFallsSilentAfterTheDemo() {
        int quick = 0;
        int gaps = 0;
        for (Map.Entry<String, List<SimulatedEvent>> org : perOrg(ScenarioKind.HACKATHON_TEAM).entrySet()) {
            List<SimulatedEvent> events = org.getValue();
            assertThat(perKey(events)).hasSize(1);
            assertThat(events.getLast().event().ts().toEpochMilli() - created(org.getKey())).isLessThan(54 * HOUR);
            assertThat(events).extracting(event -> event.event().request().system().orElseThrow()).containsOnly(
                    events.getFirst().event().request().system().orElseThrow());
            String prefix = templatePrefix(lastUserText(events.getFirst()));
            assertThat(events).allSatisfy(event -> assertThat(lastUserText(event)).startsWith(prefix));
            assertThat(events).allSatisfy(event -> assertThat(event.event().request().turns()).isEqualTo(1));
            for (int i = 1; i < events.size(); i++) {
                gaps++;
                if (events.get(i).event().ts().toEpochMilli() - events.get(i - 1).event().ts().toEpochMilli() < 60_000) {
                    quick++;
                }
            }
        }
        assertThat(quick).as("requests within a minute of the team's last").isGreaterThan(gaps / 2);
    }

    /** The fixed part of a hackathon template before the input: the longest of the templates' prefixes it starts with. */
    private static String templatePrefix(String text) {
        String prefix = "";
        for (int idea = 0; idea < TrafficHackathon.ideas(); idea++) {
            String candidate = TrafficHackathon.template(idea).substring(0, TrafficHackathon.template(idea).indexOf("{input}"));
            if (text.startsWith(candidate) && candidate.length() >= prefix.length()) {
                prefix = candidate;
            }
        }
        return prefix;
    }

    /**
     * Homework: no system prompt, maths problems and step-by-step requests among the questions, follow-ups in the
     * same conversation, and most requests in the student's evening (15:00–24:00 local).
     */
    @Test
    void aStudentAsksMathsAndCodeStepByStepInTheEvening() {
        List<SimulatedEvent> events = byKind.get(ScenarioKind.STUDENT_REVISION);
        assertThat(events).allSatisfy(event -> assertThat(event.event().request().system()).isEmpty());
        Set<String> problems = BUNDLED_PROMPTS.pool(PromptSource.Pool.EVALUATION).stream()
                .map(prompt -> prompt.text().strip()).collect(Collectors.toSet());
        assertThat(events).anyMatch(event -> problems.stream().anyMatch(lastUserText(event)::endsWith));
        assertThat(events).anyMatch(event -> lastUserText(event).toLowerCase(Locale.ROOT)
                .contains("step by step"));
        assertThat(events).anyMatch(event -> event.event().request().turns() >= 3);
        NewcomerPlans zones = new NewcomerPlans(new PlanningState(BUNDLED_PROMPTS, SEED, SimulationTestData.START, 1));
        long evening = events.stream().filter(event -> {
            int offset = zones.offset(orgs.get(event.event().orgId()).profile().country().orElseThrow());
            long hour = Math.floorMod(event.event().ts().toEpochMilli() / HOUR + offset, 24);
            return hour >= 15;
        }).count();
        assertThat(evening).as("requests between 15:00 and 24:00 local").isGreaterThan(events.size() * 6L / 10);
    }

    /**
     * A prototype: a development key and a production key from cloud servers whose traffic grows day by day; every
     * request under the product's one system prompt with its own notes; and one evaluation pass on the development
     * key of distinct single-turn questions with budgets of 8,000 tokens or more.
     */
    @Test
    void aStartupsPrototypeGrowsAndIsEvaluatedOnceWithLargeBudgets() {
        int growing = 0;
        int evaluated = 0;
        for (Map.Entry<String, List<SimulatedEvent>> org : perOrg(ScenarioKind.STARTUP_PROTOTYPE).entrySet()) {
            List<SimulatedEvent> events = org.getValue();
            assertThat(events).extracting(event -> event.event().request().system().orElseThrow())
                    .containsOnly(events.getFirst().event().request().system().orElseThrow());
            assertThat(events).filteredOn(event -> event.event().request().maxTokens() < 8_000)
                    .allSatisfy(event -> assertThat(lastUserText(event)).startsWith("Notes:\n").contains("\nUser: "));
            Map<String, List<SimulatedEvent>> keys = perKey(events);
            assertThat(keys.size()).isLessThanOrEqualTo(2);
            for (List<SimulatedEvent> key : keys.values()) {
                if (key.getFirst().event().network().equals(TrafficNetworks.HOSTING)) {
                    long live = key.getFirst().event().ts().toEpochMilli();
                    long firstDay = key.stream().filter(event -> event.event().ts().toEpochMilli() < live + TrafficCadence.DAY).count();
                    long secondDay = key.stream().filter(event -> event.event().ts().toEpochMilli() >= live + TrafficCadence.DAY
                            && event.event().ts().toEpochMilli() < live + 2 * TrafficCadence.DAY).count();
                    if (live + 2 * TrafficCadence.DAY <= SimulationTestData.START.plus(PERIOD).toEpochMilli() && firstDay > 0) {
                        growing += secondDay > firstDay ? 1 : 0;
                    }
                }
            }
            List<SimulatedEvent> evaluation = events.stream()
                    .filter(event -> event.event().request().maxTokens() >= 8_000).toList();
            if (!evaluation.isEmpty()) {
                evaluated++;
                assertThat(perKey(evaluation)).hasSize(1);
                assertThat(evaluation).extracting(NewcomersVariantsTest::lastUserText).doesNotHaveDuplicates();
                assertThat(evaluation.size()).isBetween(1, 300);
            }
        }
        assertThat(growing).as("prototypes with more requests on their second day live than on their first")
                .isGreaterThan(0);
        assertThat(evaluated).isGreaterThan(0);
    }

    /**
     * A small experiment: single-turn questions without a system prompt, every budget 4,096 tokens or more, at most
     * 500 distinct questions, none sent more often than there are configurations (three at most).
     */
    @Test
    void aCreditsExperimentSendsAFewHundredQuestionsPerConfigurationWithLargeBudgets() {
        for (List<SimulatedEvent> events : perOrg(ScenarioKind.CREDITS_EXPERIMENT).values()) {
            assertThat(events).allSatisfy(event -> {
                RequestSummary request = event.event().request();
                assertThat(request.turns()).isEqualTo(1);
                assertThat(request.system()).isEmpty();
                assertThat(request.maxTokens()).isGreaterThanOrEqualTo(4_096);
            });
            Map<String, Long> sends = events.stream()
                    .collect(Collectors.groupingBy(NewcomersVariantsTest::lastUserText, Collectors.counting()));
            assertThat(sends.size()).isLessThanOrEqualTo(500);
            assertThat(sends.values()).allMatch(count -> count <= 3);
            assertThat(perKey(events)).hasSize(1);
        }
    }

    /**
     * A shop's chatbot: its owner's test sitting from home and its visitors from the web host, on one key, under the
     * shop's one system prompt, short budgets, conversations of one or two questions.
     */
    @Test
    void aShopsChatbotIsTestedByItsOwnerThenAnswersVisitors() {
        int bothSeen = 0;
        for (Map.Entry<String, List<SimulatedEvent>> org : perOrg(ScenarioKind.SHOP_CHATBOT).entrySet()) {
            List<SimulatedEvent> events = org.getValue();
            assertThat(perKey(events)).hasSize(1);
            assertThat(events).extracting(event -> event.event().request().system().orElseThrow())
                    .containsOnly(events.getFirst().event().request().system().orElseThrow())
                    .allMatch(system -> system.startsWith("You are the shop assistant of "));
            assertThat(events).allSatisfy(event -> {
                assertThat(event.event().request().maxTokens()).isBetween(200, 500);
                assertThat(event.event().request().turns()).isBetween(1, 3);
            });
            Set<String> networks = events.stream().map(event -> event.event().network()).collect(Collectors.toSet());
            if (networks.containsAll(Set.of(TrafficNetworks.RESIDENTIAL, TrafficNetworks.HOSTING))) {
                bothSeen++;
                long firstHome = events.stream().filter(event -> event.event().network().equals(TrafficNetworks.RESIDENTIAL))
                        .mapToLong(event -> event.event().ts().toEpochMilli()).min().orElseThrow();
                assertThat(firstHome - created(org.getKey())).isLessThan(3 * HOUR);
            }
        }
        assertThat(bothSeen).isGreaterThan(0);
    }
}
