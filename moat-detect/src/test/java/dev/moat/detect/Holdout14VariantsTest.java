package dev.moat.detect;

import static dev.moat.detect.SimulationTestData.BUNDLED;
import static dev.moat.detect.SimulationTestData.HOLDOUT14_KINDS;
import static dev.moat.detect.SimulationTestData.START;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
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
 * The held-out set {@code holdout14}: its scenario's mix, each new kind's labels and determinism, and for each kind the
 * property that defines its evasion — borderline requests in many framings from a hydra on residential proxies that
 * shares a card or a domain only among a few accounts; three regions' desks each with its own client and network,
 * working only in their own office hours; crafted strings with a one-token budget; long educational pieces in each
 * studio's own wording at night — and the volume that still makes each a campaign; and that the prompt-regression
 * suite, the hard ordinary case, is one fixed list of cases re-sent at temperature 0, left ordinary.
 */
class Holdout14VariantsTest {

    /** Words that ask for a chain of thought outright; the campaigns' own wording avoids every one. */
    private static final List<String> ELICITATION = List.of("step by step", "step-by-step", "reasoning", "explain",
            "think", "show your work", "walk me through", "chain of thought");
    private static final PromptIndex INDEX = new PromptIndex(SimulationTestData.BUNDLED_PROMPTS);

    /** One campaign (or ordinary organisation) of {@code kind} alone, over {@code days}, seed {@code seed}. */
    private static Simulation alone(ScenarioKind kind, int days, long seed) {
        return BUNDLED.run(new Scenario(kind.label() + "-alone", "one " + kind.label(), Duration.ofDays(days),
                List.of(ScenarioPart.of(kind, 1))), SimulationSettings.of(seed, START));
    }

    private static List<SimulatedEvent> drain(Simulation simulation) {
        List<SimulatedEvent> events = new ArrayList<>();
        simulation.forEachRemaining(events::add);
        return events;
    }

    private static String slash24(String ip) {
        return ip.substring(0, ip.lastIndexOf('.'));
    }

    /** The request's text with every item of the material in it removed: what the client wrote around it. */
    private static String wording(RequestSummary request) {
        String text = request.lastUserText();
        for (String item : INDEX.promptsIn(text)) {
            text = text.replace(item, "");
        }
        return (text + request.system().orElse("")).toLowerCase(Locale.ROOT);
    }

    @Property(tries = 2)
    void theSameSeedGivesTheSameTrafficAndAnotherSeedOtherTraffic(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        Scenario scenario = SimulationTestData.oneOfEach("holdout14", HOLDOUT14_KINDS, Duration.ofHours(12));
        HeldOutSetChecks.assertSameSeedSameTrafficAndNoneUnderAnother(scenario, seed);
    }

    @Test
    void theHeldOutSetIsTheUsualBackgroundWithRegressionSuitesAndTwoOfEachCampaign() {
        HeldOutSetChecks.assertHeldOutScenario("holdout14", HOLDOUT14_KINDS, ScenarioKind.REGRESSION_SUITE);
    }

    @Test
    void everyKindIsLabelledAndTheSameForASeed() {
        HeldOutSetChecks.assertLabelledAndDeterministic(
                SimulationTestData.oneOfEach("holdout14", HOLDOUT14_KINDS, Duration.ofHours(12)), HOLDOUT14_KINDS, 14);
    }

    /** Each campaign kind's own scenario (that campaign in a small background) runs and harvests hundreds of items. */
    @Test
    void eachCampaignKindHasItsOwnScenarioThatHarvests() {
        HeldOutSetChecks.assertEachCampaignKindHarvestsInItsOwnScenario(HOLDOUT14_KINDS);
    }

