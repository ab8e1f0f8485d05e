package dev.moat.detect;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The held-out campaign variants of {@code holdout8}, written without reading the detector, each from the side of a lab
 * that knows the published tells and avoids them while still harvesting thousands of exchanges: a reseller that is
 * itself the harvester and injects sessions shaped exactly like its users' into its own app's stream, a partner's
 * leaked key used from the partner's own cloud with the partner's client and system prompt, reasoning coerced one short
 * step per turn by "students" asking for hints, and a synthetic-dialogue factory in which the model also writes the
 * user's side.
 */
final class Holdout8CampaignPlans extends PlanningBlocks {

    /** The writing-assistant apps a harvesting reseller runs, as their system prompts. */
    private static final List<String> WRITING_APPS = List.of(
            "You are {app}, a writing assistant. Help the user draft, edit and understand text. Be clear and concise.",
            "You are the assistant inside {app}, an AI writing tool for professionals. Answer helpfully and keep the "
                    + "user's voice.",
            "You are {app}. You help people write emails, essays and reports, and answer their questions along the "
                    + "way.");
    /** Countries with a hosting block of their own: a partner's servers and its twin are in one provider there. */
    private static final List<String> CLOUD_COUNTRIES = List.of("US", "GB", "DE", "FR", "JP");

    Holdout8CampaignPlans(PlanningState state) {
        super(state);
    }

    /**
     * A reseller that is the harvester: an established writing-assistant app (200–1,200 days old, standard or
     * enterprise) relaying 500–1,000 genuine end users' chats through one key from its servers, under its system
     * prompt, budget and temperature. Its operator adds virtual end users whose sessions open with an item of the campaign's
     * material and go on with the follow-ups real users type — as many as make 12–20 % of the app's sessions, with the
     * same session rates, think times and time zones as the real users. Mixed: only the injected sessions harvest.
     */
    void wrapperInjection() {
        String campaign = campaignId(ScenarioKind.WRAPPER_INJECTION);
        String country = TrafficNetworks.customerCountry(random);
        String orgId = campaignOrg(ScenarioKind.WRAPPER_INJECTION, campaign,
                start - (200 + random.nextInt(1_001)) * DAY - random.nextLong(DAY), country,
                random.nextBoolean() ? "standard" : "enterprise", companyDomain(country), payment(),
                TrafficNetworks.residential(country, random).address(random), true);
        TrafficOrigin backend = servers(country, 2, 3);
        TrafficSource.Client key = client(orgId, oneOf(SDK_AGENTS));
        TrafficKeyLimit limit = new TrafficKeyLimit(1_000);
        Optional<String> system = Optional.of(oneOf(WRITING_APPS).replace("{app}", capitalised(word())));
        int maxTokens = List.of(0, 1_024, 2_048, 4_096).get(random.nextInt(4));
        OptionalDouble temperature = random.nextBoolean() ? OptionalDouble.empty() : OptionalDouble.of(0.7);
        int users = 500 + random.nextInt(501);
        for (int u = 0; u < users; u++) {
            add(key, backend, endUserSessions(country),
                    new TrafficConversation(prompts, system, maxTokens, temperature, false), limit, Optional.empty());
        }
        double share = 0.12 + 0.08 * random.nextDouble();
        List<PromptSource.Pool> pools = harvestPools();
        for (int v = 0, injected = (int) Math.round(users * share / (1 - share)); v < injected; v++) {
            add(key, backend, endUserSessions(country),
                    new TrafficBlendedSession(prompts, pools, system, maxTokens, temperature), limit,
                    Optional.of(campaign));
        }
    }

    /** An app's end user — or a virtual one that must look like them: sessions in the user's own working day. */
    private TrafficCadence endUserSessions(String appCountry) {
        String userCountry = random.nextInt(3) == 0 ? TrafficNetworks.customerCountry(random) : appCountry;
        return new TrafficCadence.Sessions(end, 0.1 + 0.3 * random.nextDouble(), 30_000 + random.nextInt(40_000),
                offset(userCountry));
    }

    /**
     * A partner's key leaked together with its code: a vetted partner (400–2,000 days old) runs a nightly batch job and
     * an internal assistant for its 60–200 employees on one key from its servers (a /24 of its cloud provider in its
     * country). From a point 10–40 % into the period, a thief uses the key from another /24 of the same provider and
     * country, with the same client, the assistant's system prompt, budget and temperature, in four to eight workers
     * that hold chat-shaped sessions (6–12 an hour each at the busiest) in the partner's working day. Mixed: only the
     * thief's exchanges harvest.
     */
    void cloudTwin() {
        String campaign = campaignId(ScenarioKind.CLOUD_TWIN);
        String country = oneOf(CLOUD_COUNTRIES);
        String orgId = campaignOrg(ScenarioKind.CLOUD_TWIN, campaign,
                start - (400 + random.nextInt(1_601)) * DAY - random.nextLong(DAY), country, "partner",
                companyDomain(country), payment(), TrafficNetworks.residential(country, random).address(random), true);
        TrafficNetworks.Block cloud = TrafficNetworks.hosting(country, random);
        Set<String> slash24s = new HashSet<>();
        TrafficOrigin partnerServers = TrafficOrigin.of(TrafficOrigin.addresses(unusedSlash24(cloud, slash24s),
                2 + random.nextInt(2), random));
        TrafficSource.Client key = client(orgId, oneOf(SDK_AGENTS));
        TrafficKeyLimit limit = new TrafficKeyLimit(1_000);
        add(key, partnerServers, new TrafficCadence.DailyRun(end, random.nextInt(24), 300 + random.nextInt(900),
                30 + random.nextInt(60)), new TrafficBatchJob(prompts, random), limit, Optional.empty());
        Optional<String> system = Optional.of("You are the internal assistant of " + capitalised(word()) + ". Help "
                + "employees with writing, analysis and everyday questions; be accurate and concise.");
        int maxTokens = List.of(1_024, 2_048, 4_096).get(random.nextInt(3));
        OptionalDouble temperature = random.nextBoolean() ? OptionalDouble.of(0.3) : OptionalDouble.empty();
        for (int e = 0, employees = 60 + random.nextInt(141); e < employees; e++) {
            add(key, partnerServers, new TrafficCadence.Sessions(end, 0.15 + 0.3 * random.nextDouble(),
                            40_000 + random.nextInt(60_000), offset(country)),
                    new TrafficConversation(prompts, system, maxTokens, temperature, false), limit, Optional.empty());
        }
        long leak = start + (long) ((0.1 + 0.3 * random.nextDouble()) * (end - start));
        TrafficOrigin twin = TrafficOrigin.of(TrafficOrigin.addresses(unusedSlash24(cloud, slash24s),
                1 + random.nextInt(3), random));
        List<PromptSource.Pool> pools = harvestPools();
        for (int w = 0, workers = 4 + random.nextInt(5); w < workers; w++) {
            TrafficCadence.Sessions sessions = new TrafficCadence.Sessions(end, 6 + 6 * random.nextDouble(),
                    30_000 + random.nextInt(40_000), offset(country));
            add(key, twin, new TrafficCadence.Starting(leak, sessions),
                    new TrafficBlendedSession(prompts, pools, system, maxTokens, temperature), limit,
                    Optional.of(campaign));
        }
    }

