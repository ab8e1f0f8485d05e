package dev.moat.detect;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The held-out campaign variants of {@code holdout14}, written without reading the detector, each from the side of a
 * lab that knows the published tells and avoids them while still harvesting thousands of exchanges: the model's
 * safety judgment mapped through borderline requests from a hydra on residential proxies; a hydra that follows the sun
 * through three regions' office hours; the tokenizer and chat template read from the usage of one-token requests; and
 * a synthetic pre-training corpus written by the model for "educational content" studios.
 */
final class Holdout14CampaignPlans extends PlanningBlocks {

    /** The three regions of a follow-the-sun hydra: the countries its accounts sit in (the first is the hub). */
    private static final List<List<String>> REGIONS = List.of(List.of("US", "CA", "BR"), List.of("DE", "GB", "FR", "NL"),
            List.of("JP", "KR", "SG", "IN", "AU"));
    /** Clients a region's desk may use, one each (a region's tooling is its own). */
    private static final List<String> DESK_AGENTS = List.of("LibreChat/0.7.5", "TypingMind/1.0", "Open WebUI/0.3.35",
            "openai-python/1.54.4", "OpenAI/NodeJS/4.67.3", "anthropic-sdk-python/0.39.0", "httpx/0.27.0");
    /** What a worker on shift may type before an item. */
    private static final List<String> PLAIN_OPENERS = List.of("", "", "", "", "solve: ", "Next: ", "Another one. ",
            "Can you do this one?\n\n", "Q: ", "hi, ", "ok now this:\n");
    /** Where research-looking organisations have their addresses. */
    private static final List<String> RESEARCH_DOMAINS = List.of("research.org", "-lab.org", "institute.org", "ai.org",
            "-nlp.org");

    Holdout14CampaignPlans(PlanningState state) {
        super(state);
    }

    /**
     * The model's safety judgment mapped: a hydra of 30–120 small accounts (self-serve or free, signed up 3–200 days
     * before the period, one at a time), each on a residential proxy of its own country — a sticky /24 no other account
     * uses and, now and then, another exit of the proxy pool — with a chat client or SDK, each sending borderline
     * requests through its country's day in sessions of one request (two when it pushes back on a refusal), 3–7 an
     * hour at the busiest, in framings, judgment wordings, casing, budget and temperature of its own. Free-mail addresses
     * and own cards, except two to four cards each shared by two or three accounts and one throwaway domain shared by
     * three to six.
     */
    void refusalMap() {
        String campaign = campaignId(ScenarioKind.REFUSAL_MAP);
        int accounts = 30 + random.nextInt(91);
        List<String> cards = new ArrayList<>(Collections.nCopies(accounts, (String) null));
        for (int c = 0, shared = 2 + random.nextInt(3); c < shared; c++) {
            String card = payment();
            for (int k = 0, uses = 2 + random.nextInt(2); k < uses; k++) {
                cards.set(unassigned(cards), card);
            }
        }
        List<String> domains = new ArrayList<>(Collections.nCopies(accounts, (String) null));
        String throwaway = word() + word() + oneOf(List.of(".net", ".xyz", ".io"));
        for (int k = 0, uses = 3 + random.nextInt(4); k < uses; k++) {
            domains.set(unassigned(domains), throwaway);
        }
        Set<String> slash24s = new HashSet<>();
        for (int a = 0; a < accounts; a++) {
            String country = TrafficNetworks.customerCountry(random);
            TrafficNetworks.Block sticky = unusedSlash24(TrafficNetworks.residential(country, random), slash24s);
            List<TrafficOrigin.Address> usual = TrafficOrigin.addresses(sticky, 1 + random.nextInt(2), random);
            List<TrafficOrigin.Address> rotation = new ArrayList<>();
            for (int r = 0, exits = 2 + random.nextInt(3); r < exits; r++) {
                rotation.addAll(TrafficOrigin.addresses(unusedSlash24(TrafficNetworks.residential(country, random),
                        slash24s), 1, random));
            }
            String orgId = campaignOrg(ScenarioKind.REFUSAL_MAP, campaign,
                    start - (3 + random.nextInt(198)) * DAY - random.nextLong(DAY), country,
                    random.nextInt(4) == 0 ? "free" : "self-serve",
                    domains.get(a) != null ? domains.get(a) : oneOf(FREE_MAIL),
                    cards.get(a) != null ? cards.get(a) : payment(), usual.getFirst().ip(), false);
            List<String> framings = new ArrayList<>(List.of(""));
            for (int f = 0, count = 3 + random.nextInt(6); f < count; f++) {
                framings.add(oneOf(TrafficRefusalMap.FRAMINGS));
            }
            List<String> judgments = List.of(oneOf(TrafficRefusalMap.JUDGMENTS), oneOf(TrafficRefusalMap.JUDGMENTS));
            int maxTokens = List.of(0, 0, 512, 1_024, 2_048).get(random.nextInt(5));
            OptionalDouble temperature = random.nextBoolean() ? OptionalDouble.empty()
                    : OptionalDouble.of(List.of(0.0, 0.5, 0.7, 1.0).get(random.nextInt(4)));
            TrafficRefusalMap content = new TrafficRefusalMap(framings, judgments, 0.1 + 0.35 * random.nextDouble(),
                    random.nextInt(4) == 0, maxTokens, temperature, random.nextBoolean());
            String agent = random.nextInt(3) == 0 ? oneOf(SDK_AGENTS) : oneOf(CHAT_AGENTS);
            add(client(orgId, agent), new TrafficOrigin(usual, rotation, 0.15 + 0.25 * random.nextDouble()),
                    new TrafficCadence.Sessions(end, 3 + 4 * random.nextDouble(), 20_000 + random.nextInt(40_000),
                            offset(country)),
                    content, new TrafficKeyLimit(20), Optional.of(campaign));
        }
    }

