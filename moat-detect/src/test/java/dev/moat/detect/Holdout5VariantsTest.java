package dev.moat.detect;

import static dev.moat.detect.HeldOutSetChecks.deterministicEvents;
import static dev.moat.detect.HeldOutSetChecks.distinct;
import static dev.moat.detect.SimulationTestData.BUNDLED;
import static dev.moat.detect.SimulationTestData.BUNDLED_PROMPTS;
import static dev.moat.detect.SimulationTestData.HOLDOUT5_KINDS;
import static dev.moat.detect.SimulationTestData.oneOfEach;
import static org.assertj.core.api.Assertions.assertThat;

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

/** The kinds written for {@code holdout5}: labels and determinism, and the shapes that define their evasion. */
class Holdout5VariantsTest {

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
        Set<String> harvestItems = HeldOutSetChecks.bundledHarvestItems();
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
}