    /**
     * Reasoning coerced a step at a time: two to four unlinked "homework hint" organisations (own card, domain and
     * hosting /24, 20–500 days old), one or two keys each, every key relaying 25–60 virtual students after school
     * hours (the working-day curve six hours later), each conversation a maths item (and, for a third of the
     * campaigns, code) asked for piece by piece; budgets of 256–512 tokens, thinking off, half the apps without a
     * system prompt.
     */
    void socraticSteps() {
        String campaign = campaignId(ScenarioKind.SOCRATIC_STEPS);
        List<PromptSource.Pool> pools = random.nextInt(3) == 0
                ? List.of(PromptSource.Pool.HARVEST_MATH, PromptSource.Pool.HARVEST_CODE)
                : List.of(PromptSource.Pool.HARVEST_MATH);
        for (int o = 0, orgCount = 2 + random.nextInt(3); o < orgCount; o++) {
            CompanyFront front = companyFront(ScenarioKind.SOCRATIC_STEPS, campaign, 20, 481,
                    List.of("standard", "self-serve"), false);
            String country = front.country();
            String orgId = front.orgId();
            TrafficOrigin origin = front.servers();
            Optional<String> system = random.nextBoolean() ? Optional.empty()
                    : Optional.of("You are " + capitalised(word()) + ", a homework hint service. Reply briefly and "
                    + "give the student only the part they ask for.");
            int maxTokens = List.of(256, 384, 512).get(random.nextInt(3));
            OptionalDouble temperature = random.nextBoolean() ? OptionalDouble.empty() : OptionalDouble.of(0.3);
            String agent = oneOf(SDK_AGENTS);
            for (int k = 0, keys = 1 + random.nextInt(2); k < keys; k++) {
                TrafficSource.Client client = client(orgId, agent);
                TrafficKeyLimit limit = new TrafficKeyLimit(300);
                for (int s = 0, students = 25 + random.nextInt(36); s < students; s++) {
                    add(client, origin, new TrafficCadence.Sessions(end, 0.15 + 0.25 * random.nextDouble(),
                                    20_000 + random.nextInt(40_000), offset(country) - 6),
                            new TrafficSocraticSteps(prompts, pools, system, maxTokens, temperature), limit,
                            Optional.of(campaign));
                }
            }
        }
    }

    /**
     * A synthetic-dialogue factory: two or three unlinked organisations (own card, domain and hosting /24, 30–600 days
     * old), two or three keys each, every key running two to four conversations at a time in working-day sessions
     * (0.8–1.6 an hour each at the busiest, 10–40 s between calls), each conversation an item, its answer, and two to
     * five rounds of a model-written user turn and its answer.
     */
    void selfChat() {
        String campaign = campaignId(ScenarioKind.SELF_CHAT);
        for (int o = 0, orgCount = 2 + random.nextInt(2); o < orgCount; o++) {
            CompanyFront front = companyFront(ScenarioKind.SELF_CHAT, campaign, 30, 571,
                    List.of("standard", "self-serve"), false);
            String country = front.country();
            String orgId = front.orgId();
            TrafficOrigin origin = front.servers();
            TrafficSelfChat.UserSide userSide = TrafficSelfChat.userSide(random);
            List<PromptSource.Pool> pools = harvestPools();
            int maxTokens = List.of(1_024, 2_048, 4_096).get(random.nextInt(3));
            OptionalDouble temperature = random.nextBoolean() ? OptionalDouble.empty() : OptionalDouble.of(0.7);
            String agent = oneOf(SDK_AGENTS);
            for (int k = 0, keys = 2 + random.nextInt(2); k < keys; k++) {
                TrafficSource.Client client = client(orgId, agent);
                TrafficKeyLimit limit = new TrafficKeyLimit(60);
                for (int w = 0, workers = 2 + random.nextInt(3); w < workers; w++) {
                    add(client, origin, new TrafficCadence.Sessions(end, 0.8 + 0.8 * random.nextDouble(),
                                    10_000 + random.nextInt(30_000), offset(country)),
                            new TrafficSelfChat(prompts, pools, userSide, maxTokens, temperature), limit,
                            Optional.of(campaign));
                }
            }
        }
    }
}
