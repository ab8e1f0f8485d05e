package dev.moat.detect;

import static dev.moat.detect.SimulationTestData.HOLDOUT11_KINDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
 * The held-out kinds of {@code holdout11}, each checked for its labels and for the property that defines its evasion:
 * a leaked key used only while its owner's working day is empty, a grader on keys that each live a few hours, a hydra
 * of unrelated companies each shaped like an ordinary kind, evaluation-shaped runs over shards of training material,
 * and a newsroom's desk tool that must stay ordinary. One scenario with one of each kind, two days, planned once for
 * all the tests.
 */
class Holdout11VariantsTest {

    private static final long SEED = 3;
    private static final Duration PERIOD = Duration.ofDays(2);
    /** The UTC offsets the simulator gives the countries a leaked key's owner may be in. */
    private static final Map<String, Integer> OWNER_OFFSETS = Map.of("US", -6, "GB", 0, "DE", 1, "FR", 1, "JP", 9);

    private static KindTraffic traffic;
    private static Map<String, SimulatedOrg> orgs;
    private static Map<ScenarioKind, List<SimulatedEvent>> byKind;

    @BeforeAll
    static void plan() {
        traffic = KindTraffic.oneOfEach("holdout11", HOLDOUT11_KINDS, PERIOD, SEED);
        orgs = traffic.orgs();
        byKind = traffic.byKind();
    }

    @Test
    void everyKindSendsTrafficUnderItsLabels() {
        assertThat(byKind.keySet()).containsExactlyInAnyOrderElementsOf(HOLDOUT11_KINDS);
        for (ScenarioKind kind : HOLDOUT11_KINDS) {
            List<SimulatedOrg> planned = traffic.orgsOf(kind);
            assertThat(planned).as(kind.label()).isNotEmpty();
            assertThat(planned).as(kind.label()).allMatch(org -> org.mixed() == (kind == ScenarioKind.QUIET_HOURS_KEY));
            if (!kind.campaign()) {
                assertThat(planned).allMatch(SimulatedOrg::benign);
                assertThat(byKind.get(kind)).as(kind.label()).hasSizeGreaterThan(1_000)
                        .noneMatch(SimulatedEvent::harvesting);
                continue;
            }
            String campaign = "camp_" + kind.label() + "_1";
            assertThat(planned).as(kind.label()).allSatisfy(org -> assertThat(org.campaignId()).contains(campaign));
            assertThat(traffic.harvested(kind)).as(kind.label()).hasSizeGreaterThan(1_000)
                    .allSatisfy(event -> assertThat(event.campaignId()).contains(campaign));
            if (kind != ScenarioKind.QUIET_HOURS_KEY) {
                assertThat(byKind.get(kind)).as(kind.label()).allMatch(SimulatedEvent::harvesting);
            }
        }
    }

    @Property(tries = 2)
    void theSameSeedGivesTheSameTrafficAndAnotherSeedOtherTraffic(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        Scenario scenario = SimulationTestData.oneOfEach("holdout11", HOLDOUT11_KINDS, Duration.ofHours(12));
        HeldOutSetChecks.assertSameSeedSameTrafficAndNoneUnderAnother(scenario, seed);
    }

    @Test
    void theHeldOutSetIsTheUsualBackgroundWithNewsroomsAndTwoOfEachCampaign() {
        HeldOutSetChecks.assertHeldOutScenario("holdout11", HOLDOUT11_KINDS, ScenarioKind.NEWSROOM_DESK);
    }

