package dev.moat.detect;

import static dev.moat.detect.SimulationTestData.BUNDLED;
import static dev.moat.detect.SimulationTestData.HOLDOUT12_KINDS;
import static dev.moat.detect.SimulationTestData.START;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * The held-out set {@code holdout12}: its scenario's mix, each new kind's labels and determinism, and for each kind the
 * property that defines its evasion — streams closed once the useful part arrived, dormant accounts woken one by one,
 * step-level labels in wording that names no grading, one harvester a few per cent of several aggregators' traffic —
 * and the volume that still makes it a campaign; and that the claims-triage pipeline, the hard ordinary case, is what
 * it claims to be.
 */
class Holdout12VariantsTest {

    private static final Duration PERIOD = Duration.ofDays(5);
    private static final Pattern SOLUTION = Pattern.compile("(?m)^Solution (\\d+):$");
    private static final Pattern STEP = Pattern.compile("(?m)^Step (\\d+): ");
    private static final PromptIndex INDEX = new PromptIndex(SimulationTestData.BUNDLED_PROMPTS);

    /** One campaign (or organisation) of {@code kind} alone over the set's five days. */
    private static Simulation alone(ScenarioKind kind, long seed) {
        return BUNDLED.run(new Scenario(kind.label() + "-alone", "one " + kind.label() + " alone", PERIOD,
                List.of(ScenarioPart.of(kind, 1))), SimulationSettings.of(seed, START));
    }

    private static List<SimulatedEvent> drain(Simulation simulation) {
        List<SimulatedEvent> events = new ArrayList<>();
        simulation.forEachRemaining(events::add);
        return events;
    }

    private static Map<String, SimulatedOrg> byId(Simulation simulation) {
        return simulation.orgs().stream().collect(Collectors.toMap(SimulatedOrg::orgId, org -> org));
    }

    private static long daysBeforeStart(SimulatedOrg org) {
        return Duration.between(org.profile().createdAt().orElseThrow(), START).toDays();
    }

    @Test
    void theHoldout12ScenarioIsTheHeldOutBackgroundClaimsTriageAndTwoCampaignsOfEachNewKind() {
        Scenario holdout12 = ScenarioCatalog.named("holdout12");
        assertThat(holdout12.duration()).isEqualTo(PERIOD);
        assertThat(holdout12.parts()).filteredOn(part -> HOLDOUT12_KINDS.contains(part.kind()) && part.kind().campaign())
                .extracting(ScenarioPart::kind).containsExactlyInAnyOrder(ScenarioKind.CUT_STREAMS,
                        ScenarioKind.DORMANT_TAKEOVER, ScenarioKind.STEP_LABELS, ScenarioKind.AGGREGATOR_SPREAD);
        assertThat(holdout12.parts()).filteredOn(part -> part.kind().campaign())
                .allSatisfy(part -> assertThat(part.count()).isEqualTo(2))
                .allSatisfy(part -> assertThat(HOLDOUT12_KINDS).contains(part.kind()));
        assertThat(holdout12.parts()).filteredOn(part -> part.kind() == ScenarioKind.CLAIMS_TRIAGE)
                .singleElement().satisfies(part -> assertThat(part.count()).isGreaterThanOrEqualTo(12));
        assertThat(holdout12.parts()).filteredOn(part -> !HOLDOUT12_KINDS.contains(part.kind()))
                .containsExactlyElementsOf(ScenarioCatalog.named("holdout2").parts().stream()
                        .filter(part -> !part.kind().campaign()).toList());
        for (ScenarioKind kind : HOLDOUT12_KINDS) {
            assertThat(ScenarioKind.byLabel(kind.label())).contains(kind);
        }
    }

    /** The per-kind scenarios made for every campaign kind run and carry that campaign's labels. */
    @Test
    void eachNewCampaignKindHasItsOwnScenarioWithItsLabels() {
        for (ScenarioKind kind : HOLDOUT12_KINDS) {
            if (!kind.campaign()) {
                continue;
            }
            Scenario scenario = ScenarioCatalog.named(kind.label());
            assertThat(scenario.parts()).extracting(ScenarioPart::kind).contains(kind);
            Simulation simulation = BUNDLED.run(scenario, SimulationSettings.of(6, START)
                    .withDuration(Duration.ofDays(1)));
            Map<String, SimulatedOrg> orgs = byId(simulation);
            assertThat(orgs.values()).filteredOn(org -> org.kind() == kind).isNotEmpty()
                    .allSatisfy(org -> assertThat(org.campaignId()).contains("camp_" + kind.label() + "_1"));
            long harvesting = 0;
            while (simulation.hasNext()) {
                SimulatedEvent event = simulation.next();
                SimulatedOrg org = orgs.get(event.event().orgId());
                if (event.harvesting()) {
                    harvesting++;
                    assertThat(org.kind()).isEqualTo(kind);
                    assertThat(event.campaignId()).isEqualTo(org.campaignId());
                } else {
                    assertThat(org.benign() || org.mixed()).as(kind + " " + org.orgId()).isTrue();
                }
            }
            assertThat(harvesting).as(kind.label()).isPositive();
        }
    }

