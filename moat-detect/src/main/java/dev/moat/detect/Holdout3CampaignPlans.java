package dev.moat.detect;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The held-out campaign variants of {@code holdout3}, written without reading the detector: harvesting disguised as
 * coding agents, aged accounts bought from their owners, soft-label distillation, a multilingual distiller posing as
 * a localisation agency.
 */
final class Holdout3CampaignPlans extends PlanningBlocks {

    Holdout3CampaignPlans(PlanningState state) {
        super(state);
    }

    /**
     * Harvesting disguised as coding agents: an organisation of a few "developers", each key running agent
     * loops whose tasks are the campaign's material (code and tool-use tasks, sometimes maths), in
     * working-day sessions from an office and home addresses, with coding-agent clients, many tool
     * definitions and thinking often on. Every step's tool call and the final solution are harvested.
     */
    void agentHarvest() {
        String campaign = campaignId(ScenarioKind.AGENT_HARVEST);
        String country = TrafficNetworks.customerCountry(random);
        String orgId = campaignOrg(ScenarioKind.AGENT_HARVEST, campaign,
                start - (30 + random.nextInt(400)) * DAY - random.nextLong(DAY), country,
                random.nextBoolean() ? "standard" : "self-serve", companyDomain(country), payment(),
                TrafficNetworks.residential(country, random).address(random), false);
        List<TrafficOrigin.Address> office = TrafficOrigin.addresses(
                TrafficNetworks.residential(country, random).narrow(random), 1 + random.nextInt(2), random);
        List<PromptSource.Pool> pools = new ArrayList<>(List.of(PromptSource.Pool.HARVEST_CODE));
        if (random.nextBoolean()) {
            pools.add(PromptSource.Pool.HARVEST_TOOL);
        }
        if (random.nextInt(3) == 0) {
            pools.add(PromptSource.Pool.HARVEST_MATH);
        }
        int system = random.nextInt(TrafficAgentHarvest.systemPrompts());
        for (int d = 0, developers = 4 + random.nextInt(7); d < developers; d++) {
            TrafficOrigin origin = new TrafficOrigin(office,
                    TrafficOrigin.addresses(TrafficNetworks.residential(country, random), 1, random), 0.3);
            TrafficCadence cadence = new TrafficCadence.Sessions(end, 1.0 + 1.5 * random.nextDouble(),
                    3_000 + random.nextInt(9_000), offset(country));
            add(client(orgId, oneOf(CODING_AGENTS)), origin, cadence,
                    new TrafficAgentHarvest(prompts, pools, system, random), new TrafficKeyLimit(120),
                    Optional.of(campaign));
        }
    }

    /**
     * A distiller working through aged, established standard-tier organisations bought from their owners
     * (created 120–1,820 days before the traffic, none in waves): each keeps its own company domain, card,
     * country and sign-up address, is driven through residential addresses of its own country (a /24 no other
     * account of the campaign uses) in that country's working day, with its own template, and does a modest
     * share of the harvest.
     */
    void agedAccounts() {
        String campaign = campaignId(ScenarioKind.AGED_ACCOUNTS);
        List<PromptSource.Pool> pools = harvestPools();
        List<String> agents = new ArrayList<>(SDK_AGENTS);
        agents.addAll(CHAT_AGENTS);
        Set<String> domains = new HashSet<>();
        Set<String> slash24s = new HashSet<>();
        for (int i = 0, accounts = 15 + random.nextInt(26); i < accounts; i++) {
            String country = TrafficNetworks.customerCountry(random);
            String domain = companyDomain(country);
            while (!domains.add(domain)) {
                domain = companyDomain(country);
            }
            TrafficNetworks.Block signup = unusedSlash24(TrafficNetworks.residential(country, random), slash24s);
            TrafficNetworks.Block proxies = unusedSlash24(TrafficNetworks.residential(country, random), slash24s);
            long created = start - (120 + random.nextInt(1_700)) * DAY - random.nextLong(DAY);
            String orgId = campaignOrg(ScenarioKind.AGED_ACCOUNTS, campaign, created, country, "standard", domain,
                    payment(), signup.address(random), false);
            TrafficHarvest content = new TrafficHarvest(prompts, TrafficHarvest.Style.WRAPPED, pools,
                    templates(false, 1), 0.2 + 0.4 * random.nextDouble(),
                    List.of(1_024, 2_048, 3_000, 4_096).get(random.nextInt(4)), 0, random);
            add(client(orgId, oneOf(agents)), TrafficOrigin.of(TrafficOrigin.addresses(proxies, 1 + random.nextInt(3),
                    random)), new TrafficCadence.Diurnal(end, 3 + random.nextInt(10), offset(country)), content,
                    new TrafficKeyLimit(60), Optional.of(campaign));
        }
    }