    /**
     * The quiet-hours thief: on the owner's own key, with the owner's client library and its app's system prompt, but
     * only when the owner's working day is nearly empty (a weekday night or the weekend in the owner's country), from
     * residential addresses of the owner's country that the owner never uses; the owner's own traffic goes on beside
     * it, mostly in the working day.
     */
    @Test
    void theLeakedKeyIsUsedOnlyInItsOwnersQuietHours() {
        SimulatedOrg owner = traffic.orgsOf(ScenarioKind.QUIET_HOURS_KEY).getFirst();
        String country = owner.profile().country().orElseThrow();
        int offset = OWNER_OFFSETS.get(country);
        assertThat(owner.profile().tier()).contains("partner");
        List<SimulatedEvent> events = byKind.get(ScenarioKind.QUIET_HOURS_KEY);
        List<SimulatedEvent> thief = traffic.harvested(ScenarioKind.QUIET_HOURS_KEY);
        List<SimulatedEvent> own = events.stream().filter(event -> !event.harvesting()).toList();
        assertThat(own).hasSizeGreaterThan(1_000);
        assertThat(events.stream().map(event -> event.event().keyId()).distinct()).hasSize(1);
        assertThat(thief).allSatisfy(simulated -> {
            UsageEvent event = simulated.event();
            assertThat(TrafficCadence.workingDayWeight(event.ts().toEpochMilli(), offset))
                    .as("owner's working-day weight at " + event.ts()).isLessThan(TrafficCadence.QuietHours.QUIET);
            assertThat(event.network()).isEqualTo(TrafficNetworks.RESIDENTIAL);
            assertThat(event.country()).isEqualTo(country);
            assertThat(event.request().messages()).hasSize(1);
        });
        Set<String> ownAddresses = own.stream().map(event -> event.event().ip()).collect(Collectors.toSet());
        assertThat(thief).noneMatch(event -> ownAddresses.contains(event.event().ip()));
        assertThat(thief.stream().map(event -> event.event().userAgent()).distinct())
                .containsExactlyElementsOf(own.stream().map(event -> event.event().userAgent()).distinct().toList());
        Set<String> ownSystems = own.stream().flatMap(event -> event.event().request().system().stream())
                .collect(Collectors.toSet());
        assertThat(thief).allSatisfy(event -> assertThat(ownSystems).contains(
                event.event().request().system().orElseThrow()));
        long ownInWorkingDay = own.stream().filter(event -> TrafficCadence.workingDayWeight(
                event.event().ts().toEpochMilli(), offset) >= TrafficCadence.QuietHours.QUIET).count();
        assertThat(ownInWorkingDay).isGreaterThan(own.size() * 3L / 4);
        Set<String> material = HeldOutSetChecks.bundledHarvestItems();
        assertThat(thief).allSatisfy(event -> assertThat(material).contains(event.event().request().lastUserText()));
    }

    /**
     * The churn grader: an established organisation whose keys each live one to four hours, one after another (no two
     * of its keys overlap), every request an item with two candidate answers asking which is better, at temperature 0
     * with a small budget, answered with a verdict and a reason.
     */
    @Test
    void theGraderIsAskedForPairwiseVerdictsOnKeysThatLiveAFewHours() {
        long start = SimulationTestData.START.toEpochMilli();
        assertThat(traffic.orgsOf(ScenarioKind.CHURN_GRADER)).allSatisfy(org -> assertThat(
                org.profile().createdAt().orElseThrow().toEpochMilli()).isLessThan(start - 120 * TrafficCadence.DAY));
        List<SimulatedEvent> requests = traffic.harvested(ScenarioKind.CHURN_GRADER);
        assertThat(requests).allSatisfy(simulated -> {
            RequestSummary request = simulated.event().request();
            assertThat(request.lastUserText()).contains("\n\nResponse A:\n", "\n\nResponse B:\n");
            assertThat(request.temperature().orElseThrow()).isZero();
            assertThat(request.maxTokens()).isBetween(128, 300);
            assertThat(request.logprobs()).isFalse();
            if (simulated.event().response().status() == 200) {
                assertThat(simulated.event().response().text().orElseThrow()).matches("\\{\"winner\": \"[AB]\".*");
            }
        });
        Map<String, List<SimulatedEvent>> perOrg = requests.stream()
                .collect(Collectors.groupingBy(event -> event.event().orgId()));
        for (List<SimulatedEvent> events : perOrg.values()) {
            List<long[]> lives = KindTraffic.perKey(events).values().stream()
                    .map(key -> new long[] {key.getFirst().event().ts().toEpochMilli(),
                            key.getLast().event().ts().toEpochMilli()})
                    .sorted((a, b) -> Long.compare(a[0], b[0])).toList();
            assertThat(lives).as("keys of one organisation in two days").hasSizeGreaterThanOrEqualTo(6);
            for (int i = 0; i < lives.size(); i++) {
                assertThat(lives.get(i)[1] - lives.get(i)[0]).as("a key's life")
                        .isLessThanOrEqualTo(4 * TrafficCadence.HOUR);
                if (i > 0) {
                    assertThat(lives.get(i)[0]).as("a key starts after the one before it is dropped")
                            .isGreaterThan(lives.get(i - 1)[1]);
                }
            }
        }
    }

