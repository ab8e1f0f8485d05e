package dev.moat.detect;

import static dev.moat.detect.SimulationTestData.HOLDOUT10_KINDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The held-out kinds of {@code holdout10}, each checked for its labels and for the property that defines its evasion:
 * long answers bought in small pieces that continue one another, the output layer searched with one-token biases and
 * no log-probabilities, a hydra of programme accounts that each look like another student's project, rejection
 * samples spread one per key, and an e-discovery review that must stay ordinary. One scenario with one of each kind,
 * two days, planned once for all the tests.
 */
class Holdout10VariantsTest {

    private static final long SEED = 3;
    private static final Duration PERIOD = Duration.ofDays(2);
    /** The prefixes a rejection-sampling organisation may put before an item. */
    private static final Pattern RESAMPLE_PREFIX = Pattern.compile(
            "^(Problem \\d+: |Question:\\n|Exercise \\d+\\n\\n|Task: |Solve the following\\.\\n\\n)");

    private static KindTraffic traffic;
    private static Map<String, SimulatedOrg> orgs;
    private static Map<ScenarioKind, List<SimulatedEvent>> byKind;

    @BeforeAll
    static void plan() {
        traffic = KindTraffic.oneOfEach("holdout10", HOLDOUT10_KINDS, PERIOD, SEED);
        orgs = traffic.orgs();
        byKind = traffic.byKind();
    }

    @Test
    void everyKindSendsTrafficUnderItsLabels() {
        assertThat(byKind.keySet()).containsExactlyInAnyOrderElementsOf(HOLDOUT10_KINDS);
        for (ScenarioKind kind : HOLDOUT10_KINDS) {
            List<SimulatedOrg> planned = traffic.orgsOf(kind);
            assertThat(planned).as(kind.label()).isNotEmpty();
            if (!kind.campaign()) {
                assertThat(planned).allMatch(SimulatedOrg::benign);
                assertThat(byKind.get(kind)).as(kind.label()).hasSizeGreaterThan(1_000)
                        .noneMatch(SimulatedEvent::harvesting);
                continue;
            }
            String campaign = "camp_" + kind.label() + "_1";
            assertThat(planned).as(kind.label()).allSatisfy(org -> assertThat(org.campaignId()).contains(campaign));
            assertThat(byKind.get(kind)).as(kind.label()).hasSizeGreaterThan(1_000)
                    .allSatisfy(event -> assertThat(event.campaignId()).contains(campaign));
        }
        assertThat(traffic.simulation().orgs()).noneMatch(SimulatedOrg::mixed);
    }

    @Property(tries = 2)
    void theSameSeedGivesTheSameTrafficAndAnotherSeedOtherTraffic(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        Scenario scenario = SimulationTestData.oneOfEach("holdout10", HOLDOUT10_KINDS, Duration.ofHours(6));
        HeldOutSetChecks.assertSameSeedSameTrafficAndNoneUnderAnother(scenario, seed);
    }

    @Test
    void theHeldOutSetIsTheUsualBackgroundWithReviewsAndTwoOfEachCampaign() {
        HeldOutSetChecks.assertHeldOutScenario("holdout10", HOLDOUT10_KINDS, ScenarioKind.EDISCOVERY_REVIEW);
    }