    /**
     * A hydra that follows the sun: three regions (the Americas, Europe, Asia-Pacific), each with 8–15 accounts of its
     * own (self-serve or standard, 20–400 days old, own cards; a region's desk address or free mail), its own client and
     * its own network — a cloud-desktop /24 or an office line in the region's hub country, three to eight addresses the
     * region's accounts share. Each account works only in its region's office hours (weekdays, 9 to 17 or 18 local
     * time), in sittings of 6–26 items of a reasoning data set, each pasted on its own in plain words after the last
     * answer has been read (45 s to 2 min); the regions hand the work on to each other around the clock.
     */
    void followTheSun() {
        String campaign = campaignId(ScenarioKind.FOLLOW_THE_SUN);
        List<String> agents = new ArrayList<>(DESK_AGENTS);
        List<PromptSource.Pool> pools = List.of(PromptSource.Pool.HARVEST_MATH);
        for (List<String> region : REGIONS) {
            String hub = region.getFirst();
            String agent = agents.remove(random.nextInt(agents.size()));
            TrafficNetworks.Block network = (random.nextBoolean() ? TrafficNetworks.hosting(hub, random)
                    : TrafficNetworks.residential(hub, random)).narrow(random);
            List<TrafficOrigin.Address> desk = TrafficOrigin.addresses(network, 3 + random.nextInt(6), random);
            String deskDomain = companyDomain(hub);
            int maxTokens = List.of(0, 2_048, 4_096).get(random.nextInt(3));
            OptionalDouble temperature = random.nextBoolean() ? OptionalDouble.empty() : OptionalDouble.of(0.6);
            int until = 17 + random.nextInt(2);
            for (int a = 0, accounts = 8 + random.nextInt(8); a < accounts; a++) {
                String country = random.nextInt(3) == 0 ? oneOf(region) : hub;
                TrafficOrigin.Address signup = desk.get(random.nextInt(desk.size()));
                String orgId = campaignOrg(ScenarioKind.FOLLOW_THE_SUN, campaign,
                        start - (20 + random.nextInt(381)) * DAY - random.nextLong(DAY), country,
                        random.nextBoolean() ? "self-serve" : "standard",
                        random.nextBoolean() ? deskDomain : oneOf(FREE_MAIL), payment(), signup.ip(), false);
                List<TrafficOrigin.Address> seats = new ArrayList<>(List.of(signup));
                if (random.nextBoolean()) {
                    seats.add(desk.get(random.nextInt(desk.size())));
                }
                List<String> openers = List.of(oneOf(PLAIN_OPENERS), oneOf(PLAIN_OPENERS), oneOf(PLAIN_OPENERS));
                int fewest = 6 + random.nextInt(5);
                add(client(orgId, agent), TrafficOrigin.of(seats),
                        new TrafficCadence.OfficeHours(end, 0.5 + 0.5 * random.nextDouble(),
                                45_000 + random.nextInt(75_000), offset(hub), 9, until),
                        new TrafficShiftSession(prompts, pools, openers, fewest, fewest + 8 + random.nextInt(9),
                                maxTokens, temperature),
                        new TrafficKeyLimit(20), Optional.of(campaign));
            }
        }
    }

