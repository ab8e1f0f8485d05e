package dev.moat.detect;

import static dev.moat.detect.HeldOutSetChecks.assertLabelledAndDeterministic;
import static dev.moat.detect.HeldOutSetChecks.distinct;
import static dev.moat.detect.SimulationTestData.BUNDLED;
import static dev.moat.detect.SimulationTestData.BUNDLED_PROMPTS;
import static dev.moat.detect.SimulationTestData.HOLDOUT3_KINDS;
import static dev.moat.detect.SimulationTestData.oneOfEach;
import static org.assertj.core.api.Assertions.assertThat;

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

/** The kinds written for {@code holdout3}: labels and determinism, and the shapes that define their evasion. */
class Holdout3VariantsTest {

    private static Scenario holdout3Kinds(Duration duration) {
        return oneOfEach("holdout3", HOLDOUT3_KINDS, duration);
    }

    @Property(tries = 2)
    void theHoldout3KindsAreLabelledAndDeterministicPerSeed(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        assertLabelledAndDeterministic(holdout3Kinds(Duration.ofDays(1)), HOLDOUT3_KINDS, seed);
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
        Set<String> harvestItems = HeldOutSetChecks.bundledHarvestItems();
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

    private static String slash24(String ip) {
        return ip.substring(0, ip.lastIndexOf('.'));
    }
}