    @Test
    void everyCampaignHarvestsThousandsInThreeDays() {
        Simulation simulation = BUNDLED.run(SimulationTestData.oneOfEach("holdout14", HOLDOUT14_KINDS,
                Duration.ofDays(3)), SimulationSettings.of(14, START));
        Map<String, Long> harvest = new HashMap<>();
        simulation.forEachRemaining(event -> event.campaignId()
                .ifPresent(campaign -> harvest.merge(campaign, 1L, Long::sum)));
        assertThat(harvest.keySet()).containsExactlyInAnyOrder("camp_refusal-map_1", "camp_follow-the-sun_1",
                "camp_tokenizer-probe_1", "camp_corpus-synthesis_1");
        assertThat(harvest.values()).allSatisfy(count -> assertThat(count).isGreaterThan(2_000));
        assertThat(simulation.orgs()).filteredOn(org -> org.kind() == ScenarioKind.REGRESSION_SUITE)
                .singleElement().satisfies(org -> assertThat(org.benign()).isTrue());
    }

    /**
     * Refusal map: 30–120 small accounts, each on a residential /24 of its own (and now and then another exit of the
     * pool); a card shared by at most three accounts and only a few such, one throwaway domain among a handful; borderline
     * requests written here, not the material, each core question coming back in several accounts and framings; the
     * model's view asked for beside the answers, and push-backs after refusals as three-message conversations.
     */
    @Test
    void refusalMapAsksBorderlineQuestionsFromAHydraLinkedOnlyHereAndThere() {
        Simulation simulation = alone(ScenarioKind.REFUSAL_MAP, 2, 31);
        List<SimulatedOrg> accounts = simulation.orgs();
        assertThat(accounts.size()).isBetween(30, 120);
        assertThat(accounts).noneMatch(SimulatedOrg::mixed);
        Map<String, Long> perCard = accounts.stream().collect(Collectors.groupingBy(
                org -> org.profile().paymentFingerprint().orElseThrow(), Collectors.counting()));
        assertThat(perCard.values()).allSatisfy(count -> assertThat(count).isLessThanOrEqualTo(3));
        assertThat(perCard.values().stream().filter(count -> count > 1).count()).isBetween(2L, 4L);
        Map<String, Long> perDomain = accounts.stream().collect(Collectors.groupingBy(
                org -> org.profile().emailDomain().orElseThrow(), Collectors.counting()));
        perDomain.forEach((domain, count) -> {
            if (!PlanningBlocks.FREE_MAIL.contains(domain)) {
                assertThat(count).as(domain).isBetween(3L, 6L);
            }
        });
        Map<String, Set<String>> slash24sOfOrg = new HashMap<>();
        Map<String, Set<String>> orgsOfSubject = new HashMap<>();
        int judgments = 0;
        int pushBacks = 0;
        int count = 0;
        for (SimulatedEvent event : drain(simulation)) {
            UsageEvent e = event.event();
            RequestSummary request = e.request();
            assertThat(event.harvesting()).isTrue();
            assertThat(e.network()).isEqualTo(TrafficNetworks.RESIDENTIAL);
            assertThat(request.logprobs()).isFalse();
            assertThat(request.logitBiasSize()).isZero();
            assertThat(INDEX.promptsIn(request.messages().getFirst().content())).isEmpty();
            assertThat(request.turns()).isIn(1, 3);
            slash24sOfOrg.computeIfAbsent(e.orgId(), org -> new HashSet<>()).add(slash24(e.ip()));
            String first = request.messages().getFirst().content().toLowerCase(Locale.ROOT);
            for (TrafficRefusalMap.Topic topic : TrafficRefusalMap.TOPICS) {
                topic.subjects().stream().filter(subject -> first.contains(subject.toLowerCase(Locale.ROOT)))
                        .forEach(subject -> orgsOfSubject.computeIfAbsent(subject, s -> new HashSet<>()).add(e.orgId()));
            }
            if (request.turns() == 3) {
                pushBacks++;
                assertThat(TrafficRefusalMap.PUSHBACKS).contains(request.lastUserText());
                assertThat(request.messages().get(1).content()).startsWith("I can't help with that.");
            } else if (isJudgment(request.lastUserText())) {
                judgments++;
            }
            count++;
        }
        assertThat(count).isGreaterThan(2_000);
        assertThat(pushBacks).isPositive();
        assertThat(judgments).isGreaterThan(count / 20);
        // each account's sticky /24 is its own: no /24 is used by two accounts
        Map<String, Long> orgsPerSlash24 = slash24sOfOrg.values().stream().flatMap(Set::stream)
                .collect(Collectors.groupingBy(prefix -> prefix, Collectors.counting()));
        assertThat(orgsPerSlash24.values()).allSatisfy(orgs -> assertThat(orgs).isEqualTo(1));
        assertThat(slash24sOfOrg.values()).anySatisfy(set -> assertThat(set).hasSizeGreaterThan(1));
        assertThat(orgsOfSubject.values()).as("the same subject asked from many accounts")
                .allSatisfy(orgs -> assertThat(orgs).hasSizeGreaterThan(5));
    }

