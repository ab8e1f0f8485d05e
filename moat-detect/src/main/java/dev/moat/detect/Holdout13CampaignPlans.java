package dev.moat.detect;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The held-out campaign variants of {@code holdout13}, written without reading the detector, each from the side of a
 * lab that knows the published tells and avoids them while still harvesting thousands of exchanges: a hydra of paid
 * crowd workers' own genuine accounts with their own chats beside the harvest; reasoning traces bought as commented
 * programs; the output layer estimated by sampling short continuations again and again instead of asking for
 * log-probabilities or biasing logits; and harvesting offloaded onto the phones of a free consumer app's users.
 */
final class Holdout13CampaignPlans extends PlanningBlocks {

    /** What a crowd worker's extension may put before an item, as if the worker had typed it. */
    private static final List<String> WORKER_OPENERS = List.of("", "", "", "pls answer: ", "Hi, ", "question\n\n",
            "can you help with this? ", "next one: ", "Help me with this.\n\n", "ok\n", "Answer the following.\n\n");
    /** Tiers of personal accounts. */
    private static final List<String> PERSONAL_TIERS = List.of("self-serve", "self-serve", "free", "standard");
    /** What the free consumer apps present themselves as. */
    private static final List<String> CONSUMER_APPS = List.of("a free AI chat companion", "a free homework and "
            + "question-answering app", "a free writing and ideas assistant", "a free all-purpose AI assistant app",
            "a free coding-question helper for beginners");
    /** Countries where free consumer apps find their users (a wide spread, weighted towards large markets). */
    private static final List<String> APP_USER_COUNTRIES = List.of("US", "US", "US", "IN", "IN", "BR", "GB", "DE",
            "FR", "JP", "KR", "CA", "AU", "NL", "PL", "SG", "TW", "BE");

    Holdout13CampaignPlans(PlanningState state) {
        super(state);
    }

    /**
     * A hydra of crowd workers' own accounts: a micro-task platform pays 50–140 workers to install its browser
     * extension, which sends the campaign's items through each worker's own personal account — aged 120–1,600 days, the
     * worker's country, card, free-mail (or, for one in six, employer) address and home connection (a residential /24
     * no other worker uses), the worker's chat client. Each worker keeps chatting as before (sessions in the working
     * day, a conversation each); the extension adds 1.5–4 items an hour at the busiest, in the worker's evening-shifted
     * day, with openers, a budget and a temperature of the worker's own. The accounts are mixed: only the extension's
     * exchanges are harvesting. Nothing but the material links them.
     */
    void crowdSeats() {
        String campaign = campaignId(ScenarioKind.CROWD_SEATS);
        List<PromptSource.Pool> pools = harvestPools();
        Set<String> slash24s = new HashSet<>();
        for (int w = 0, workers = 50 + random.nextInt(91); w < workers; w++) {
            String country = TrafficNetworks.customerCountry(random);
            long created = start - (120 + random.nextInt(1_481)) * DAY - random.nextLong(DAY);
            String domain = random.nextInt(6) == 0 ? companyDomain(country) : oneOf(FREE_MAIL);
            TrafficNetworks.Block home = unusedSlash24(TrafficNetworks.residential(country, random), slash24s);
            String orgId = campaignOrg(ScenarioKind.CROWD_SEATS, campaign, created, country, oneOf(PERSONAL_TIERS),
                    domain, payment(), home.address(random), true);
            TrafficOrigin origin = TrafficOrigin.of(TrafficOrigin.addresses(home, 1, random));
            TrafficSource.Client client = client(orgId, oneOf(CHAT_AGENTS));
            TrafficKeyLimit limit = new TrafficKeyLimit(30);
            int offset = offset(country);
            add(client, origin, new TrafficCadence.Sessions(end, 0.2 + 0.4 * random.nextDouble(),
                    15_000 + random.nextInt(45_000), offset), conversation(Optional.empty()), limit, Optional.empty());
            List<String> openers = List.of(oneOf(WORKER_OPENERS), oneOf(WORKER_OPENERS), oneOf(WORKER_OPENERS));
            int maxTokens = List.of(0, 0, 1_024, 2_048, 4_096).get(random.nextInt(5));
            OptionalDouble temperature = random.nextBoolean() ? OptionalDouble.empty()
                    : OptionalDouble.of(List.of(0.3, 0.7, 1.0).get(random.nextInt(3)));
            // crowd work is done after the day job: the worker's working-day curve moved two to five hours later
            add(client, origin, new TrafficCadence.Diurnal(end, 1.5 + 2.5 * random.nextDouble(),
                            offset - 2 - random.nextInt(4)),
                    new TrafficAppHarvest(prompts, pools, Optional.empty(), openers, maxTokens, temperature), limit,
                    Optional.of(campaign));
        }
    }

    /**
     * Reasoning traces bought as programs: two to four unlinked "coding-course" organisations (own card, company domain
     * and hosting /24, 60–960 days old, standard or self-serve), each with one to three keys sending maths items through
     * its working day at 25–60 an hour at the busiest, each asked as a commented program that computes the answer, in
     * wording assembled per request; budgets of 1,024–2,048 tokens, thinking off, a low temperature or none.
     */
    void programOfThought() {
        String campaign = campaignId(ScenarioKind.PROGRAM_OF_THOUGHT);
        for (int o = 0, orgCount = 2 + random.nextInt(3); o < orgCount; o++) {
            CompanyFront front = companyFront(ScenarioKind.PROGRAM_OF_THOUGHT, campaign, 60, 901,
                    List.of("standard", "self-serve"), false);
            Optional<String> system = random.nextBoolean() ? Optional.empty()
                    : Optional.of("You are the code assistant of " + capitalised(word())
                    + ", a programming course for beginners. Write clear, readable Python.");
            int maxTokens = List.of(1_024, 1_500, 2_048).get(random.nextInt(3));
            OptionalDouble temperature = random.nextBoolean() ? OptionalDouble.empty()
                    : OptionalDouble.of(random.nextBoolean() ? 0.0 : 0.2);
            TrafficProgramOfThought content = new TrafficProgramOfThought(prompts, system, maxTokens, temperature);
            String agent = oneOf(SDK_AGENTS);
            for (int k = 0, keys = 1 + random.nextInt(3); k < keys; k++) {
                add(client(front.orgId(), agent), front.servers(),
                        new TrafficCadence.Diurnal(end, 25 + random.nextInt(36), offset(front.country())), content,
                        new TrafficKeyLimit(120), Optional.of(campaign));
            }
        }
    }