    /**
     * Soft-label distillation: several unlinked organisations (own card, own hosting /24, own templates),
     * each with a few keys sending ordinary wrapped requests that ask for {@code top_logprobs} of every answer
     * token — no {@code logit_bias}, a completion budget of 256–1,024 — each key slowly, with irregular gaps.
     */
    void softLabels() {
        String campaign = campaignId(ScenarioKind.SOFT_LABELS);
        List<PromptSource.Pool> pools = harvestPools();
        for (int o = 0, orgCount = 3 + random.nextInt(4); o < orgCount; o++) {
            String country = TrafficNetworks.customerCountry(random);
            TrafficNetworks.Block block = TrafficNetworks.hosting("", random).narrow(random);
            String orgId = campaignOrg(ScenarioKind.SOFT_LABELS, campaign,
                    start - (10 + random.nextInt(110)) * DAY - random.nextLong(DAY), country,
                    random.nextBoolean() ? "self-serve" : "standard",
                    random.nextBoolean() ? oneOf(FREE_MAIL) : companyDomain(country), payment(), block.address(random),
                    false);
            List<TrafficTemplates.Template> templates = templates(false, 1 + random.nextInt(2));
            int maxTokens = 256 + random.nextInt(769);
            String agent = oneOf(OPENAI_AGENTS);
            long from = start + (long) (random.nextDouble() * 0.3 * (end - start));
            for (int k = 0, keys = 2 + random.nextInt(5); k < keys; k++) {
                TrafficHarvest content = new TrafficHarvest(prompts, TrafficHarvest.Style.SOFT_LABELS, pools,
                        templates, 0.1 + 0.3 * random.nextDouble(), maxTokens, 0, random);
                add(client(orgId, agent), TrafficOrigin.of(TrafficOrigin.addresses(block, 1 + random.nextInt(2),
                        random)), new TrafficCadence.Steady(from, end, 0.1 + 0.3 * random.nextDouble(), 0.8, 0.02),
                        content, new TrafficKeyLimit(60), Optional.of(campaign));
            }
        }
    }

    /**
     * A multilingual distiller posing as a localisation agency: one or two established standard-tier
     * organisations sending, from their servers through their customers' working day, the campaign's
     * material with an instruction in one of 6–12 target languages (answer in it, or translate the task
     * into it and solve it).
     */
    void multilingualHarvest() {
        String campaign = campaignId(ScenarioKind.MULTILINGUAL_HARVEST);
        List<PromptSource.Pool> pools = harvestPools();
        List<TrafficMultilingualHarvest.Language> languages =
                TrafficMultilingualHarvest.draw(6 + random.nextInt(7), random);
        int maxTokens = List.of(2_048, 3_000, 4_096).get(random.nextInt(3));
        for (int o = 0, orgCount = 1 + random.nextInt(2); o < orgCount; o++) {
            String country = TrafficNetworks.customerCountry(random);
            TrafficNetworks.Block block = TrafficNetworks.hosting(country, random).narrow(random);
            String orgId = campaignOrg(ScenarioKind.MULTILINGUAL_HARVEST, campaign,
                    start - (20 + random.nextInt(380)) * DAY - random.nextLong(DAY), country, "standard",
                    companyDomain(country), payment(), TrafficNetworks.residential(country, random).address(random),
                    false);
            TrafficOrigin origin = TrafficOrigin.of(TrafficOrigin.addresses(block, 1 + random.nextInt(3), random));
            for (int k = 0, keys = 1 + random.nextInt(2); k < keys; k++) {
                add(client(orgId, oneOf(SDK_AGENTS)), origin,
                        new TrafficCadence.Diurnal(end, 40 + random.nextInt(110), offset(country)),
                        new TrafficMultilingualHarvest(prompts, pools, languages, maxTokens, random),
                        new TrafficKeyLimit(600), Optional.of(campaign));
            }
        }
    }
}
