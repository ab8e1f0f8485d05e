package dev.moat.detect;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The held-out campaign variants of {@code holdout6}, written without reading the detector: a swarm of unlinked
 * personal accounts each harvesting a trickle through residential proxies, synthetic-data expansion of seed items,
 * worked solutions harvested as a JSON pipeline's free-text field, and tool-use plans harvested through a
 * function-calling "automation product".
 */
final class Holdout6CampaignPlans extends PlanningBlocks {

    /** What a person might type before pasting a question into a chat window; each account uses a few of them. */
    private static final List<String> CASUAL_OPENERS = List.of("", "", "quick one: ", "help pls\n", "Hi! ",
            "can you do this one?\n\n", "ok next:\n", "Question:\n", "hey, ", "I'm stuck on this.\n\n", "Please help: ",
            "another one\n", "Could you answer this for me? ", "hmm\n\n", "urgent: ");
    /** The automation products a tool-plan campaign claims to be. */
    private static final List<String> PRODUCTS = List.of("a workflow automation platform",
            "an AI operations assistant for small teams", "a no-code integration builder",
            "a personal productivity agent", "an IT helpdesk automation service");

    Holdout6CampaignPlans(PlanningState state) {
        super(state);
    }

    /**
     * A swarm of 60–150 personal accounts bought or farmed over the past two years (free-mail addresses, each with
     * a card, a country and a residential-proxy /24 of its own; no sign-up waves), each sending 2–4 items an hour at
     * the busiest through a chat client, following its own country's day, with its own few casual openers, budget
     * and material.
     * Nothing links the accounts; the harvest is their sum.
     */
    void trickleSwarm() {
        String campaign = campaignId(ScenarioKind.TRICKLE_SWARM);
        Set<String> slash24s = new HashSet<>();
        for (int a = 0, accounts = 60 + random.nextInt(91); a < accounts; a++) {
            String country = TrafficNetworks.customerCountry(random);
            TrafficNetworks.Block exit = unusedSlash24(TrafficNetworks.residential(country, random), slash24s);
            String orgId = campaignOrg(ScenarioKind.TRICKLE_SWARM, campaign,
                    start - (45 + random.nextInt(700)) * DAY - random.nextLong(DAY), country,
                    random.nextInt(5) == 0 ? "standard" : "self-serve", oneOf(FREE_MAIL), payment(),
                    TrafficNetworks.residential(country, random).address(random), false);
            List<String> openers = new ArrayList<>();
            for (int o = 0, count = 2 + random.nextInt(3); o < count; o++) {
                openers.add(oneOf(CASUAL_OPENERS));
            }
            int maxTokens = List.of(0, 0, 1_024, 2_048, 4_096).get(random.nextInt(5));
            OptionalDouble temperature = random.nextBoolean() ? OptionalDouble.empty()
                    : OptionalDouble.of(List.of(0.2, 0.7, 1.0).get(random.nextInt(3)));
            add(client(orgId, oneOf(CHAT_AGENTS)),
                    TrafficOrigin.of(TrafficOrigin.addresses(exit, 1 + random.nextInt(2), random)),
                    new TrafficCadence.Diurnal(end, 2 + 2 * random.nextDouble(), offset(country)),
                    new TrafficAppHarvest(prompts, harvestPools(), Optional.empty(), openers, maxTokens, temperature),
                    new TrafficKeyLimit(20), Optional.of(campaign));
        }
    }

    /**
     * Synthetic-data expansion from two or three unlinked "worksheet generator" organisations (own card, company
     * domain and hosting /24, signed up 20–400 days ago), one to three keys each through their users' working day,
     * every request a seed item and a request for two to five new ones with full solutions.
     */
    void evolveItems() {
        String campaign = campaignId(ScenarioKind.EVOLVE_ITEMS);
        for (int o = 0, orgCount = 2 + random.nextInt(2); o < orgCount; o++) {
            String country = TrafficNetworks.customerCountry(random);
            String orgId = campaignOrg(ScenarioKind.EVOLVE_ITEMS, campaign,
                    start - (20 + random.nextInt(381)) * DAY - random.nextLong(DAY), country,
                    random.nextBoolean() ? "standard" : "self-serve", companyDomain(country), payment(),
                    TrafficNetworks.residential(country, random).address(random), false);
            TrafficOrigin servers = servers(country, 1, 2);
            List<PromptSource.Pool> pools = harvestPools();
            int maxTokens = List.of(4_096, 6_000, 8_192).get(random.nextInt(3));
            OptionalDouble temperature = OptionalDouble.of(0.6 + 0.4 * random.nextDouble());
            String agent = oneOf(SDK_AGENTS);
            for (int k = 0, keys = 1 + random.nextInt(3); k < keys; k++) {
                add(client(orgId, agent), servers, new TrafficCadence.Diurnal(end, 20 + random.nextInt(31), offset(country)),
                        new TrafficEvolveItems(prompts, pools, maxTokens, temperature), new TrafficKeyLimit(60),
                        Optional.of(campaign));
            }
        }
    }

