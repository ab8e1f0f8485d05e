package dev.moat.detect;

import static dev.moat.detect.HeldOutSetChecks.assertHeldOutScenario;
import static dev.moat.detect.HeldOutSetChecks.assertLabelledAndDeterministic;
import static dev.moat.detect.HeldOutSetChecks.distinct;
import static dev.moat.detect.SimulationTestData.BUNDLED;
import static dev.moat.detect.SimulationTestData.BUNDLED_PROMPTS;
import static dev.moat.detect.SimulationTestData.HOLDOUT6_KINDS;
import static dev.moat.detect.SimulationTestData.oneOfEach;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The kinds written for {@code holdout6}: labels and determinism, and the shapes that define their evasion. */
class Holdout6VariantsTest {

    private static final Pattern SCHEMA_RECORD = Pattern.compile("record \\d{6}\n([a-z_]+): ");

    /** One organisation (or campaign) of each holdout6 kind: deterministic per seed, every event labelled. */
    @Property(tries = 2)
    void theHoldout6KindsAreLabelledAndDeterministicPerSeed(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        assertLabelledAndDeterministic(oneOfEach("holdout6", HOLDOUT6_KINDS, Duration.ofDays(1)), HOLDOUT6_KINDS,
                seed);
    }

    @Test
    void theHoldout6ScenarioIsHoldout2sBackgroundWithTwoOfEachCampaignAndTwelveMarketplaces() {
        assertHeldOutScenario("holdout6", HOLDOUT6_KINDS, ScenarioKind.CATALOGUE_ENRICHMENT);
    }