    /**
     * Pieces: every request has a small budget; an item's first request is its only single-turn one, and every later
     * one repeats the item and carries the answer so far — as a growing prefill, or as the earlier turns plus a
     * "continue" — so each piece continues the last; an answer takes two or more pieces, and together more tokens than
     * any one request's budget.
     */
    @Test
    void longAnswersComeInSmallPiecesEachContinuingTheLast() {
        int chains = 0;
        int continuations = 0;
        for (List<SimulatedEvent> key : KindTraffic.perKey(traffic.harvested(ScenarioKind.PREFILL_CHUNKS)).values()) {
            List<SimulatedEvent> chain = new ArrayList<>();
            for (SimulatedEvent simulated : key) {
                RequestSummary request = simulated.event().request();
                assertThat(request.maxTokens()).isBetween(96, 192);
                assertThat(request.thinking()).isFalse();
                assertThat(request.n()).isEqualTo(1);
                if (request.messages().size() == 1) {
                    assertFinishedAnswer(chain);
                    chain = new ArrayList<>();
                    chains++;
                } else {
                    RequestSummary previous = chain.getLast().event().request();
                    assertThat(request.messages().getFirst()).isEqualTo(previous.messages().getFirst());
                    if (request.messages().getLast().role().equals("assistant")) {
                        assertThat(simulated.event().api()).isEqualTo("anthropic");
                        assertThat(request.messages()).hasSize(2);
                        String before = previous.messages().size() == 2 ? previous.messages().get(1).content() : "";
                        assertThat(request.messages().get(1).content()).startsWith(before);
                    } else {
                        assertThat(request.messages()).hasSize(previous.messages().size() + 2)
                                .startsWith(previous.messages().toArray(UsageEvent.Message[]::new));
                        assertThat(TrafficPrefillChunks.CONTINUE).contains(request.messages().getLast().content());
                    }
                    continuations++;
                }
                chain.add(simulated);
            }
        }
        assertThat(chains).isGreaterThan(100);
        assertThat(continuations).as("pieces after the first").isGreaterThan(2 * chains);
    }

    /** A finished answer: two or more pieces, all but the last cut at the budget, together beyond one budget. */
    private static void assertFinishedAnswer(List<SimulatedEvent> chain) {
        if (chain.isEmpty()) {
            return;
        }
        assertThat(chain).hasSizeGreaterThanOrEqualTo(2);
        int budget = chain.getFirst().event().request().maxTokens();
        long tokens = 0;
        for (int i = 0; i < chain.size(); i++) {
            ResponseSummary response = chain.get(i).event().response();
            if (response.status() == 200 && i < chain.size() - 1) {
                assertThat(response.finishReason()).contains("length");
            }
            tokens += response.completionTokens();
        }
        if (chain.stream().allMatch(event -> event.event().response().status() == 200)) {
            assertThat(tokens).isGreaterThan(budget);
        }
    }

    /**
     * Bias search: a one- or two-entry {@code logit_bias}, no log-probabilities, a budget of a few tokens but never
     * one, temperature 0; each prompt is asked many times on its key (the search's steps), but the searches of several
     * prompts are interleaved, so a key seldom sends one prompt twice in a row.
     */
    @Test
    void theOutputLayerIsSearchedWithOneTokenBiasesAndNoLogprobs() {
        List<SimulatedEvent> requests = traffic.harvested(ScenarioKind.BIAS_SEARCH);
        assertThat(requests).allSatisfy(simulated -> {
            RequestSummary request = simulated.event().request();
            assertThat(request.logitBiasSize()).isBetween(1, 2);
            assertThat(request.logprobs()).isFalse();
            assertThat(request.topLogprobs()).isZero();
            assertThat(request.maxTokens()).isBetween(4, 24);
            assertThat(request.temperature().orElseThrow()).isZero();
            assertThat(request.messages()).hasSize(1);
            assertThat(simulated.event().api()).isEqualTo("openai");
        });
        int pairs = 0;
        int repeats = 0;
        for (List<SimulatedEvent> key : KindTraffic.perKey(requests).values()) {
            List<String> prompts = key.stream().map(event -> event.event().request().lastUserText()).toList();
            assertThat((double) prompts.size() / new HashSet<>(prompts).size()).as("requests per prompt")
                    .isGreaterThanOrEqualTo(8);
            for (int i = 1; i < prompts.size(); i++) {
                pairs++;
                repeats += prompts.get(i).equals(prompts.get(i - 1)) ? 1 : 0;
            }
        }
        assertThat(repeats).as("consecutive requests with the same prompt").isLessThan(pairs * 2 / 5);
    }