    /**
     * The mimic hydra: two dozen or more companies that share no card, domain, sign-up address, network or sign-up
     * day, each keeping to one ordinary kind's request shape, with at least three of the four shapes in the hydra.
     */
    @Test
    void hydraAccountsShareNothingAndEachImitatesAnOrdinaryKind() {
        List<SimulatedOrg> accounts = traffic.orgsOf(ScenarioKind.MIMIC_HYDRA);
        assertThat(accounts).hasSizeBetween(24, 48);
        assertThat(HeldOutSetChecks.distinct(accounts, org -> org.profile().paymentFingerprint().orElseThrow()))
                .hasSize(accounts.size());
        assertThat(HeldOutSetChecks.distinct(accounts, org -> org.profile().emailDomain().orElseThrow()))
                .hasSize(accounts.size());
        assertThat(HeldOutSetChecks.distinct(accounts, org -> slash24(org.profile().signupIp().orElseThrow())))
                .hasSize(accounts.size());
        long start = SimulationTestData.START.toEpochMilli();
        List<Long> signups = accounts.stream().map(org -> org.profile().createdAt().orElseThrow().toEpochMilli())
                .sorted().toList();
        assertThat(signups).allSatisfy(at -> assertThat(at).isLessThan(start - 30 * TrafficCadence.DAY));
        for (int i = 0; i + 3 < signups.size(); i++) {
            assertThat(signups.get(i + 3) - signups.get(i)).as("four sign-ups within a day: a wave")
                    .isGreaterThan(TrafficCadence.DAY);
        }
        Map<String, List<SimulatedEvent>> perAccount = traffic.harvested(ScenarioKind.MIMIC_HYDRA).stream()
                .collect(Collectors.groupingBy(event -> event.event().orgId()));
        Map<String, String> slash24Owner = new HashMap<>();
        Set<String> shapes = new HashSet<>();
        for (Map.Entry<String, List<SimulatedEvent>> account : perAccount.entrySet()) {
            Set<String> own = account.getValue().stream().map(event -> shape(event.event().request()))
                    .collect(Collectors.toSet());
            assertThat(own).as("shapes of one account").isIn(Set.of("agent"), Set.of("app"), Set.of("pasted"),
                    Set.of("chat", "pasted"));
            shapes.add(own.contains("agent") ? "agent" : own.contains("app") ? appKind(account.getValue()) : "chat");
            for (SimulatedEvent event : account.getValue()) {
                assertThat(slash24Owner.putIfAbsent(slash24(event.event().ip()), account.getKey()))
                        .isIn(null, account.getKey());
            }
        }
        assertThat(perAccount.size()).isGreaterThan(accounts.size() / 2);
        assertThat(shapes).as("ordinary kinds imitated").hasSizeGreaterThanOrEqualTo(3);
    }

    /** The request shape of a mimic account's request: an agent loop, a chat turn, or a single app request. */
    private static String shape(RequestSummary request) {
        if (request.tools() > 0) {
            return "agent";
        }
        if (request.system().isEmpty()) {
            return request.messages().size() > 1 ? "chat" : "pasted";
        }
        return "app";
    }

    /** A batch-job imitation (its pipeline's system prompt) or a retrieval-app imitation (passages before the item). */
    private static String appKind(List<SimulatedEvent> events) {
        return events.getFirst().event().request().system().orElseThrow().startsWith("You are the records pipeline")
                ? "batch" : "rag";
    }

