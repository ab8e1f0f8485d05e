package dev.moat.detect;

import static dev.moat.detect.SimulationTestData.HOLDOUT8_KINDS;
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
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * The kinds of {@code holdout8} on the full shared prompt sets: each campaign is a campaign (thousands of harvested
 * exchanges over the scenario's five days, labelled), each is deterministic per seed, and each keeps the property that
 * defines its evasion — the injected sessions wear their app's exact frame, the twin uses the partner's key, client
 * and cloud, the hint conversations carry a whole worked solution in short answers without elicitation wording, and
 * the dialogue factory's follow-ups are written by the model and never repeat a list. The game studio stays ordinary.
 */
class Holdout8VariantsTest {

    private static final Simulator SIMULATOR = new Simulator(SimulationTestData.sharedPrompts());

    /**
     * One organisation or campaign of each holdout8 kind over {@code duration}, event by event to {@code sink} with the
     * organisation that sent it; returns the organisations.
     */
    private static Map<String, SimulatedOrg> run(long seed, Duration duration,
                                                 BiConsumer<SimulatedOrg, SimulatedEvent> sink) {
        Simulation simulation = SIMULATOR.run(SimulationTestData.oneOfEach("holdout8", HOLDOUT8_KINDS, duration),
                SimulationSettings.of(seed, SimulationTestData.START));
        Map<String, SimulatedOrg> orgs = simulation.orgs().stream()
                .collect(Collectors.toMap(SimulatedOrg::orgId, org -> org));
        simulation.forEachRemaining(event -> sink.accept(orgs.get(event.event().orgId()), event));
        return orgs;
    }

    /** The events of organisations of {@code kind} only. */
    private static void run(long seed, Duration duration, ScenarioKind kind,
                            BiConsumer<SimulatedOrg, SimulatedEvent> sink) {
        run(seed, duration, (org, event) -> {
            if (org.kind() == kind) {
                sink.accept(org, event);
            }
        });
    }

    @Test
    void everyCampaignHarvestsThousandsOfLabelledExchangesOverFiveDays() {
        for (long seed = 1; seed <= 2; seed++) {
            Map<String, Long> harvested = new HashMap<>();
            Map<String, Set<Boolean>> seen = new HashMap<>();
            Map<String, SimulatedOrg> orgs = run(seed, Duration.ofDays(5), (org, event) -> {
                event.campaignId().ifPresent(campaign -> harvested.merge(campaign, 1L, Long::sum));
                seen.computeIfAbsent(event.event().orgId(), id -> new HashSet<>()).add(event.harvesting());
            });
            for (ScenarioKind kind : HOLDOUT8_KINDS) {
                List<SimulatedOrg> ofKind = orgs.values().stream().filter(org -> org.kind() == kind).toList();
                assertThat(ofKind).as(kind.label()).isNotEmpty();
                if (!kind.campaign()) {
                    assertThat(ofKind).allMatch(SimulatedOrg::benign);
                    ofKind.forEach(org -> assertThat(seen.get(org.orgId())).containsExactly(false));
                    continue;
                }
                String campaign = "camp_" + kind.label() + "_1";
                assertThat(ofKind).allSatisfy(org -> assertThat(org.campaignId()).contains(campaign));
                assertThat(harvested.get(campaign)).as(kind.label() + " seed " + seed).isGreaterThan(1_000);
                boolean mixed = kind == ScenarioKind.WRAPPER_INJECTION || kind == ScenarioKind.CLOUD_TWIN;
                for (SimulatedOrg org : ofKind) {
                    assertThat(org.mixed()).as(kind.label()).isEqualTo(mixed);
                    assertThat(seen.get(org.orgId())).as(kind.label())
                            .isEqualTo(mixed ? Set.of(true, false) : Set.of(true));
                }
            }
        }
    }

    @Property(tries = 2)
    void theSameSeedGivesTheSameTrafficAndAnotherSeedOther(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        List<String> once = new ArrayList<>();
        List<String> again = new ArrayList<>();
        List<String> other = new ArrayList<>();
        run(seed, Duration.ofHours(30), (org, event) -> once.add(line(event)));
        run(seed, Duration.ofHours(30), (org, event) -> again.add(line(event)));
        run(seed + 1, Duration.ofHours(30), (org, event) -> other.add(line(event)));
        assertThat(once).hasSizeGreaterThan(1_000).isEqualTo(again);
        assertThat(other).isNotEqualTo(once);
    }

    /**
     * The injected sessions are 10–20 % of the app's sessions and have its exact frame — key, client, servers, system
     * prompt, budget, temperature — and their follow-ups are the ones its real users type.
     */
    @Property(tries = 3)
    void injectedSessionsWearTheirAppsExactFrame(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        Map<String, Set<String>> genuineFrames = new HashMap<>();
        Map<String, Set<String>> injectedFrames = new HashMap<>();
        Map<String, long[]> counts = new HashMap<>();
        Set<String> followUps = new HashSet<>();
        Set<String> apps = new HashSet<>();
        run(seed, Duration.ofDays(2), ScenarioKind.WRAPPER_INJECTION, (org, event) -> {
            apps.add(org.orgId());
            UsageEvent e = event.event();
            RequestSummary request = e.request();
            String frame = String.join("|", e.keyId(), e.userAgent(), e.ip(), request.system().orElse(""),
                    Integer.toString(request.maxTokens()), request.temperature().toString(),
                    Boolean.toString(request.thinking()), Integer.toString(request.n()));
            (event.harvesting() ? injectedFrames : genuineFrames).computeIfAbsent(e.orgId(), id -> new HashSet<>())
                    .add(frame);
            long[] count = counts.computeIfAbsent(e.orgId(), id -> new long[3]);
            count[event.harvesting() ? 1 : 0]++;
            if (event.harvesting() && request.turns() > 1) {
                count[2]++;
                followUps.add(request.lastUserText());
            }
        });
        assertThat(apps).hasSize(1);
        String app = apps.iterator().next();
        assertThat(genuineFrames.get(app)).containsAll(injectedFrames.get(app));
        long[] count = counts.get(app);
        double share = count[1] / (double) (count[0] + count[1]);
        assertThat(share).isBetween(0.05, 0.25);
        assertThat(count[2]).as("injected follow-up turns").isGreaterThan(count[1] / 5);
        assertThat(TrafficConversation.FOLLOW_UPS).containsAll(followUps);
    }

    /**
     * The twin sends on the partner's own key with the partner's client, from the partner's cloud provider and country
     * (the same /16 of hosting addresses, another /24), under the partner assistant's system prompt, from a point
     * after the period began; the partner's own traffic never comes from the twin's /24.
     */
    @Property(tries = 3)
    void theTwinUsesThePartnersKeyClientAndCloud(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        Map<String, Set<String>> genuine = new HashMap<>();
        Map<String, Set<String>> twin = new HashMap<>();
        Set<String> genuineSystems = new HashSet<>();
        Set<String> twinSystems = new HashSet<>();
        Instant[] firstTheft = {Instant.MAX};
        Set<SimulatedOrg> partners = new HashSet<>();
        run(seed, Duration.ofDays(3), ScenarioKind.CLOUD_TWIN, (org, event) -> {
            partners.add(org);
            UsageEvent e = event.event();
            String subnet = e.ip().substring(0, e.ip().lastIndexOf('.'));
            String slash16 = subnet.substring(0, subnet.lastIndexOf('.'));
            Map<String, Set<String>> into = event.harvesting() ? twin : genuine;
            into.computeIfAbsent("identity", key -> new HashSet<>())
                    .add(e.orgId() + "|" + e.keyId() + "|" + e.userAgent() + "|" + e.api() + "|" + e.model());
            into.computeIfAbsent("where", key -> new HashSet<>()).add(e.country() + "|" + e.network() + "|" + slash16);
            into.computeIfAbsent("subnets", key -> new HashSet<>()).add(subnet);
            e.request().system().ifPresent(event.harvesting() ? twinSystems::add : genuineSystems::add);
            if (event.harvesting() && e.ts().isBefore(firstTheft[0])) {
                firstTheft[0] = e.ts();
            }
        });
        assertThat(partners).singleElement()
                .satisfies(partner -> assertThat(partner.profile().tier()).contains("partner"));
        assertThat(twin.get("identity")).hasSize(1).isSubsetOf(genuine.get("identity"));
        assertThat(twin.get("where")).hasSize(1).isEqualTo(genuine.get("where"))
                .allSatisfy(where -> assertThat(where).contains("|hosting|"));
        assertThat(twin.get("subnets")).doesNotContainAnyElementsOf(genuine.get("subnets"));
        assertThat(twinSystems).hasSize(1);
        assertThat(genuineSystems).containsAll(twinSystems);
        assertThat(firstTheft[0]).isAfter(SimulationTestData.START.plus(Duration.ofDays(3).dividedBy(10)));
    }

    /**
     * The hint conversations ask for one piece at a time in words without reasoning demands, with small budgets and no
     * thinking; each answer is short, and the answers of one conversation together hold every line of the item's
     * worked solution (the chain of thought, reassembled).
     */
    @Property(tries = 3)
    void hintConversationsReassembleTheWholeWorkedSolutionFromShortAnswers(
            @ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        PromptSource prompts = SimulationTestData.sharedPrompts();
        PromptIndex index = new PromptIndex(prompts);
        Map<String, String> workings = new HashMap<>();
        for (PromptSource.Prompt item : prompts.pool(PromptSource.Pool.HARVEST_MATH)) {
            workings.put(item.text().strip(), item.reference().orElseThrow());
        }
        List<String> telling = List.of("step", "explain", "reason", "think", "show", "chain of thought");
        int[] counts = new int[3];
        run(seed, Duration.ofDays(2), ScenarioKind.SOCRATIC_STEPS, (org, event) -> {
            assertThat(event.harvesting()).isTrue();
            RequestSummary request = event.event().request();
            counts[0]++;
            assertThat(request.thinking()).isFalse();
            assertThat(request.maxTokens()).isBetween(1, 512);
            assertThat(event.event().response().completionTokens()).isLessThanOrEqualTo(request.maxTokens());
            Set<String> items = index.promptsIn(request.messages().getFirst().content());
            assertThat(items).as("the item the conversation is about").isNotEmpty();
            for (UsageEvent.Message message : request.messages()) {
                if (message.role().equals("user")) {
                    String asked = message.content();
                    for (String item : items) {
                        asked = asked.replace(item, "");
                    }
                    String lower = asked.toLowerCase(Locale.ROOT);
                    assertThat(telling).as(asked).noneMatch(lower::contains);
                }
            }
            Optional<String> answer = event.event().response().text();
            if (request.turns() > 1) {
                counts[1]++;
            }
            if (answer.isPresent() && answer.get().startsWith("So the answer is")) {
                String item = items.stream().filter(workings::containsKey).findFirst().orElseThrow();
                String given = request.messages().stream().filter(message -> message.role().equals("assistant"))
                        .map(UsageEvent.Message::content).collect(Collectors.joining("\n"));
                List<String> lines = workings.get(item).lines().map(String::strip)
                        .filter(line -> !line.isEmpty() && !line.startsWith("####")).toList();
                assertThat(lines).allSatisfy(line -> assertThat(given).contains(line));
                counts[2]++;
            }
        });
        assertThat(counts[0]).isGreaterThan(200);
        assertThat(counts[1]).as("follow-up turns").isGreaterThan(counts[0] / 2);
        assertThat(counts[2]).as("completed maths conversations").isGreaterThan(20);
    }

    /**
     * The factory alternates the model's two roles: user-side requests (a role-play system prompt and the transcript)
     * whose answers come back as the next user message of the assistant-side conversation; those follow-ups are new
     * wording almost every time, and conversations go three or more user turns deep.
     */
    @Property(tries = 3)
    void theDialogueFactoryHasTheModelWriteEveryFollowUp(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        List<String> written = new ArrayList<>();
        Set<String> askedBack = new HashSet<>();
        int[] counts = new int[3];
        run(seed, Duration.ofDays(2), ScenarioKind.SELF_CHAT, (org, event) -> {
            assertThat(event.harvesting()).isTrue();
            RequestSummary request = event.event().request();
            boolean userSide = request.system().filter(system -> system.startsWith("You are role-playing")).isPresent();
            if (userSide) {
                counts[0]++;
                assertThat(request.turns()).isEqualTo(1);
                event.event().response().text().ifPresent(written::add);
            } else {
                counts[1]++;
                assertThat(request.system()).isEmpty();
                List<UsageEvent.Message> messages = request.messages();
                for (int i = 1; i < messages.size(); i++) {
                    if (messages.get(i).role().equals("user")) {
                        askedBack.add(messages.get(i).content());
                    }
                }
                if (messages.size() >= 5) {
                    counts[2]++;
                }
            }
        });
        assertThat(counts[0]).isGreaterThan(200);
        assertThat(counts[0] / (double) (counts[0] + counts[1])).isBetween(0.3, 0.5);
        assertThat(counts[2]).as("assistant requests three or more user turns deep").isGreaterThan(counts[1] / 3);
        List<String> answered = written.stream().filter(text -> !text.isEmpty()).toList();
        // a user-side request the key's limit or the upstream refused has no text, yet the factory went on
        Set<String> answeredOnce = new HashSet<>(answered);
        assertThat(askedBack.stream().filter(answeredOnce::contains).count())
                .isGreaterThan((long) (0.98 * askedBack.size()));
        assertThat(answeredOnce.size()).isGreaterThan((int) (0.9 * answered.size()));
    }

    /**
     * The game studio is ordinary but looks like template harvesting: its content passes send one template under one
     * system prompt with several variants a request at a high temperature, its writers hold multi-turn sessions, and
     * nothing it sends comes from any prompt set.
     */
    @Property(tries = 3)
    void aGameStudioSendsOneTemplateWithVariantsAndNoHarvestingMaterial(
            @ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        PromptIndex index = new PromptIndex(SimulationTestData.sharedPrompts());
        Map<String, Set<String>> systemsByKey = new HashMap<>();
        int[] counts = new int[3];
        Set<String> studios = new HashSet<>();
        run(seed, Duration.ofDays(3), ScenarioKind.NPC_DIALOGUE, (org, event) -> {
            UsageEvent e = event.event();
            studios.add(e.orgId());
            assertThat(e.request().system().orElseThrow()).startsWith("You are a narrative designer");
            assertThat(event.harvesting()).isFalse();
            assertThat(index.poolsIn(e.request().lastUserText())).isEmpty();
            systemsByKey.computeIfAbsent(e.keyId(), key -> new HashSet<>()).add(e.request().system().orElseThrow());
            if (e.request().n() > 1) {
                counts[0]++;
                assertThat(e.request().n()).isBetween(2, 4);
                assertThat(e.request().temperature().orElseThrow()).isGreaterThanOrEqualTo(0.9);
                assertThat(e.request().lastUserText()).startsWith("NPC: ").contains("Output JSON");
            } else {
                counts[1]++;
                if (e.request().turns() > 1) {
                    counts[2]++;
                }
            }
        });
        assertThat(studios).hasSize(1);
        assertThat(systemsByKey.values()).allSatisfy(systems -> assertThat(systems).hasSize(1));
        assertThat(counts[0]).as("content-pass requests").isGreaterThan(400);
        assertThat(counts[2]).as("writers' follow-up notes").isGreaterThan(counts[1] / 3);
    }

    private static String line(SimulatedEvent event) {
        return UsageEventCodec.toJson(event.event()) + event.campaignId();
    }

    @Test
    void eachCampaignKindHasItsOwnScenario() {
        for (ScenarioKind kind : HOLDOUT8_KINDS) {
            if (!kind.campaign()) {
                continue;
            }
            Simulation simulation = SIMULATOR.run(ScenarioCatalog.named(kind.label()).withDuration(Duration.ofDays(1)),
                    SimulationSettings.of(8, SimulationTestData.START).withScale(0.3));
            assertThat(simulation.orgs()).filteredOn(org -> org.kind() == kind).isNotEmpty()
                    .allSatisfy(org -> assertThat(org.campaignId()).contains("camp_" + kind.label() + "_1"));
            long harvested = simulation.stream().filter(SimulatedEvent::harvesting).count();
            assertThat(harvested).as(kind.label()).isPositive();
        }
    }
}