    /**
     * The programme hydra: every account of the programme's tier, on one of a few university domains (shared like a
     * cohort's), with its own card and its own home /24 for sign-up and traffic, signed up within the programme's
     * intake weeks but never in a wave, one key each with its own project's system prompt, each harvesting little.
     */
    @Test
    void programmeAccountsEachLookLikeAnotherStudentsProject() {
        List<SimulatedOrg> accounts = traffic.orgsOf(ScenarioKind.PROGRAMME_HYDRA);
        assertThat(accounts).hasSizeBetween(40, 120).allSatisfy(org -> {
            assertThat(org.profile().tier()).contains("programme");
            assertThat(org.profile().emailDomain().orElseThrow())
                    .matches("[a-z]+\\.(edu|ac\\.uk|ac\\.in|edu\\.au|ac\\.kr|edu\\.sg|ca|de|nl)");
        });
        assertThat(HeldOutSetChecks.distinct(accounts, org -> org.profile().emailDomain().orElseThrow()))
                .hasSizeBetween(1, 6);
        assertThat(HeldOutSetChecks.distinct(accounts, org -> org.profile().paymentFingerprint().orElseThrow()))
                .hasSize(accounts.size());
        assertThat(HeldOutSetChecks.distinct(accounts, org -> slash24(org.profile().signupIp().orElseThrow())))
                .hasSize(accounts.size());
        long start = SimulationTestData.START.toEpochMilli();
        List<Long> signups = accounts.stream().map(org -> org.profile().createdAt().orElseThrow().toEpochMilli())
                .sorted().toList();
        assertThat(signups).allSatisfy(at -> assertThat(at).isBetween(start - 70 * TrafficCadence.DAY,
                start - 4 * TrafficCadence.DAY));
        for (int i = 0; i + 8 < signups.size(); i++) {
            assertThat(signups.get(i + 8) - signups.get(i)).as("nine sign-ups within half an hour: a wave")
                    .isGreaterThan(30 * TrafficCadence.MINUTE);
        }
        Map<String, List<SimulatedEvent>> perAccount = traffic.harvested(ScenarioKind.PROGRAMME_HYDRA).stream()
                .collect(Collectors.groupingBy(event -> event.event().orgId()));
        Map<String, String> slash24Owner = new HashMap<>();
        Set<String> systems = new HashSet<>();
        int withSystem = 0;
        for (Map.Entry<String, List<SimulatedEvent>> account : perAccount.entrySet()) {
            List<SimulatedEvent> events = account.getValue();
            assertThat(events).hasSizeLessThan(400);
            assertThat(events.stream().map(event -> event.event().keyId()).distinct()).hasSize(1);
            assertThat(events.stream().map(event -> event.event().request().system()).distinct()).hasSize(1);
            events.getFirst().event().request().system().ifPresent(systems::add);
            withSystem += events.getFirst().event().request().system().isPresent() ? 1 : 0;
            for (SimulatedEvent event : events) {
                assertThat(slash24Owner.putIfAbsent(slash24(event.event().ip()), account.getKey()))
                        .isIn(null, account.getKey());
            }
        }
        assertThat(perAccount.size()).isGreaterThan(accounts.size() * 3 / 4);
        assertThat(systems.size()).as("projects' own system prompts").isGreaterThanOrEqualTo(withSystem * 9 / 10);
    }