    /**
     * Each holdout6 campaign is defined by the tell it avoids; this checks the property that makes the evasion and
     * that the campaign still harvests at volume; and that the marketplace is what it claims to be.
     */
    @Test
    void theHoldout6VariantsHaveTheShapesThatDefineTheirEvasion() {
        Instant start = SimulationTestData.START;
        Simulation simulation = BUNDLED.run(oneOfEach("holdout6", HOLDOUT6_KINDS, Duration.ofDays(3)),
                SimulationSettings.of(3, start));
        Map<String, SimulatedOrg> orgs = simulation.orgs().stream()
                .collect(Collectors.toMap(SimulatedOrg::orgId, org -> org));
        Map<ScenarioKind, List<SimulatedOrg>> byKind = simulation.orgs().stream()
                .collect(Collectors.groupingBy(SimulatedOrg::kind));

        // trickle swarm: many aged personal accounts, nothing shared — not a card, not a sign-up day in common
        List<SimulatedOrg> swarm = byKind.get(ScenarioKind.TRICKLE_SWARM);
        assertThat(swarm.size()).isBetween(60, 150);
        assertThat(distinct(swarm, org -> org.profile().paymentFingerprint().orElseThrow())).hasSize(swarm.size());
        assertThat(swarm).allSatisfy(org -> {
            assertThat(PlanningBlocks.FREE_MAIL).contains(org.profile().emailDomain().orElseThrow());
            assertThat(org.profile().createdAt().orElseThrow()).isBefore(start.minus(Duration.ofDays(45)));
        });
        Map<Long, Long> signupsPerDay = swarm.stream().collect(Collectors.groupingBy(
                org -> Duration.between(org.profile().createdAt().orElseThrow(), start).toDays(), Collectors.counting()));
        assertThat(signupsPerDay.values()).allMatch(count -> count <= 3);
        // unlinked organisations with their own card and domain
        for (ScenarioKind kind : List.of(ScenarioKind.EVOLVE_ITEMS, ScenarioKind.SCHEMA_HARVEST)) {
            assertThat(distinct(byKind.get(kind), org -> org.profile().paymentFingerprint().orElseThrow()))
                    .as(kind.label()).hasSize(byKind.get(kind).size());
            assertThat(distinct(byKind.get(kind), org -> org.profile().emailDomain().orElseThrow()))
                    .as(kind.label()).hasSize(byKind.get(kind).size());
        }
        assertThat(byKind.get(ScenarioKind.EVOLVE_ITEMS).size()).isBetween(2, 3);
        assertThat(byKind.get(ScenarioKind.SCHEMA_HARVEST).size()).isBetween(3, 5);
        assertThat(byKind.get(ScenarioKind.TOOL_PLANS)).hasSize(1);

        PromptIndex index = new PromptIndex(BUNDLED_PROMPTS);
        Set<String> harvestItems = HeldOutSetChecks.bundledHarvestItems();
        Map<ScenarioKind, Integer> harvested = new HashMap<>();
        Map<String, Set<String>> swarmSlash24s = new HashMap<>();
        Map<String, Integer> swarmBusiestDay = new HashMap<>();
        Map<String, Integer> evolveLines = new HashMap<>();
        int[] evolveRequests = {0};
        Map<String, Set<String>> schemaSystems = new HashMap<>();
        Set<String> toolSystems = new HashSet<>();
        Set<String> toolKeys = new HashSet<>();
        Set<String> toolSlash24s = new HashSet<>();
        Map<String, Set<String>> catalogueTemplates = new HashMap<>();
        int[] catalogue = {0};
        simulation.forEachRemaining(simulated -> {
            UsageEvent event = simulated.event();
            SimulatedOrg org = orgs.get(event.orgId());
            RequestSummary request = event.request();
            String first = request.messages().getFirst().content();
            String slash24 = event.ip().substring(0, event.ip().lastIndexOf('.'));
            if (simulated.harvesting()) {
                harvested.merge(org.kind(), 1, Integer::sum);
                assertThat(index.poolsIn(first)).as(org.kind() + ": " + first).isNotEmpty()
                        .allMatch(PromptSource.Pool::harvesting);
                assertThat(request.turns()).isEqualTo(1);
            }
            switch (org.kind()) {
                case TRICKLE_SWARM -> {
                    // a person's chat window behind a residential proxy: no system prompt, residential addresses
                    assertThat(request.system()).isEmpty();
                    assertThat(event.network()).isEqualTo(TrafficNetworks.RESIDENTIAL);
                    swarmSlash24s.computeIfAbsent(slash24, net -> new HashSet<>()).add(org.orgId());
                    swarmBusiestDay.merge(org.orgId() + " " + Duration.between(start, event.ts()).toDays(), 1,
                            Integer::sum);
                }
                case EVOLVE_ITEMS -> {
                    // the seed item is shown, new items with solutions are asked for — never the item itself
                    assertThat(request.system()).isEmpty();
                    assertThat(TrafficEvolveItems.CHANGES).anyMatch(first::contains);
                    assertThat(TrafficEvolveItems.SOLUTIONS).anyMatch(first::contains);
                    if (event.response().status() == 200) {
                        assertThat(event.response().text().orElseThrow()).contains("Problem 2");
                    }
                    Set<String> items = index.promptsIn(first);
                    first.lines().filter(line -> !line.isBlank() && items.stream().noneMatch(item -> item.contains(line)))
                            .forEach(line -> evolveLines.merge(line, 1, Integer::sum));
                    evolveRequests[0]++;
                }
                case SCHEMA_HARVEST -> {
                    // the user text is a record header and the item: no wording asks for reasoning
                    var record = SCHEMA_RECORD.matcher(first);
                    assertThat(record.lookingAt()).as(first).isTrue();
                    assertThat(harvestItems).contains(first.substring(record.end()));
                    String system = request.system().orElseThrow();
                    assertThat(system).contains("JSON");
                    schemaSystems.computeIfAbsent(org.orgId(), id -> new HashSet<>()).add(system);
                    if (event.response().status() == 200) {
                        assertThat(event.response().text().orElseThrow()).startsWith("{\"");
                    }
                }
                case TOOL_PLANS -> {
                    // a function-calling turn: tool definitions, the product's system prompt, the item as the request
                    assertThat(request.tools()).isBetween(3, 8);
                    assertThat(harvestItems).contains(first);
                    toolSystems.add(request.system().orElseThrow());
                    toolKeys.add(event.keyId());
                    assertThat(event.network()).isEqualTo(TrafficNetworks.HOSTING);
                    toolSlash24s.add(slash24);
                }
                case CATALOGUE_ENRICHMENT -> {
                    assertThat(simulated.harvesting()).isFalse();
                    assertThat(request.turns()).isEqualTo(1);
                    assertThat(first).startsWith(TrafficCatalogueEnrichment.LEAD);
                    assertThat(index.poolsIn(first)).as(first).isEmpty();
                    assertThat(event.network()).isEqualTo(TrafficNetworks.HOSTING);
                    catalogueTemplates.computeIfAbsent(org.orgId(), id -> new HashSet<>())
                            .add(first.substring(0, first.indexOf("\n\n")));
                    catalogue[0]++;
                }
                default -> throw new AssertionError("unexpected kind " + org.kind());
            }
        });
        // still campaigns: each harvests well over a thousand exchanges in three days
        for (ScenarioKind kind : List.of(ScenarioKind.TRICKLE_SWARM, ScenarioKind.EVOLVE_ITEMS,
                ScenarioKind.SCHEMA_HARVEST, ScenarioKind.TOOL_PLANS)) {
            assertThat(harvested.get(kind)).as(kind.label()).isGreaterThan(1_000);
        }

        // trickle swarm: no two accounts share a /24, and no account sends more than 80 requests in a day
        assertThat(swarmSlash24s.values()).allMatch(accounts -> accounts.size() == 1);
        assertThat(swarmBusiestDay.values()).allMatch(count -> count <= 80);

        // evolve items: no wording is shared by many requests — no line recurs in a fifth of them
        assertThat(evolveLines).allSatisfy((line, count) -> assertThat(count).as(line)
                .isLessThan(evolveRequests[0] / 5));

        // schema harvest: one system prompt per organisation, and no two organisations share one
        assertThat(schemaSystems.values()).allMatch(systems -> systems.size() == 1);
        assertThat(schemaSystems.values().stream().flatMap(Set::stream).distinct().count())
                .isEqualTo(schemaSystems.size());

        // tool plans: one product, a key per workspace, serverless egress in several /24s
        assertThat(toolSystems).hasSize(1);
        assertThat(toolKeys.size()).isBetween(6, 14);
        assertThat(toolSlash24s.size()).isGreaterThanOrEqualTo(2);

        // the marketplace: one template, thousands of listings
        assertThat(catalogueTemplates.values()).allMatch(templates -> templates.size() == 1);
        assertThat(catalogue[0]).isGreaterThan(1_000);
    }
}
