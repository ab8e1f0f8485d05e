package dev.moat.detect;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The held-out campaign variants of {@code holdout12}, written without reading the detector, each from the side of a
 * lab that knows the published tells and avoids them while still harvesting thousands of exchanges: answers kept only
 * up to their useful part by closing the stream, so every exchange is metered short and none is stored; a hydra of
 * genuine customers' dormant accounts taken over by credential stuffing and woken one by one; step-level reward labels
 * bought in batches from a "content QA" front; and one harvester spread thinly over several API aggregators among
 * their many genuine customers.
 */
final class Holdout12CampaignPlans extends PlanningBlocks {

    /** What a cut-stream organisation's pipeline may put before an item. */
    private static final List<String> ITEM_PREFIXES = List.of("", "", "Q: ", "Question:\n", "Request {n}\n",
            "Customer question: ", "Ticket {n}: ");
    /** Tiers of the small, long-forgotten accounts a credential-stuffing run finds. */
    private static final List<String> DORMANT_TIERS = List.of("free", "free", "self-serve", "self-serve", "developer",
            "standard");
    /** What someone's script might put before an item; each taken-over account's script uses a few of them. */
    private static final List<String> OPENERS = List.of("", "", "", "Answer this: ", "Please help with the following."
            + "\n\n", "Task: ", "Q: ", "Input:\n", "Here is a question.\n\n");
    /** Countries where API aggregators run. */
    private static final List<String> AGGREGATOR_COUNTRIES = List.of("US", "US", "GB", "DE", "NL", "SG");
    /** What an aggregator's downstream customers build. */
    private static final List<String> DOWNSTREAM_APPS = List.of("a writing assistant", "a customer-support chatbot",
            "a language-learning app", "a meeting-notes assistant", "a travel planner", "a study buddy for students",
            "a shopping assistant", "an email drafting tool", "a recipe assistant", "a fitness coach app",
            "a personal finance helper", "a companion chatbot", "a legal-forms helper", "a homework helper");

    Holdout12CampaignPlans(PlanningState state) {
        super(state);
    }

    /**
     * Answers kept only up to their useful part: two to four unlinked established organisations (own card, company domain
     * and hosting /24, 90–1,200 days old, standard or enterprise), each with two to four keys streaming items through
     * its working day at 25–70 an hour at the busiest, each item bare or behind a short record header, an ordinary
     * budget (or none) and no elicitation wording. Each client closes the stream once the worked solution, code or reply
     * has arrived; 5–20 % of answers end there anyway and complete.
     */
    void cutStreams() {
        String campaign = campaignId(ScenarioKind.CUT_STREAMS);
        for (int o = 0, orgCount = 2 + random.nextInt(3); o < orgCount; o++) {
            CompanyFront front = companyFront(ScenarioKind.CUT_STREAMS, campaign, 90, 1_111,
                    List.of("standard", "enterprise"), false);
            List<PromptSource.Pool> pools = harvestPools();
            Optional<String> system = random.nextBoolean() ? Optional.empty()
                    : Optional.of("You are the assistant of " + capitalised(word()) + ". Answer the user's request.");
            List<String> prefixes = List.of(oneOf(ITEM_PREFIXES), oneOf(ITEM_PREFIXES));
            int maxTokens = List.of(0, 2_048, 4_096, 8_192).get(random.nextInt(4));
            OptionalDouble temperature = random.nextBoolean() ? OptionalDouble.empty() : OptionalDouble.of(0.7);
            double completeShare = 0.05 + 0.15 * random.nextDouble();
            TrafficCutStream content = new TrafficCutStream(prompts, pools, system, prefixes, maxTokens, temperature,
                    completeShare);
            String agent = oneOf(SDK_AGENTS);
            for (int k = 0, keys = 2 + random.nextInt(3); k < keys; k++) {
                add(client(front.orgId(), agent), front.servers(),
                        new TrafficCadence.Diurnal(end, 25 + random.nextInt(46), offset(front.country())), content,
                        new TrafficKeyLimit(120), Optional.of(campaign));
            }
        }
    }