    /** Whether {@code text} asks for the model's view of a request, in one of the judgment wordings. */
    private static boolean isJudgment(String text) {
        for (String wording : TrafficRefusalMap.JUDGMENTS) {
            String[] parts = wording.split("\\{r}", -1);
            if (text.startsWith(parts[0]) && text.endsWith(parts[1])) {
                return true;
            }
        }
        return false;
    }

    /**
     * Follow the sun: three desks, each with its own client and its own /24, each sending only in one region's office
     * hours (weekdays, with a session's last requests running a little over), together covering most hours of the
     * day; every request a single reasoning item in plain words, one after another in sittings.
     */
    @Test
    void followTheSunHandsOverBetweenThreeRegionsEachInItsOwnOfficeHours() {
        Simulation simulation = alone(ScenarioKind.FOLLOW_THE_SUN, 3, 32);
        assertThat(simulation.orgs().size()).isBetween(24, 45);
        Map<String, List<SimulatedEvent>> byClient = new HashMap<>();
        List<SimulatedEvent> events = drain(simulation);
        for (SimulatedEvent event : events) {
            byClient.computeIfAbsent(event.event().userAgent(), agent -> new ArrayList<>()).add(event);
            RequestSummary request = event.event().request();
            assertThat(event.harvesting()).isTrue();
            assertThat(request.turns()).isEqualTo(1);
            assertThat(INDEX.poolsIn(request.lastUserText())).containsExactly(PromptSource.Pool.HARVEST_MATH);
            String wording = wording(request);
            assertThat(ELICITATION).noneMatch(wording::contains);
        }
        assertThat(events.size()).isGreaterThan(2_000);
        assertThat(byClient).hasSize(3);
        Set<Integer> offsets = new HashSet<>();
        Set<Integer> hoursUtc = new HashSet<>();
        Set<String> networks = new HashSet<>();
        for (List<SimulatedEvent> desk : byClient.values()) {
            assertThat(desk.stream().map(event -> slash24(event.event().ip())).distinct()).hasSize(1);
            networks.add(slash24(desk.getFirst().event().ip()));
            int best = 0;
            long inHours = -1;
            for (int offset : List.of(-6, 1, 9)) {
                long count = desk.stream().filter(event -> officeHours(event, offset)).count();
                if (count > inHours) {
                    inHours = count;
                    best = offset;
                }
            }
            offsets.add(best);
            assertThat(inHours).as("requests in the desk's office hours").isGreaterThan(desk.size() * 97L / 100);
            desk.forEach(event -> hoursUtc.add(event.event().ts().atZone(ZoneOffset.UTC).getHour()));
        }
        assertThat(offsets).containsExactlyInAnyOrder(-6, 1, 9);
        assertThat(networks).hasSize(3);
        assertThat(hoursUtc).hasSizeGreaterThanOrEqualTo(20);
    }

    /** A weekday between 9:00 and 19:00 local time (office hours end at 17 or 18; a sitting may run a little over). */
    private static boolean officeHours(SimulatedEvent event, int offset) {
        var local = event.event().ts().atOffset(ZoneOffset.ofHours(offset));
        return local.getDayOfWeek().getValue() <= 5 && local.getHour() >= 9 && local.getHour() < 19;
    }

