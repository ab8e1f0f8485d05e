package dev.moat.detect;

import static dev.moat.detect.HeldOutSetChecks.assertLabelledAndDeterministic;
import static dev.moat.detect.SimulationTestData.BUNDLED;
import static dev.moat.detect.SimulationTestData.BUNDLED_PROMPTS;
import static dev.moat.detect.SimulationTestData.ORDINARY2_KINDS;
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

/** The held-out ordinary kinds of {@code ordinary2}: benign, deterministic, and with the traits that make them hard. */
class Ordinary2KindsTest {

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
}