    @Property(tries = 2)
    void theSameSeedGivesTheSameTrafficAndAnotherSeedOther(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        Scenario scenario = SimulationTestData.oneOfEach("holdout12", HOLDOUT12_KINDS, Duration.ofHours(12));
        Simulation first = BUNDLED.run(scenario, SimulationSettings.of(seed, START));
        Simulation second = BUNDLED.run(scenario, SimulationSettings.of(seed, START));
        assertThat(second.orgs()).isEqualTo(first.orgs());
        List<String> once = first.stream().map(event -> UsageEventCodec.toJson(event.event()) + event.campaignId())
                .toList();
        List<String> again = second.stream().map(event -> UsageEventCodec.toJson(event.event()) + event.campaignId())
                .toList();
        assertThat(again).isNotEmpty().isEqualTo(once);
        Simulation other = BUNDLED.run(scenario, SimulationSettings.of(seed + 1, START));
        assertThat(other.orgs()).isNotEqualTo(first.orgs());
        assertThat(other.stream().count()).isNotEqualTo(once.size());
    }

    /**
     * Cut streams: every request streams with an ordinary budget and no extraction parameters; most exchanges end with
     * the client closing the stream — recorded as 499 with no answer text and no finish reason, a few tokens past the
     * useful part and short of any budget — and the organisations share nothing but the material.
     */
    @Test
    void cutStreamsCloseMostStreamsOnceTheUsefulPartHasArrived() {
        for (long seed : List.of(1L, 2L)) {
            Simulation simulation = alone(ScenarioKind.CUT_STREAMS, seed);
            List<SimulatedOrg> orgs = simulation.orgs();
            assertThat(orgs).hasSizeBetween(2, 4).allSatisfy(org -> {
                assertThat(daysBeforeStart(org)).isGreaterThanOrEqualTo(90);
                assertThat(org.profile().tier().orElseThrow()).isIn("standard", "enterprise");
                assertThat(PlanningBlocks.FREE_MAIL).doesNotContain(org.profile().emailDomain().orElseThrow());
            });
            assertThat(orgs.stream().map(org -> org.profile().paymentFingerprint().orElseThrow()).distinct())
                    .hasSize(orgs.size());
            List<SimulatedEvent> events = drain(simulation);
            int closed = 0;
            int answered = 0;
            List<Long> delivered = new ArrayList<>();
            for (SimulatedEvent simulated : events) {
                UsageEvent event = simulated.event();
                RequestSummary request = event.request();
                assertThat(simulated.harvesting()).isTrue();
                assertThat(request.stream()).isTrue();
                assertThat(request.turns()).isEqualTo(1);
                assertThat(request.thinking() || request.logprobs() || request.logitBiasSize() > 0 || request.n() > 1)
                        .isFalse();
                assertThat(request.maxTokens()).isIn(0, 2_048, 4_096, 8_192);
                assertThat(INDEX.poolsIn(request.lastUserText())).isNotEmpty().allMatch(PromptSource.Pool::harvesting);
                if (event.response().status() == 499) {
                    closed++;
                    delivered.add(event.response().completionTokens());
                    assertThat(event.response().text()).isEmpty();
                    assertThat(event.response().finishReason()).isEmpty();
                    assertThat(event.response().completionTokens()).isPositive();
                    if (request.maxTokens() > 0) {
                        assertThat(event.response().completionTokens()).isLessThan(request.maxTokens());
                    }
                    assertThat(event.decision().action()).isEqualTo("allow");
                } else if (event.response().status() == 200) {
                    answered++;
                    assertThat(event.response().text()).isPresent();
                }
            }
            assertThat(closed).isGreaterThan(3 * answered);
            assertThat(delivered.stream().sorted().toList().get(delivered.size() / 2)).isLessThan(400L);
            assertThat(events).hasSizeGreaterThan(2_000);
        }
    }

