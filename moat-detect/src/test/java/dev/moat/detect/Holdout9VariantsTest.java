package dev.moat.detect;

import static dev.moat.detect.SimulationTestData.HOLDOUT9_KINDS;
import static dev.moat.detect.SimulationTestData.events;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The held-out kinds of {@code holdout9}, each checked for its labels and for the property that defines its evasion: a
 * hydra of burner accounts that share nothing and live one session each, reasoning coerced only by worked examples, a
 * reward model harvested through a classifier's label probabilities, a resold key used through a relay that looks like
 * its owner, and a university's feedback tool that must stay ordinary. One scenario with one of each kind, two days,
 * planned once for all the tests.
 */
class Holdout9VariantsTest {

    private static final long SEED = 3;
    private static final Duration PERIOD = Duration.ofDays(2);

    private static KindTraffic traffic;
    private static Map<String, SimulatedOrg> orgs;
    private static Map<ScenarioKind, List<SimulatedEvent>> byKind;

    @BeforeAll
    static void plan() {
        traffic = KindTraffic.oneOfEach("holdout9", HOLDOUT9_KINDS, PERIOD, SEED);
        orgs = traffic.orgs();
        byKind = traffic.byKind();
    }

    @Test
    void everyKindSendsTrafficUnderItsLabels() {
        assertThat(byKind.keySet()).containsExactlyInAnyOrderElementsOf(HOLDOUT9_KINDS);
        for (ScenarioKind kind : HOLDOUT9_KINDS) {
            List<SimulatedOrg> planned = traffic.orgsOf(kind);
            assertThat(planned).as(kind.label()).isNotEmpty();
            if (!kind.campaign()) {
                assertThat(planned).allMatch(SimulatedOrg::benign);
                assertThat(byKind.get(kind)).as(kind.label()).hasSizeGreaterThan(300).noneMatch(SimulatedEvent::harvesting);
                continue;
            }
            String campaign = "camp_" + kind.label() + "_1";
            assertThat(planned).as(kind.label()).allSatisfy(org -> assertThat(org.campaignId()).contains(campaign));
            assertThat(traffic.harvested(kind)).as(kind.label()).hasSizeGreaterThan(500)
                    .allSatisfy(event -> assertThat(event.campaignId()).contains(campaign));
        }
        assertThat(traffic.orgsOf(ScenarioKind.KEY_RELAY)).singleElement().satisfies(org -> assertThat(org.mixed()).isTrue());
        assertThat(traffic.simulation().orgs()).filteredOn(org -> org.kind() != ScenarioKind.KEY_RELAY).noneMatch(SimulatedOrg::mixed);
    }

    @Property(tries = 2)
    void theSameSeedGivesTheSameTrafficAndAnotherSeedOtherTraffic(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        Scenario scenario = SimulationTestData.oneOfEach("holdout9", HOLDOUT9_KINDS, Duration.ofHours(12));
        HeldOutSetChecks.assertSameSeedSameTrafficAndNoneUnderAnother(scenario, seed);
    }

    /**
     * Burners share nothing: each account has its own card and its own /24 (for sign-up and use), sign-ups come one
     * at a time rather than in waves, and each account is used only in the hours right after it signed up.
     */
    @Test
    void burnerAccountsShareNothingAndLiveForOneSessionAfterSigningUp() {
        List<SimulatedOrg> burners = traffic.orgsOf(ScenarioKind.BURNER_CHAIN);
        assertThat(burners).hasSizeGreaterThan(60);
        assertThat(burners).allSatisfy(org -> {
            assertThat(org.profile().tier()).contains("self-serve");
            assertThat(PlanningBlocks.FREE_MAIL).contains(org.profile().emailDomain().orElseThrow());
        });
        assertThat(burners.stream().map(org -> org.profile().paymentFingerprint().orElseThrow()).distinct())
                .hasSize(burners.size());
        assertThat(burners.stream().map(org -> slash24(org.profile().signupIp().orElseThrow())).distinct())
                .hasSize(burners.size());
        List<Long> signups = burners.stream().map(org -> org.profile().createdAt().orElseThrow().toEpochMilli())
                .sorted().toList();
        for (int i = 0; i + 8 < signups.size(); i++) {
            assertThat(signups.get(i + 8) - signups.get(i)).as("nine sign-ups within half an hour: a wave")
                    .isGreaterThan(30 * TrafficCadence.MINUTE);
        }
        Map<String, List<SimulatedEvent>> perAccount = traffic.harvested(ScenarioKind.BURNER_CHAIN).stream()
                .collect(Collectors.groupingBy(event -> event.event().orgId()));
        Map<String, String> slash24Owner = new HashMap<>();
        for (Map.Entry<String, List<SimulatedEvent>> account : perAccount.entrySet()) {
            long signup = orgs.get(account.getKey()).profile().createdAt().orElseThrow().toEpochMilli();
            assertThat(account.getValue()).hasSizeLessThanOrEqualTo(150).allSatisfy(event -> {
                long at = event.event().ts().toEpochMilli();
                assertThat(at).isBetween(signup, signup + 3 * TrafficCadence.HOUR + 20 * TrafficCadence.MINUTE);
                assertThat(event.event().network()).isEqualTo(TrafficNetworks.RESIDENTIAL);
                assertThat(slash24Owner.putIfAbsent(slash24(event.event().ip()), account.getKey()))
                        .isIn(null, account.getKey());
            });
        }
        assertThat(perAccount.size()).isGreaterThan(burners.size() * 3 / 4);
    }