    /**
     * A hydra of taken-over dormant accounts: a credential-stuffing run finds 40–100 valid logins of genuine customers'
     * long-forgotten accounts (200–2,500 days old; free, self-serve, developer or standard; each its owner's own country,
     * card, free-mail or company address and sign-up address) and keeps finding more through the period. Each account is
     * woken when found — a new key, a residential-proxy exit of its own in the owner's country (one or two addresses of
     * a /24 no other account uses), one client library — and harvests in one session of one to three hours a day
     * in the owner's daytime, at 18–60 items an hour, until its owner notices and changes the password one to three
     * days later. Nothing but the material links the accounts.
     */
    void dormantTakeover() {
        String campaign = campaignId(ScenarioKind.DORMANT_TAKEOVER);
        List<PromptSource.Pool> pools = harvestPools();
        Set<String> slash24s = new HashSet<>();
        for (int a = 0, accounts = 40 + random.nextInt(61); a < accounts; a++) {
            String country = TrafficNetworks.customerCountry(random);
            long created = start - (200 + random.nextInt(2_301)) * DAY - random.nextLong(DAY);
            String tier = oneOf(DORMANT_TIERS);
            String domain = random.nextInt(3) == 0 ? companyDomain(country) : oneOf(FREE_MAIL);
            String orgId = campaignOrg(ScenarioKind.DORMANT_TAKEOVER, campaign, created, country, tier, domain,
                    payment(), TrafficNetworks.residential(country, random).address(random), false);
            TrafficNetworks.Block exit = unusedSlash24(TrafficNetworks.residential(country, random), slash24s);
            TrafficOrigin origin = TrafficOrigin.of(TrafficOrigin.addresses(exit, 1 + random.nextInt(2), random));
            TrafficSource.Client client = client(orgId, oneOf(SDK_AGENTS));
            TrafficKeyLimit limit = new TrafficKeyLimit(60);
            List<String> openers = List.of(oneOf(OPENERS), oneOf(OPENERS));
            int maxTokens = List.of(0, 1_024, 2_048, 4_096).get(random.nextInt(4));
            OptionalDouble temperature = random.nextBoolean() ? OptionalDouble.empty() : OptionalDouble.of(0.7);
            TrafficAppHarvest content = new TrafficAppHarvest(prompts, pools, Optional.empty(), openers, maxTokens,
                    temperature);
            long woken = start + (long) (random.nextDouble() * 0.85 * (end - start));
            long noticed = woken + (1 + random.nextInt(3)) * DAY + random.nextLong(DAY);
            double perMinute = 0.3 + 0.7 * random.nextDouble();
            int offset = offset(country);
            long localMidnight = Math.floorDiv(woken + offset * TrafficCadence.HOUR, DAY) * DAY
                    - offset * TrafficCadence.HOUR;
            for (long day = localMidnight; day < Math.min(end, noticed); day += DAY) {
                long from = Math.max(woken, day + (9 + random.nextInt(10)) * TrafficCadence.HOUR
                        + random.nextLong(TrafficCadence.HOUR));
                long until = Math.min(Math.min(end, noticed),
                        from + TrafficCadence.HOUR + random.nextLong(2 * TrafficCadence.HOUR));
                if (from < until) {
                    add(client, origin, new TrafficCadence.Steady(from, until, perMinute, 0.6, 0.03), content, limit,
                            Optional.of(campaign));
                }
            }
        }
    }

    /**
     * Step-level reward labels from a "content QA" front: two or three unlinked organisations (own card, company domain
     * and hosting /24, 60–960 days old, standard or self-serve), each with one or two keys sending batches through its
     * working day at 30–70 an hour at the busiest — an item and three to six numbered-step solutions, which are right and
     * where each other one first goes wrong, as JSON — at temperature 0 with a budget of 400–800 tokens. The material is
     * maths, with code for a third of campaigns.
     */
    void stepLabels() {
        String campaign = campaignId(ScenarioKind.STEP_LABELS);
        List<PromptSource.Pool> pools = random.nextInt(3) == 0
                ? List.of(PromptSource.Pool.HARVEST_MATH, PromptSource.Pool.HARVEST_CODE)
                : List.of(PromptSource.Pool.HARVEST_MATH);
        for (int o = 0, orgCount = 2 + random.nextInt(2); o < orgCount; o++) {
            CompanyFront front = companyFront(ScenarioKind.STEP_LABELS, campaign, 60, 901,
                    List.of("standard", "self-serve"), false);
            Optional<String> system = random.nextBoolean() ? Optional.empty()
                    : Optional.of("You check worked solutions for " + capitalised(word())
                    + "'s practice-problem library. Be exact.");
            TrafficStepLabels content = new TrafficStepLabels(prompts, pools, system,
                    List.of(400, 600, 800).get(random.nextInt(3)));
            String agent = oneOf(JOB_AGENTS);
            for (int k = 0, keys = 1 + random.nextInt(2); k < keys; k++) {
                add(client(front.orgId(), agent), front.servers(),
                        new TrafficCadence.Diurnal(end, 30 + random.nextInt(41), offset(front.country())), content,
                        new TrafficKeyLimit(120), Optional.of(campaign));
            }
        }
    }