    /**
     * Tokenizer probe: one research-looking organisation's keys, every request with a budget of one token and no
     * extraction parameter, crafted strings that hardly repeat, some spread over several messages, all from one cloud
     * notebook's addresses — tens of thousands of requests.
     */
    @Test
    void tokenizerProbeSendsCraftedStringsWithABudgetOfOneToken() {
        Simulation simulation = alone(ScenarioKind.TOKENIZER_PROBE, 2, 33);
        assertThat(simulation.orgs()).singleElement().satisfies(org -> {
            assertThat(org.mixed()).isFalse();
            assertThat(org.profile().emailDomain().orElseThrow()).endsWith(".org");
        });
        Set<String> keys = new HashSet<>();
        Set<String> addresses = new HashSet<>();
        Set<String> texts = new HashSet<>();
        int multiMessage = 0;
        int count = 0;
        for (SimulatedEvent event : drain(simulation)) {
            UsageEvent e = event.event();
            RequestSummary request = e.request();
            assertThat(event.harvesting()).isTrue();
            assertThat(request.maxTokens()).isEqualTo(1);
            assertThat(request.logprobs()).isFalse();
            assertThat(request.topLogprobs()).isZero();
            assertThat(request.logitBiasSize()).isZero();
            assertThat(request.n()).isEqualTo(1);
            assertThat(e.network()).isEqualTo(TrafficNetworks.HOSTING);
            if (e.response().status() == 200) {
                assertThat(e.response().completionTokens()).isEqualTo(1);
            }
            keys.add(e.keyId());
            addresses.add(e.ip());
            texts.add(request.system().orElse("") + "|" + request.messages());
            if (request.turns() > 1) {
                multiMessage++;
            }
            count++;
        }
        assertThat(keys).hasSizeBetween(2, 4);
        assertThat(addresses).hasSizeBetween(1, 2);
        assertThat(count).isGreaterThan(5_000);
        assertThat(texts.size()).isGreaterThan(count / 3);
        assertThat(multiMessage).isPositive();
    }

    /**
     * Corpus synthesis: two or three unlinked studios, every request one long piece (a budget of 4 k tokens or more, a
     * high temperature), most built around an item of the material, in wording that asks for no reasoning and differs
     * from studio to studio; most of it sent at night, local time.
     */
    @Test
    void corpusSynthesisAsksForLongPiecesInEachStudiosOwnWordingMostlyAtNight() {
        Simulation simulation = alone(ScenarioKind.CORPUS_SYNTHESIS, 3, 34);
        List<SimulatedOrg> studios = simulation.orgs();
        assertThat(studios.size()).isBetween(2, 3);
        assertThat(HeldOutSetChecks.distinct(studios, org -> org.profile().paymentFingerprint().orElseThrow()))
                .hasSize(studios.size());
        assertThat(HeldOutSetChecks.distinct(studios, org -> org.profile().emailDomain().orElseThrow()))
                .hasSize(studios.size());
        Map<String, Integer> offsets = studios.stream().collect(Collectors.toMap(SimulatedOrg::orgId,
                org -> offsetOf(org.profile().country().orElseThrow())));
        Map<String, Set<String>> genres = new HashMap<>();
        int withItem = 0;
        int atNight = 0;
        int count = 0;
        for (SimulatedEvent event : drain(simulation)) {
            UsageEvent e = event.event();
            RequestSummary request = e.request();
            assertThat(event.harvesting()).isTrue();
            assertThat(request.turns()).isEqualTo(1);
            assertThat(request.maxTokens()).isGreaterThanOrEqualTo(4_096);
            assertThat(request.temperature().orElseThrow()).isGreaterThanOrEqualTo(0.8);
            if (!INDEX.promptsIn(request.lastUserText()).isEmpty()) {
                withItem++;
            }
            String wording = wording(request);
            assertThat(ELICITATION).noneMatch(wording::contains);
            for (String genre : TrafficCorpusSynthesis.GENRES) {
                if (request.lastUserText().contains(" " + genre + " for ")) {
                    genres.computeIfAbsent(e.orgId(), org -> new HashSet<>()).add(genre);
                }
            }
            int hour = e.ts().atOffset(ZoneOffset.ofHours(offsets.get(e.orgId()))).getHour();
            if (hour < 7) {
                atNight++;
            }
            count++;
        }
        assertThat(count).isGreaterThan(2_000);
        assertThat(withItem).isGreaterThan(count * 6 / 10);
        assertThat(atNight).isGreaterThan(count / 2);
        assertThat(genres).hasSize(studios.size());
        assertThat(new HashSet<>(genres.values())).as("each studio its own genres").hasSize(studios.size());
    }