    /**
     * Dormant takeover: old accounts of small tiers, each its owner's own card, country and residential /24, woken one
     * by one through the period, each active for at most four days; together thousands of exchanges.
     */
    @Test
    void dormantAccountsAreOldUnlinkedAndWokenOneByOneThroughThePeriod() {
        Simulation simulation = alone(ScenarioKind.DORMANT_TAKEOVER, 3);
        Map<String, SimulatedOrg> orgs = byId(simulation);
        assertThat(orgs).hasSizeBetween(40, 100);
        assertThat(orgs.values()).allSatisfy(org -> {
            assertThat(daysBeforeStart(org)).isGreaterThanOrEqualTo(200);
            assertThat(org.profile().tier().orElseThrow()).isIn("free", "self-serve", "developer", "standard");
            assertThat(org.mixed()).isFalse();
        });
        assertThat(orgs.values().stream().map(org -> org.profile().paymentFingerprint().orElseThrow()).distinct())
                .hasSize(orgs.size());
        Map<String, Instant> first = new HashMap<>();
        Map<String, Instant> last = new HashMap<>();
        Map<String, Set<String>> prefixes = new HashMap<>();
        Map<String, Set<String>> agents = new HashMap<>();
        long events = 0;
        for (SimulatedEvent simulated : drain(simulation)) {
            UsageEvent event = simulated.event();
            events++;
            assertThat(simulated.harvesting()).isTrue();
            assertThat(event.network()).isEqualTo(TrafficNetworks.RESIDENTIAL);
            assertThat(event.country()).isEqualTo(orgs.get(event.orgId()).profile().country().orElseThrow());
            first.putIfAbsent(event.orgId(), event.ts());
            last.put(event.orgId(), event.ts());
            prefixes.computeIfAbsent(event.orgId(), id -> new HashSet<>())
                    .add(event.ip().substring(0, event.ip().lastIndexOf('.')));
            agents.computeIfAbsent(event.orgId(), id -> new HashSet<>()).add(event.userAgent());
        }
        assertThat(events).isGreaterThan(2_000);
        // every account keeps its own exit /24 and its own client; no /24 serves two accounts
        assertThat(prefixes.values()).allSatisfy(set -> assertThat(set).hasSize(1));
        assertThat(prefixes.values().stream().map(set -> set.iterator().next()).distinct()).hasSize(prefixes.size());
        assertThat(agents.values()).allSatisfy(set -> assertThat(set).hasSize(1));
        // woken one by one: first requests spread over the period, and no account lives more than four days
        List<Instant> wakes = first.values().stream().sorted().toList();
        assertThat(Duration.between(wakes.getFirst(), wakes.getLast())).isGreaterThan(Duration.ofDays(3));
        assertThat(wakes.stream().filter(wake -> wake.isBefore(START.plus(Duration.ofDays(1)))).count())
                .isLessThan(wakes.size() / 2);
        first.forEach((org, wake) -> assertThat(Duration.between(wake, last.get(org))).isLessThan(Duration.ofDays(4)));
    }

    /**
     * Step labels: each request an item and three to six numbered-step solutions, one JSON label per solution in the
     * answer, at temperature 0, and wording around them that names no grading, judging, score or rubric.
     */
    @Test
    void stepLabelsAskWhereEachSolutionFirstGoesWrongWithoutGradingWords() {
        Simulation simulation = alone(ScenarioKind.STEP_LABELS, 4);
        List<SimulatedOrg> orgs = simulation.orgs();
        assertThat(orgs).hasSizeBetween(2, 3);
        assertThat(orgs.stream().map(org -> org.profile().emailDomain().orElseThrow()).distinct()).hasSize(orgs.size());
        assertThat(orgs.stream().map(org -> org.profile().paymentFingerprint().orElseThrow()).distinct())
                .hasSize(orgs.size());
        List<SimulatedEvent> events = drain(simulation);
        assertThat(events).hasSizeGreaterThan(2_000);
        for (SimulatedEvent simulated : events.subList(0, 500)) {
            UsageEvent event = simulated.event();
            String text = event.request().lastUserText();
            assertThat(event.request().temperature()).hasValue(0.0);
            Matcher solutions = SOLUTION.matcher(text);
            int count = 0;
            while (solutions.find()) {
                count++;
                assertThat(solutions.group(1)).isEqualTo(Integer.toString(count));
            }
            assertThat(count).isBetween(3, 6);
            assertThat(STEP.matcher(text).results().count()).isGreaterThanOrEqualTo(count);
            assertThat(INDEX.poolsIn(text)).isNotEmpty().allMatch(PromptSource.Pool::harvesting);
            // the campaign's own words: the opening line and the request after the last solution
            String wording = (text.substring(0, text.indexOf('\n')) + " " + text.substring(text.lastIndexOf("\n\n")))
                    .toLowerCase(Locale.ROOT);
            assertThat(wording).doesNotContain("grade", "judge", "score", "rubric", "evaluat", "step by step");
            if (event.response().status() == 200) {
                String answer = event.response().text().orElseThrow();
                assertThat(answer).startsWith("[");
                assertThat(answer.split("\"solution\": ", -1)).hasSize(count + 1);
            }
        }
    }