    /**
     * The tokenizer and chat template read from reported usage: one research-looking organisation (standard, 60–700
     * days old, an {@code .org} research address, own card) with two to four keys on one cloud notebook's addresses.
     * Each key works through two to four families of crafted strings with a budget of one token (temperature 0 or
     * none), in script runs of 600–2,500 requests at 30–120 a minute, one to three runs each weekday (now and then one
     * at the weekend), started in the working day.
     */
    void tokenizerProbe() {
        String campaign = campaignId(ScenarioKind.TOKENIZER_PROBE);
        String country = TrafficNetworks.customerCountry(random);
        String orgId = campaignOrg(ScenarioKind.TOKENIZER_PROBE, campaign,
                start - (60 + random.nextInt(641)) * DAY - random.nextLong(DAY), country, "standard",
                word() + oneOf(RESEARCH_DOMAINS), payment(), TrafficNetworks.residential(country, random).address(random),
                false);
        TrafficOrigin notebook = servers(country, 1, 2);
        String agent = oneOf(SCRIPT_AGENTS);
        Optional<String> systemProbe = Optional.of(oneOf(List.of("x", "You are a helpful assistant.", ".", "a")));
        List<PromptSource.Pool> pools = harvestPools();
        int offset = offset(country);
        for (int k = 0, keys = 2 + random.nextInt(3); k < keys; k++) {
            List<TrafficTokenizerProbe.Family> families = new ArrayList<>(List.of(TrafficTokenizerProbe.Family.values()));
            while (families.size() > 2 + random.nextInt(3)) {
                families.remove(random.nextInt(families.size()));
            }
            TrafficTokenizerProbe content = new TrafficTokenizerProbe(prompts, pools, families,
                    random.nextBoolean() ? OptionalDouble.of(0.0) : OptionalDouble.empty(), systemProbe,
                    random.nextBoolean());
            TrafficSource.Client key = client(orgId, agent);
            TrafficKeyLimit limit = new TrafficKeyLimit(300);
            for (long day = Math.floorDiv(start + offset * TrafficCadence.HOUR, DAY) * DAY - offset * TrafficCadence.HOUR;
                 day < end; day += DAY) {
                boolean weekend = Math.floorMod(Math.floorDiv(day + offset * TrafficCadence.HOUR + 12 * TrafficCadence.HOUR,
                        DAY) + 3, 7) >= 5;
                int runs = weekend ? (random.nextInt(4) == 0 ? 1 : 0) : 1 + random.nextInt(3);
                for (int r = 0; r < runs; r++) {
                    long from = day + (9 + random.nextInt(9)) * TrafficCadence.HOUR + random.nextLong(TrafficCadence.HOUR);
                    int requests = 600 + random.nextInt(1_901);
                    double perMinute = 30 + random.nextInt(91);
                    if (from + TrafficCadence.HOUR < start || from >= end) {
                        continue;
                    }
                    add(key, notebook, new TrafficCadence.Counted(new TrafficCadence.Steady(from, end, perMinute, 0.3,
                            0.002), requests), content, limit, Optional.of(campaign));
                }
            }
        }
    }