    private static int offsetOf(String country) {
        return new PlanningBlocks(new PlanningState(SimulationTestData.BUNDLED_PROMPTS, 1, START, 1)) {
        }.offset(country);
    }

    /**
     * Regression suite: ordinary; its CI key sends one fixed list of 300–700 cases at temperature 0, each case many times
     * over two days with the same answer, with budgets from a few tokens to hundreds, from two to five cloud addresses;
     * the product's own chats go through another key; no item of the harvesting material anywhere.
     */
    @Test
    void regressionSuiteResendsOneFixedListOfCasesAtTemperatureZeroAndIsOrdinary() {
        Simulation simulation = alone(ScenarioKind.REGRESSION_SUITE, 2, 35);
        assertThat(simulation.orgs()).singleElement().satisfies(org -> assertThat(org.benign()).isTrue());
        Map<String, Integer> timesSent = new HashMap<>();
        Map<String, Set<String>> answers = new HashMap<>();
        Set<String> ciAddresses = new HashSet<>();
        Set<Integer> budgets = new HashSet<>();
        Set<String> keys = new HashSet<>();
        int ci = 0;
        for (SimulatedEvent event : drain(simulation)) {
            UsageEvent e = event.event();
            RequestSummary request = e.request();
            assertThat(event.harvesting()).isFalse();
            assertThat(INDEX.poolsIn(request.lastUserText())).noneMatch(PromptSource.Pool::harvesting);
            keys.add(e.keyId());
            if (request.temperature().isPresent() && request.temperature().getAsDouble() == 0.0) {
                ci++;
                String text = request.system().orElseThrow() + "|" + request.messages();
                timesSent.merge(text, 1, Integer::sum);
                e.response().text().ifPresent(answer -> answers.computeIfAbsent(text, t -> new HashSet<>()).add(answer));
                ciAddresses.add(e.ip());
                budgets.add(request.maxTokens());
                assertThat(e.network()).isEqualTo(TrafficNetworks.HOSTING);
            }
        }
        assertThat(keys).hasSize(2);
        assertThat(ci).isGreaterThan(3_000);
        assertThat(timesSent.size()).as("cases in the suite").isBetween(200, 700);
        Collection<Integer> counts = timesSent.values();
        assertThat(counts.stream().filter(times -> times >= 3).count()).isGreaterThan(counts.size() * 8L / 10);
        assertThat(answers.values()).allSatisfy(set -> assertThat(set).hasSize(1));
        assertThat(ciAddresses).hasSizeBetween(2, 5);
        assertThat(budgets.stream().anyMatch(budget -> budget <= 24)).isTrue();
        assertThat(budgets.stream().anyMatch(budget -> budget >= 512)).isTrue();
    }

    @Test
    void theCampaignsParametersVaryBySeed() {
        Set<Integer> hydras = new HashSet<>();
        Set<Integer> desks = new HashSet<>();
        for (long seed = 1; seed <= 4; seed++) {
            hydras.add(alone(ScenarioKind.REFUSAL_MAP, 1, seed).orgs().size());
            desks.add(alone(ScenarioKind.FOLLOW_THE_SUN, 1, seed).orgs().size());
        }
        assertThat(hydras).hasSizeGreaterThan(1);
        assertThat(desks).hasSizeGreaterThan(1);
    }
}