    /**
     * One harvester spread over three to five API aggregators: each an established partner or enterprise organisation
     * (300–1,800 days old, own card, domain and hosting addresses) relaying 20–40 downstream customers' apps — chat
     * apps with their own system prompts and budgets, following their users' days, and now and then a retrieval app —
     * through one key from its servers with its own client. The harvester is a customer of each, as one or two
     * "apps" per aggregator with a system prompt, record header, budget and temperature of their own, following the
     * aggregator's country's day at 6–20 items an hour at the busiest: a few per cent of the aggregator's traffic.
     * The aggregators are mixed: only the harvester's exchanges are harvesting.
     */
    void aggregatorSpread() {
        String campaign = campaignId(ScenarioKind.AGGREGATOR_SPREAD);
        List<PromptSource.Pool> pools = harvestPools();
        for (int a = 0, aggregators = 3 + random.nextInt(3); a < aggregators; a++) {
            String country = oneOf(AGGREGATOR_COUNTRIES);
            String orgId = campaignOrg(ScenarioKind.AGGREGATOR_SPREAD, campaign,
                    start - (300 + random.nextInt(1_501)) * DAY - random.nextLong(DAY), country,
                    random.nextBoolean() ? "partner" : "enterprise", companyDomain(country), payment(),
                    TrafficNetworks.residential(country, random).address(random), true);
            TrafficOrigin servers = servers(country, 2, 3);
            TrafficSource.Client key = client(orgId, oneOf(JOB_AGENTS));
            TrafficKeyLimit limit = new TrafficKeyLimit(3_000);
            for (int d = 0, apps = 20 + random.nextInt(21); d < apps; d++) {
                Optional<String> system = random.nextInt(4) == 0 ? Optional.empty()
                        : Optional.of("You are " + capitalised(word()) + ", " + oneOf(DOWNSTREAM_APPS) + ".");
                add(key, servers, new TrafficCadence.Sessions(end, 2 + 6 * random.nextDouble(),
                                20_000 + random.nextInt(40_000), offset(TrafficNetworks.customerCountry(random))),
                        conversation(system), limit, Optional.empty());
            }
            if (random.nextInt(3) == 0) {
                add(key, servers, new TrafficCadence.Diurnal(end, 20 + random.nextInt(41),
                        offset(TrafficNetworks.customerCountry(random))), new TrafficRetrieval(prompts, random), limit,
                        Optional.empty());
            }
            double harvestPerHour = 6 + random.nextInt(15);
            List<TrafficAppHarvest> fronts = new ArrayList<>();
            for (int f = 0, count = 1 + random.nextInt(2); f < count; f++) {
                fronts.add(new TrafficAppHarvest(prompts, pools,
                        Optional.of("You are " + capitalised(word()) + ", " + oneOf(DOWNSTREAM_APPS) + "."),
                        List.of(oneOf(ITEM_PREFIXES)), List.of(1_024, 2_048, 4_096).get(random.nextInt(3)),
                        random.nextBoolean() ? OptionalDouble.empty() : OptionalDouble.of(0.7)));
            }
            for (TrafficAppHarvest front : fronts) {
                add(key, servers, new TrafficCadence.Diurnal(end, harvestPerHour / fronts.size(), offset(country)), front,
                        limit, Optional.of(campaign));
            }
        }
    }
}