    /**
     * Few-shot coercion: a request carries only items of the material and other items' worked solutions (as earlier
     * assistant turns, or after the few-shot answer label), no system prompt and no thinking; the one thing asked is
     * the last item.
     */
    @Test
    void fewShotRequestsCarryTwoWorkedSolutionsAndNoInstruction() {
        Set<String> worked = new HashSet<>();
        Set<String> items = new HashSet<>();
        for (PromptSource.Pool pool : List.of(PromptSource.Pool.HARVEST_MATH, PromptSource.Pool.HARVEST_CODE)) {
            for (PromptSource.Prompt prompt : SimulationTestData.BUNDLED_PROMPTS.pool(pool)) {
                items.add(prompt.text().strip());
                prompt.reference().ifPresent(text -> worked.add(TrafficText.clip(text.strip(), 1_500)));
            }
        }
        List<SimulatedEvent> requests = traffic.harvested(ScenarioKind.FEW_SHOT_REASONING);
        assertThat(requests).allSatisfy(simulated -> {
            RequestSummary request = simulated.event().request();
            assertThat(request.system()).isEmpty();
            assertThat(request.thinking()).isFalse();
            assertThat(request.maxTokens()).isBetween(1_500, 3_000);
            List<UsageEvent.Message> messages = request.messages();
            if (messages.size() == 5) {
                assertThat(messages).extracting(UsageEvent.Message::role)
                        .containsExactly("user", "assistant", "user", "assistant", "user");
                assertThat(List.of(messages.get(1).content(), messages.get(3).content())).allMatch(worked::contains);
                assertThat(List.of(messages.get(0).content(), messages.get(2).content(), messages.get(4).content()))
                        .allMatch(items::contains);
            } else {
                assertThat(messages).hasSize(1);
                String block = messages.getFirst().content();
                List<String> labels = TrafficFewShotHarvest.LABELS.stream()
                        .filter(pair -> block.startsWith(pair.get(0) + " ") && block.endsWith("\n" + pair.get(1)))
                        .findFirst().orElseThrow(() -> new AssertionError("no few-shot labels in: " + block));
                String rest = block;
                for (String solution : worked) {
                    if (rest.contains(labels.get(1) + " " + solution + "\n\n")) {
                        rest = rest.replace(labels.get(1) + " " + solution + "\n\n", "");
                    }
                }
                for (String item : items) {
                    rest = rest.replace(labels.get(0) + " " + item + "\n", "");
                }
                assertThat(rest).as("what is left once the examples and the item are taken out").isEqualTo(labels.get(1));
            }
        });
        assertThat(requests).extracting(simulated -> simulated.event().request().messages().size())
                .contains(1, 5);
    }

    /**
     * The label harvest: every request asks for log-probabilities of a short answer without biasing any token, and
     * each organisation gets back exactly the two labels of its classifier.
     */
    @Test
    void verdictRequestsAskLabelProbabilitiesWithoutLogitBias() {
        Map<String, Set<String>> labelsPerOrg = new HashMap<>();
        assertThat(traffic.harvested(ScenarioKind.VERDICT_LOGPROBS)).allSatisfy(simulated -> {
            RequestSummary request = simulated.event().request();
            assertThat(request.logprobs()).isTrue();
            assertThat(request.topLogprobs()).isBetween(2, 5);
            assertThat(request.logitBiasSize()).isZero();
            assertThat(request.maxTokens()).isIn(4, 8, 16);
            assertThat(request.turns()).isEqualTo(1);
            assertThat(request.n()).isEqualTo(1);
            assertThat(simulated.event().userAgent()).isIn(PlanningBlocks.OPENAI_AGENTS);
            if (simulated.event().response().status() == 200) {
                assertThat(simulated.event().response().completionTokens()).isBetween(1L, 2L);
                labelsPerOrg.computeIfAbsent(simulated.event().orgId(), id -> new HashSet<>())
                        .add(simulated.event().response().text().orElseThrow());
            }
        });
        assertThat(labelsPerOrg).isNotEmpty().allSatisfy((org, labels) -> assertThat(labels).hasSize(2));
    }