    /**
     * The output layer estimated by sampling: three to five unlinked organisations (own card, company domain and
     * hosting /24, 30–630 days old, standard or self-serve), each with two to four keys running a script through its
     * working day at 20–50 requests an hour at the busiest. Each key keeps four to eight prompts in flight — an item of the material and
     * the start of its solution — and samples each 12–30 times at temperature 1 with a budget of 4–12 tokens before
     * replacing it with the next. No {@code logit_bias}, no {@code logprobs}, {@code n} of 1.
     */
    void sampleCensus() {
        String campaign = campaignId(ScenarioKind.SAMPLE_CENSUS);
        List<PromptSource.Pool> pools = harvestPools();
        for (int o = 0, orgCount = 3 + random.nextInt(3); o < orgCount; o++) {
            CompanyFront front = companyFront(ScenarioKind.SAMPLE_CENSUS, campaign, 30, 601,
                    List.of("standard", "self-serve"), false);
            int maxTokens = List.of(4, 6, 8, 12).get(random.nextInt(4));
            String agent = oneOf(SCRIPT_AGENTS);
            for (int k = 0, keys = 2 + random.nextInt(3); k < keys; k++) {
                int inFlight = 4 + random.nextInt(5);
                int samples = 12 + random.nextInt(19);
                add(client(front.orgId(), agent), front.servers(),
                        new TrafficCadence.Diurnal(end, 20 + random.nextInt(31), offset(front.country())),
                        new TrafficSampleCensus(prompts, pools, inFlight, samples, maxTokens), new TrafficKeyLimit(60),
                        Optional.of(campaign));
            }
        }
    }

    /**
     * Harvesting offloaded onto phones: the lab publishes a free consumer chat app (an organisation 150–900 days old,
     * standard or self-serve, its own company domain and card) whose key is embedded in the app. Its 200–500 users, in
     * many countries, each chat now and then from home or on their carrier (sessions in their day, under the app's
     * system prompt, budget and temperature), and while the app is open their phone also sends 0.3–1.2 of the
     * campaign's items an hour at the busiest, in exactly the app's request shape. The organisation is mixed: only
     * the items are harvesting; every one of them comes from an ordinary residential address.
     */
    void phoneOffload() {
        String campaign = campaignId(ScenarioKind.PHONE_OFFLOAD);
        String country = oneOf(List.of("US", "GB", "SG", "NL", "DE"));
        String orgId = campaignOrg(ScenarioKind.PHONE_OFFLOAD, campaign,
                start - (150 + random.nextInt(751)) * DAY - random.nextLong(DAY), country,
                random.nextBoolean() ? "standard" : "self-serve", companyDomain(country), payment(),
                TrafficNetworks.residential(country, random).address(random), true);
        String app = capitalised(word());
        Optional<String> system = Optional.of("You are " + app + ", " + oneOf(CONSUMER_APPS)
                + ". Be friendly and helpful, and keep answers easy to read on a phone.");
        int maxTokens = List.of(512, 1_024, 1_024, 2_048).get(random.nextInt(4));
        OptionalDouble temperature = random.nextBoolean() ? OptionalDouble.of(0.7) : OptionalDouble.empty();
        List<PromptSource.Pool> pools = harvestPools();
        String mobileSdk = oneOf(List.of("okhttp/4.12.0", "OpenAI/NodeJS/4.67.3", "Dart/3.5 (dart:io)",
                "CFNetwork/1496.0.7 Darwin/23.5.0"));
        TrafficSource.Client key = client(orgId, mobileSdk);
        TrafficKeyLimit limit = new TrafficKeyLimit(3_000);
        TrafficAppHarvest harvest = new TrafficAppHarvest(prompts, pools, system, List.of(""), maxTokens, temperature);
        for (int u = 0, users = 200 + random.nextInt(301); u < users; u++) {
            String userCountry = oneOf(APP_USER_COUNTRIES);
            List<TrafficOrigin.Address> homeWifi = TrafficOrigin.addresses(
                    TrafficNetworks.residential(userCountry, random), 1, random);
            List<TrafficOrigin.Address> carrier = TrafficOrigin.addresses(
                    TrafficNetworks.residential(userCountry, random), 2, random);
            TrafficOrigin phone = new TrafficOrigin(homeWifi, carrier, 0.2 + 0.4 * random.nextDouble());
            // people use a free chat app in their spare time: the working-day curve moved three hours later
            int userOffset = offset(userCountry) - 3;
            add(key, phone, new TrafficCadence.Sessions(end, 0.05 + 0.25 * random.nextDouble(),
                            10_000 + random.nextInt(30_000), userOffset),
                    new TrafficConversation(prompts, system, maxTokens, temperature, false), limit, Optional.empty());
            add(key, phone, new TrafficCadence.Diurnal(end, 0.3 + 0.9 * random.nextDouble(), userOffset), harvest, limit,
                    Optional.of(campaign));
        }
    }
}