    /**
     * Rejection samples: one answer per request ({@code n} 1) at a high temperature, the item in the organisation's
     * frame; each key goes through the whole list before it asks an item again, and the samples of an item come from
     * keys of more than one organisation.
     */
    @Test
    void everyItemIsSampledOncePerKeyByKeysOfSeveralOrganisations() {
        List<SimulatedEvent> requests = traffic.harvested(ScenarioKind.RESAMPLE_SPREAD);
        assertThat(requests).allSatisfy(simulated -> {
            RequestSummary request = simulated.event().request();
            assertThat(request.n()).isEqualTo(1);
            assertThat(request.temperature().orElseThrow()).isGreaterThanOrEqualTo(0.8);
            assertThat(request.messages()).hasSize(1);
            assertThat(request.logprobs()).isFalse();
        });
        Set<String> material = HeldOutSetChecks.bundledHarvestItems();
        Map<String, List<String>> itemsPerKey = new LinkedHashMap<>();
        Map<String, Set<String>> orgsPerItem = new HashMap<>();
        for (SimulatedEvent simulated : requests) {
            String item = RESAMPLE_PREFIX.matcher(simulated.event().request().lastUserText()).replaceFirst("");
            assertThat(material).contains(item);
            itemsPerKey.computeIfAbsent(simulated.event().keyId(), key -> new ArrayList<>()).add(item);
            orgsPerItem.computeIfAbsent(item, key -> new HashSet<>()).add(simulated.event().orgId());
        }
        int listSize = orgsPerItem.size();
        assertThat(itemsPerKey.values()).as("a key that went through the whole list")
                .anyMatch(items -> new HashSet<>(items).size() == listSize);
        for (List<String> items : itemsPerKey.values()) {
            for (int from = 0; from < items.size(); from += listSize) {
                List<String> pass = items.subList(from, Math.min(items.size(), from + listSize));
                assertThat(new HashSet<>(pass)).as("one pass through the list").hasSize(pass.size());
            }
        }
        assertThat(orgsPerItem.values().stream().filter(owners -> owners.size() >= 2).count())
                .as("items sampled by several organisations").isGreaterThanOrEqualTo(listSize * 9L / 10);
    }

    /**
     * The e-discovery review: production bursts of one-token codings with the label tokens biased and no
     * log-probabilities, under one protocol, answered with a label; reviewers' questions on another key; no harvesting
     * material anywhere.
     */
    @Test
    void theReviewCodesDocumentsWithBiasedLabelsInProductionBursts() {
        List<SimulatedEvent> events = byKind.get(ScenarioKind.EDISCOVERY_REVIEW);
        List<SimulatedEvent> coding = events.stream().filter(event -> event.event().request().logitBiasSize() > 0)
                .toList();
        Set<String> labels = new HashSet<>(List.of("R", "NR", "P", "Relevant", "Not", "Privileged", "Review"));
        assertThat(coding).hasSizeGreaterThan(1_000).allSatisfy(event -> {
            RequestSummary request = event.event().request();
            assertThat(request.maxTokens()).isEqualTo(1);
            assertThat(request.logitBiasSize()).isBetween(3, 4);
            assertThat(request.logprobs()).isFalse();
            assertThat(request.temperature().orElseThrow()).isZero();
            if (event.event().response().status() == 200) {
                assertThat(labels).contains(event.event().response().text().orElseThrow());
            }
        });
        assertThat(coding.stream().map(event -> event.event().request().system().orElseThrow()).distinct()).hasSize(1);
        long busiestHour = coding.stream().collect(Collectors.groupingBy(
                        event -> event.event().ts().toEpochMilli() / TrafficCadence.HOUR, Collectors.counting()))
                .values().stream().mapToLong(Long::longValue).max().orElse(0);
        assertThat(busiestHour).isGreaterThanOrEqualTo(900);
        assertThat(events).filteredOn(event -> event.event().request().logitBiasSize() == 0).isNotEmpty()
                .allSatisfy(event -> assertThat(event.event().keyId()).isNotEqualTo(coding.getFirst().event().keyId()));
        PromptIndex index = new PromptIndex(SimulationTestData.BUNDLED_PROMPTS);
        assertThat(events).allSatisfy(event -> assertThat(index.poolsIn(event.event().request().lastUserText()))
                .noneMatch(PromptSource.Pool::harvesting));
    }

    /** Each campaign kind's own scenario (that campaign in a small background) runs and harvests hundreds of items. */
    @Test
    void eachCampaignKindHasItsOwnScenarioThatHarvests() {
        HeldOutSetChecks.assertEachCampaignKindHarvestsInItsOwnScenario(HOLDOUT10_KINDS);
    }

    private static String slash24(String ip) {
        return ip.substring(0, ip.lastIndexOf('.'));
    }
}