    /**
     * Aggregator spread: three to five established aggregators with their own genuine downstream apps, each carrying
     * the harvester as a few per cent of its traffic under wrappers no other aggregator's share uses; thousands of
     * harvested exchanges in all.
     */
    @Test
    void oneHarvesterIsAFewPerCentOfSeveralAggregatorsTraffic() {
        Simulation simulation = alone(ScenarioKind.AGGREGATOR_SPREAD, 5);
        Map<String, SimulatedOrg> orgs = byId(simulation);
        assertThat(orgs).hasSizeBetween(3, 5);
        assertThat(orgs.values()).allSatisfy(org -> {
            assertThat(org.mixed()).isTrue();
            assertThat(org.profile().tier().orElseThrow()).isIn("partner", "enterprise");
            assertThat(daysBeforeStart(org)).isGreaterThanOrEqualTo(300);
        });
        Map<String, long[]> counts = new HashMap<>();
        Map<String, Set<Optional<String>>> harvestWrappers = new HashMap<>();
        Map<String, Set<Optional<String>>> genuineSystems = new HashMap<>();
        for (SimulatedEvent simulated : drain(simulation)) {
            UsageEvent event = simulated.event();
            long[] count = counts.computeIfAbsent(event.orgId(), id -> new long[2]);
            count[0]++;
            assertThat(event.network()).isEqualTo(TrafficNetworks.HOSTING);
            if (simulated.harvesting()) {
                count[1]++;
                harvestWrappers.computeIfAbsent(event.orgId(), id -> new HashSet<>()).add(event.request().system());
                assertThat(INDEX.poolsIn(event.request().lastUserText())).isNotEmpty()
                        .allMatch(PromptSource.Pool::harvesting);
            } else {
                genuineSystems.computeIfAbsent(event.orgId(), id -> new HashSet<>()).add(event.request().system());
            }
        }
        assertThat(counts).hasSize(orgs.size());
        counts.forEach((org, count) -> assertThat((double) count[1] / count[0]).as(org).isBetween(0.005, 0.15));
        assertThat(counts.values().stream().mapToLong(count -> count[1]).sum()).isGreaterThan(1_000);
        assertThat(genuineSystems.values()).allSatisfy(systems -> assertThat(systems).hasSizeGreaterThanOrEqualTo(10));
        List<String> orgIds = List.copyOf(harvestWrappers.keySet());
        assertThat(orgIds).hasSize(orgs.size());
        for (int a = 0; a < orgIds.size(); a++) {
            assertThat(harvestWrappers.get(orgIds.get(a))).hasSizeBetween(1, 2);
            for (int b = a + 1; b < orgIds.size(); b++) {
                assertThat(harvestWrappers.get(orgIds.get(a))).doesNotContainAnyElementsOf(harvestWrappers.get(orgIds.get(b)));
            }
        }
    }

    /**
     * Claims triage, ordinary: one established insurer; every triage request is the line's claim under one template that
     * asks for the reasoning step by step, none contains the harvesting material, and a storm's surge sends dozens of
     * claims a minute through one key.
     */
    @Test
    void claimsTriageIsOneInsurersTemplatedPipelineWithStormSurges() {
        Simulation simulation = alone(ScenarioKind.CLAIMS_TRIAGE, 7);
        assertThat(simulation.orgs()).singleElement().satisfies(org -> {
            assertThat(org.benign()).isTrue();
            assertThat(org.profile().tier().orElseThrow()).isIn("enterprise", "standard");
            assertThat(daysBeforeStart(org)).isGreaterThanOrEqualTo(30);
        });
        Set<String> requests = new HashSet<>();
        Map<String, Map<Long, Integer>> perMinute = new HashMap<>();
        int triaged = 0;
        for (SimulatedEvent simulated : drain(simulation)) {
            UsageEvent event = simulated.event();
            assertThat(simulated.harvesting()).isFalse();
            String text = event.request().lastUserText();
            assertThat(INDEX.poolsIn(text)).noneMatch(PromptSource.Pool::harvesting);
            if (event.request().system().orElse("").startsWith("You triage ")) {
                triaged++;
                assertThat(text).startsWith("Claim ").contains("step by step");
                requests.add(text.substring(text.lastIndexOf("\n\n")));
                perMinute.computeIfAbsent(event.keyId(), key -> new HashMap<>())
                        .merge(event.ts().toEpochMilli() / 60_000, 1, Integer::sum);
            }
        }
        assertThat(triaged).isGreaterThan(3_000);
        assertThat(requests).hasSize(1);
        assertThat(perMinute).hasSizeBetween(2, 4);
        assertThat(perMinute.values().stream().flatMap(minutes -> minutes.values().stream()).mapToInt(Integer::intValue)
                .max().orElseThrow()).isGreaterThanOrEqualTo(8);
    }
}