    /**
     * The resold key: the buyers' harvest goes through the owner's own key, account and client library, from
     * residential addresses of the owner's country, only after the sale, while the owner keeps using it; and more than
     * one buyer harvests (each with its own templates).
     */
    @Test
    void aResoldKeyHarvestsThroughTheOwnersKeyClientAndCountry() {
        SimulatedOrg owner = traffic.orgsOf(ScenarioKind.KEY_RELAY).getFirst();
        List<SimulatedEvent> events = byKind.get(ScenarioKind.KEY_RELAY);
        List<SimulatedEvent> harvest = traffic.harvested(ScenarioKind.KEY_RELAY);
        assertThat(events.stream().map(event -> event.event().keyId()).distinct()).hasSize(1);
        assertThat(events.stream().map(event -> event.event().userAgent()).distinct()).hasSize(1);
        assertThat(events).allSatisfy(event -> {
            assertThat(event.event().country()).isEqualTo(owner.profile().country().orElseThrow());
            assertThat(event.event().network()).isEqualTo(TrafficNetworks.RESIDENTIAL);
        });
        long firstHarvest = harvest.getFirst().event().ts().toEpochMilli();
        long start = SimulationTestData.START.toEpochMilli();
        assertThat(firstHarvest).isGreaterThanOrEqualTo(start + PERIOD.toMillis() / 10);
        assertThat(events).filteredOn(event -> !event.harvesting() && event.event().ts().toEpochMilli() < firstHarvest)
                .isNotEmpty();
        Set<String> officeAddresses = events.stream().filter(event -> event.event().ts().toEpochMilli() < firstHarvest
                        - TrafficCadence.DAY / 2).map(event -> event.event().ip()).collect(Collectors.toSet());
        assertThat(harvest).noneMatch(event -> officeAddresses.contains(event.event().ip()));
        Set<String> systems = harvest.stream().map(event -> event.event().request().system().orElse(""))
                .collect(Collectors.toSet());
        assertThat(harvest.stream().map(event -> event.event().request().maxTokens()).distinct().count()
                + systems.size()).as("buyers' own templates and budgets").isGreaterThan(2);
    }

    /**
     * The university's tool: one system prompt per key, feedback without log-probabilities, and final submissions
     * banded in bursts with one-letter answers and their log-probabilities; no harvesting material anywhere.
     */
    @Test
    void theFeedbackToolBandsSubmissionsInDeadlineBurstsFromHumanWrittenAssignments() {
        List<SimulatedEvent> events = byKind.get(ScenarioKind.ESSAY_FEEDBACK);
        Map<String, List<SimulatedEvent>> byKey = events.stream()
                .collect(Collectors.groupingBy(event -> event.event().keyId()));
        assertThat(byKey).hasSize(2);
        for (List<SimulatedEvent> keyEvents : byKey.values()) {
            assertThat(keyEvents.stream().map(event -> event.event().request().system().orElseThrow()).distinct())
                    .hasSize(1);
        }
        List<SimulatedEvent> banding = events.stream().filter(event -> event.event().request().logprobs()).toList();
        assertThat(banding).hasSizeGreaterThan(200).allSatisfy(event -> {
            assertThat(event.event().request().maxTokens()).isEqualTo(1);
            assertThat(event.event().request().topLogprobs()).isEqualTo(5);
            assertThat(event.event().request().logitBiasSize()).isZero();
            if (event.event().response().status() == 200) {
                assertThat(event.event().response().text().orElseThrow()).matches("[ABCDF]");
            }
        });
        // the banding key is idle between deadlines: its requests come in bursts of hundreds within hours
        long busiestHour = banding.stream().collect(Collectors.groupingBy(
                event -> event.event().ts().toEpochMilli() / TrafficCadence.HOUR, Collectors.counting()))
                .values().stream().mapToLong(Long::longValue).max().orElse(0);
        assertThat(busiestHour).isGreaterThanOrEqualTo(200);
        PromptIndex index = new PromptIndex(SimulationTestData.BUNDLED_PROMPTS);
        assertThat(events).allSatisfy(event -> assertThat(index.poolsIn(event.event().request().lastUserText()))
                .isNotEmpty().noneMatch(PromptSource.Pool::harvesting));
    }

    /** Each campaign kind's own scenario (that campaign in a small background) runs and harvests hundreds of items. */
    @Test
    void eachCampaignKindHasItsOwnScenarioThatHarvests() {
        HeldOutSetChecks.assertEachCampaignKindHarvestsInItsOwnScenario(HOLDOUT9_KINDS);
    }

    private static String slash24(String ip) {
        return ip.substring(0, ip.lastIndexOf('.'));
    }
}