    /**
     * A synthetic pre-training corpus: two or three unlinked "educational content" studios (standard or enterprise,
     * 90–900 days old, own card, company domain and hosting /24), each with one or two keys running a nightly job from
     * one to three in the morning local time — 500–1,500 long pieces at 6–15 a minute — and a daytime trickle of
     * single pieces (4–12 an hour at the busiest), every piece in the studio's own wording, 4–8 k token budgets and a
     * high temperature.
     */
    void corpusSynthesis() {
        String campaign = campaignId(ScenarioKind.CORPUS_SYNTHESIS);
        for (int o = 0, orgCount = 2 + random.nextInt(2); o < orgCount; o++) {
            CompanyFront front = companyFront(ScenarioKind.CORPUS_SYNTHESIS, campaign, 90, 811,
                    List.of("standard", "enterprise"), false);
            String studio = capitalised(word()) + " " + oneOf(List.of("Learning", "Press", "Education", "Studio",
                    "Academy"));
            Optional<String> system = random.nextBoolean() ? Optional.empty()
                    : Optional.of("You are a senior writer at " + studio + ", an educational publisher. Write original, "
                    + "accurate and engaging material in a clear voice.");
            // worked problems, programming tasks and role-play scenes make a lesson's example; tool-use records do not
            List<PromptSource.Pool> pools = new ArrayList<>(harvestPools());
            pools.remove(PromptSource.Pool.HARVEST_TOOL);
            if (pools.isEmpty()) {
                pools.add(PromptSource.Pool.HARVEST_MATH);
            }
            TrafficCorpusSynthesis content = new TrafficCorpusSynthesis(prompts, pools, system,
                    subset(TrafficCorpusSynthesis.OPENERS, 2, 3), subset(TrafficCorpusSynthesis.GENRES, 3, 4),
                    subset(TrafficCorpusSynthesis.AUDIENCES, 2, 4), subset(TrafficCorpusSynthesis.ANCHORS, 2, 2),
                    subset(TrafficCorpusSynthesis.CLOSERS, 2, 3), 0.1 + 0.2 * random.nextDouble(),
                    List.of(4_096, 6_000, 8_192).get(random.nextInt(3)),
                    OptionalDouble.of(List.of(0.8, 0.9, 1.0).get(random.nextInt(3))));
            String agent = oneOf(JOB_AGENTS);
            int offset = offset(front.country());
            for (int k = 0, keys = 1 + random.nextInt(2); k < keys; k++) {
                TrafficSource.Client key = client(front.orgId(), agent);
                TrafficKeyLimit limit = new TrafficKeyLimit(120);
                int startHourUtc = Math.floorMod(1 + random.nextInt(3) - offset, 24);
                add(key, front.servers(), new TrafficCadence.DailyRun(end, startHourUtc, 500 + random.nextInt(1_001),
                        6 + random.nextInt(10)), content, limit, Optional.of(campaign));
                add(key, front.servers(), new TrafficCadence.Diurnal(end, 4 + random.nextInt(9), offset), content, limit,
                        Optional.of(campaign));
            }
        }
    }

    /** An index of {@code slots} not assigned yet, drawn uniformly. */
    private int unassigned(List<String> slots) {
        while (true) {
            int index = random.nextInt(slots.size());
            if (slots.get(index) == null) {
                return index;
            }
        }
    }

    /** {@code fewest} to {@code fewest + spread - 1} different values of {@code values}, in a drawn order. */
    private List<String> subset(List<String> values, int fewest, int spread) {
        List<String> pool = new ArrayList<>(values);
        List<String> chosen = new ArrayList<>();
        for (int i = 0, count = Math.min(values.size(), fewest + random.nextInt(spread)); i < count; i++) {
            chosen.add(pool.remove(random.nextInt(pool.size())));
        }
        return chosen;
    }
}