    /**
     * Evaluation-shaped runs: every request one item of the training material in a public evaluation template, no system
     * prompt, temperature 0, one answer, from a hosting network; each run (a burst on one key) in one template, with no
     * item twice, and a few hundred items long.
     */
    @Test
    void evaluationRunsWalkShardsOfTheTrainingMaterial() {
        Set<String> material = HeldOutSetChecks.bundledHarvestItems();
        List<SimulatedEvent> requests = traffic.harvested(ScenarioKind.EVAL_SHARDS);
        Map<String, List<List<SimulatedEvent>>> runsPerKey = new LinkedHashMap<>();
        for (Map.Entry<String, List<SimulatedEvent>> key : KindTraffic.perKey(requests).entrySet()) {
            List<List<SimulatedEvent>> runs = new ArrayList<>();
            long previous = 0;
            for (SimulatedEvent event : key.getValue()) {
                long at = event.event().ts().toEpochMilli();
                if (runs.isEmpty() || at - previous > 10 * TrafficCadence.MINUTE) {
                    runs.add(new ArrayList<>());
                }
                runs.getLast().add(event);
                previous = at;
            }
            runsPerKey.put(key.getKey(), runs);
        }
        int runCount = 0;
        for (List<List<SimulatedEvent>> runs : runsPerKey.values()) {
            for (List<SimulatedEvent> run : runs) {
                runCount++;
                Set<String> templates = new HashSet<>();
                Set<String> items = new HashSet<>();
                for (SimulatedEvent simulated : run) {
                    UsageEvent event = simulated.event();
                    RequestSummary request = event.request();
                    assertThat(request.system()).isEmpty();
                    assertThat(request.temperature().orElseThrow()).isZero();
                    assertThat(request.n()).isEqualTo(1);
                    assertThat(request.maxTokens()).isIn(1_024, 2_048, 4_096);
                    assertThat(event.network()).isEqualTo(TrafficNetworks.HOSTING);
                    String template = TrafficEvalShard.TEMPLATES.stream()
                            .filter(candidate -> item(candidate, request.lastUserText()) != null).findFirst()
                            .orElseThrow(() -> new AssertionError("no evaluation template: " + request.lastUserText()));
                    String item = item(template, request.lastUserText());
                    assertThat(material).contains(item);
                    templates.add(template);
                    assertThat(items.add(item)).as("an item twice in one run").isTrue();
                }
                assertThat(templates).hasSize(1);
                assertThat(run.size()).isBetween(50, 400);
            }
        }
        assertThat(runCount).isGreaterThanOrEqualTo(3);
    }

    /** The item inside {@code text} when it is {@code template} filled in, else null. */
    private static String item(String template, String text) {
        int slot = template.indexOf("{q}");
        String before = template.substring(0, slot);
        String after = template.substring(slot + 3);
        return text.startsWith(before) && text.endsWith(after) && text.length() >= before.length() + after.length()
                ? text.substring(before.length(), text.length() - after.length()) : null;
    }

    /**
     * The newsroom desk: every story of its content system under one house-style system prompt and one request for
     * headline and summary JSON, around the clock across its bureaus, with bursts when news breaks; its editors' chats
     * on another key; no harvesting material anywhere.
     */
    @Test
    void theNewsroomSendsEveryStoryUnderOneTemplateAroundTheClock() {
        List<SimulatedEvent> events = byKind.get(ScenarioKind.NEWSROOM_DESK);
        List<SimulatedEvent> stories = events.stream()
                .filter(event -> event.event().request().lastUserText().startsWith("Slug: ")).toList();
        assertThat(stories).hasSizeGreaterThan(1_000);
        assertThat(stories.stream().map(event -> event.event().request().system().orElseThrow()).distinct()).hasSize(1);
        assertThat(stories.stream().map(event -> event.event().keyId()).distinct()).hasSize(1);
        assertThat(stories).allSatisfy(event -> assertThat(event.event().request().lastUserText())
                .endsWith("Use only facts in the story."));
        assertThat(stories.stream().map(event -> event.event().ts().toEpochMilli() / TrafficCadence.HOUR % 24)
                .distinct()).as("hours of the day with stories").hasSizeGreaterThanOrEqualTo(20);
        Set<String> storyIds = stories.stream().map(event -> event.event().id()).collect(Collectors.toSet());
        assertThat(events).filteredOn(event -> !storyIds.contains(event.event().id())).isNotEmpty()
                .allSatisfy(event -> assertThat(event.event().keyId()).isNotEqualTo(stories.getFirst().event().keyId()));
        PromptIndex index = new PromptIndex(SimulationTestData.BUNDLED_PROMPTS);
        assertThat(events).allSatisfy(event -> assertThat(index.poolsIn(event.event().request().lastUserText()))
                .noneMatch(PromptSource.Pool::harvesting));
    }

    /** Each campaign kind's own scenario (that campaign in a small background) runs and harvests hundreds of items. */
    @Test
    void eachCampaignKindHasItsOwnScenarioThatHarvests() {
        HeldOutSetChecks.assertEachCampaignKindHarvestsInItsOwnScenario(HOLDOUT11_KINDS);
    }

    private static String slash24(String ip) {
        return ip.substring(0, ip.lastIndexOf('.'));
    }
}