    /**
     * Worked solutions harvested as a data pipeline's output: three to five unlinked, established organisations
     * (own card, domain, hosting /24), each with its own JSON schema whose free-text field takes the reasoning, one
     * or two keys each sending records through its working day at 30–90 an hour at the busiest.
     */
    void schemaHarvest() {
        String campaign = campaignId(ScenarioKind.SCHEMA_HARVEST);
        for (int o = 0, orgCount = 3 + random.nextInt(3); o < orgCount; o++) {
            String country = TrafficNetworks.customerCountry(random);
            String orgId = campaignOrg(ScenarioKind.SCHEMA_HARVEST, campaign,
                    start - (60 + random.nextInt(841)) * DAY - random.nextLong(DAY), country,
                    random.nextBoolean() ? "standard" : "enterprise", companyDomain(country), payment(),
                    TrafficNetworks.residential(country, random).address(random), false);
            TrafficOrigin servers = servers(country, 1, 3);
            TrafficSchemaHarvest.Schema schema = TrafficSchemaHarvest.Schema.draw(capitalised(word()), random);
            List<PromptSource.Pool> pools = harvestPools();
            int maxTokens = List.of(2_048, 3_000, 4_096).get(random.nextInt(3));
            OptionalDouble temperature = random.nextBoolean() ? OptionalDouble.of(0.0) : OptionalDouble.empty();
            String agent = oneOf(JOB_AGENTS);
            for (int k = 0, keys = 1 + random.nextInt(2); k < keys; k++) {
                add(client(orgId, agent), servers, new TrafficCadence.Diurnal(end, 30 + random.nextInt(61), offset(country)),
                        new TrafficSchemaHarvest(prompts, pools, schema, maxTokens, temperature),
                        new TrafficKeyLimit(120), Optional.of(campaign));
            }
        }
    }

    /**
     * Tool-use plans harvested through one "automation product": an organisation signed up 30–500 days ago with
     * 6–14 keys, one per customer workspace, each following its workspace's day in its own time zone from the
     * product's serverless functions (several hosting /24s in two or three regions), every request one function-
     * calling turn with tool definitions and an item of the campaign's material as the user's request.
     */
    void toolPlans() {
        String campaign = campaignId(ScenarioKind.TOOL_PLANS);
        String country = TrafficNetworks.customerCountry(random);
        String orgId = campaignOrg(ScenarioKind.TOOL_PLANS, campaign,
                start - (30 + random.nextInt(471)) * DAY - random.nextLong(DAY), country,
                random.nextBoolean() ? "standard" : "self-serve", companyDomain(country), payment(),
                TrafficNetworks.residential(country, random).address(random), false);
        List<TrafficOrigin.Address> functions = new ArrayList<>();
        Set<String> slash24s = new HashSet<>();
        for (int r = 0, regions = 2 + random.nextInt(2); r < regions; r++) {
            String region = r == 0 ? country : oneOf(List.of("US", "DE", "SG", "GB", "JP"));
            functions.addAll(TrafficOrigin.addresses(unusedSlash24(TrafficNetworks.hosting(region, random), slash24s),
                    2 + random.nextInt(3), random));
        }
        TrafficOrigin origin = TrafficOrigin.of(functions);
        String system = "You are the assistant inside " + capitalised(word()) + ", " + oneOf(PRODUCTS) + ". Use the"
                + " available functions to carry out the user's request, then reply with the outcome.";
        List<PromptSource.Pool> pools = random.nextBoolean() ? List.of(PromptSource.Pool.HARVEST_TOOL)
                : List.of(PromptSource.Pool.HARVEST_TOOL, PromptSource.Pool.HARVEST_CODE);
        int maxTokens = List.of(1_024, 2_048, 4_096).get(random.nextInt(3));
        OptionalDouble temperature = random.nextBoolean() ? OptionalDouble.of(0.2) : OptionalDouble.empty();
        String agent = oneOf(SDK_AGENTS);
        for (int w = 0, workspaces = 6 + random.nextInt(9); w < workspaces; w++) {
            add(client(orgId, agent), origin, new TrafficCadence.Diurnal(end, 8 + random.nextInt(17),
                            offset(TrafficNetworks.customerCountry(random))),
                    new TrafficToolPlans(prompts, pools, system, maxTokens, temperature), new TrafficKeyLimit(60),
                    Optional.of(campaign));
        }
    }
}
