package dev.moat.detect;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The held-out campaign variants of {@code holdout4}, written without reading the detector: harvesting inside
 * retrieval-augmented requests, preference pairs, material laundered through paraphrases, bundled items.
 */
final class Holdout4CampaignPlans extends PlanningBlocks {

    Holdout4CampaignPlans(PlanningState state) {
        super(state);
    }

    /**
     * Harvesting inside retrieval-augmented requests: one or two established organisations, each an "app" on its
     * own hosting /24 with one or two keys following its users' working day, every request a RAG request whose
     * question is an item of the campaign's material.
     */
    void contextHarvest() {
        String campaign = campaignId(ScenarioKind.CONTEXT_HARVEST);
        List<PromptSource.Pool> pools = harvestPools();
        for (int o = 0, orgCount = 1 + random.nextInt(2); o < orgCount; o++) {
            CompanyFront front = companyFront(ScenarioKind.CONTEXT_HARVEST, campaign, 30, 500,
                    List.of("standard", "enterprise"), false);
            String country = front.country();
            String orgId = front.orgId();
            TrafficOrigin origin = front.servers();
            TrafficContextHarvest content = new TrafficContextHarvest(prompts, pools,
                    List.of(1_024, 1_536, 2_048).get(random.nextInt(3)), random);
            for (int k = 0, keys = 1 + random.nextInt(2); k < keys; k++) {
                add(client(orgId, oneOf(SDK_AGENTS)), origin,
                        new TrafficCadence.Diurnal(end, 50 + random.nextInt(150), offset(country)), content,
                        new TrafficKeyLimit(600), Optional.of(campaign));
            }
        }
    }

    /**
     * Preference-data harvesting: two to four unlinked organisations (own card, domain and hosting /24), each with
     * one or two keys in its working day, every request collecting two or three answers to one item.
     */
    void preferencePairs() {
        String campaign = campaignId(ScenarioKind.PREFERENCE_PAIRS);
        List<PromptSource.Pool> pools = new ArrayList<>(List.of(PromptSource.Pool.HARVEST_ROLEPLAY));
        pools.addAll(harvestPools().stream().filter(pool -> pool != PromptSource.Pool.HARVEST_ROLEPLAY).toList());
        for (int o = 0, orgCount = 2 + random.nextInt(3); o < orgCount; o++) {
            String country = TrafficNetworks.customerCountry(random);
            TrafficNetworks.Block block = TrafficNetworks.hosting(country, random).narrow(random);
            String orgId = campaignOrg(ScenarioKind.PREFERENCE_PAIRS, campaign,
                    start - (20 + random.nextInt(380)) * DAY - random.nextLong(DAY), country,
                    random.nextBoolean() ? "standard" : "self-serve", companyDomain(country), payment(),
                    block.address(random), false);
            TrafficSource.Client first = client(orgId, oneOf(SDK_AGENTS));
            int maxTokens = List.of(2_048, 3_000, 4_096).get(random.nextInt(3));
            TrafficOrigin origin = TrafficOrigin.of(TrafficOrigin.addresses(block, 1 + random.nextInt(2), random));
            for (int k = 0, keys = 1 + random.nextInt(2); k < keys; k++) {
                TrafficSource.Client client = k == 0 ? first
                        : new TrafficSource.Client(orgId, id("acct_"), id("key_"), first.userAgent(), first.api(),
                        first.model());
                add(client, origin, new TrafficCadence.Diurnal(end, 20 + random.nextInt(40), offset(country)),
                        new TrafficPreferencePairs(prompts, pools, client.api().equals("openai"), maxTokens, random),
                        new TrafficKeyLimit(60), Optional.of(campaign));
            }
        }
    }

    /**
     * Material laundered through the model: a rewriting organisation's nightly job paraphrases items into the
     * campaign's bank; three to five asking organisations — each its own card, domain, country and residential
     * /24, with chat clients — ask the paraphrases bare in their working day.
     */
    void paraphraseHarvest() {
        String campaign = campaignId(ScenarioKind.PARAPHRASE_HARVEST);
        TrafficParaphrase.Bank bank = new TrafficParaphrase.Bank(prompts, harvestPools(), 5_000);
        String country = TrafficNetworks.customerCountry(random);
        TrafficNetworks.Block servers = TrafficNetworks.hosting(country, random).narrow(random);
        String rewriterId = campaignOrg(ScenarioKind.PARAPHRASE_HARVEST, campaign,
                start - (30 + random.nextInt(400)) * DAY - random.nextLong(DAY), country, "standard",
                companyDomain(country), payment(), TrafficNetworks.residential(country, random).address(random), false);
        add(client(rewriterId, oneOf(JOB_AGENTS)), TrafficOrigin.of(TrafficOrigin.addresses(servers, 1, random)),
                new TrafficCadence.DailyRun(end, random.nextInt(24), 1_500 + random.nextInt(2_000),
                        40 + random.nextInt(60)), new TrafficParaphrase.Rewriter(bank, random),
                new TrafficKeyLimit(600), Optional.of(campaign));
        Set<String> slash24s = new HashSet<>();
        for (int o = 0, askers = 3 + random.nextInt(3); o < askers; o++) {
            String askerCountry = TrafficNetworks.customerCountry(random);
            TrafficNetworks.Block home = unusedSlash24(TrafficNetworks.residential(askerCountry, random), slash24s);
            String orgId = campaignOrg(ScenarioKind.PARAPHRASE_HARVEST, campaign,
                    start - (10 + random.nextInt(200)) * DAY - random.nextLong(DAY), askerCountry,
                    random.nextBoolean() ? "standard" : "self-serve",
                    random.nextInt(3) == 0 ? oneOf(FREE_MAIL) : companyDomain(askerCountry), payment(),
                    home.address(random), false);
            TrafficOrigin origin = TrafficOrigin.of(TrafficOrigin.addresses(home, 1 + random.nextInt(2), random));
            for (int k = 0, keys = 1 + random.nextInt(2); k < keys; k++) {
                add(client(orgId, oneOf(CHAT_AGENTS)), origin,
                        new TrafficCadence.Diurnal(end, 15 + random.nextInt(35), offset(askerCountry)),
                        new TrafficParaphrase.Asker(bank, random), new TrafficKeyLimit(60), Optional.of(campaign));
            }
        }
    }

    /**
     * A "synthetic data vendor": one or two organisations on their own hosting /24, two or three keys each, every
     * request bundling several items, at a low rate that follows the working day.
     */
    void bundledItems() {
        String campaign = campaignId(ScenarioKind.BUNDLED_ITEMS);
        List<PromptSource.Pool> pools = harvestPools();
        int minItems = 3 + random.nextInt(3);
        int maxItems = minItems + 3 + random.nextInt(5);
        for (int o = 0, orgCount = 1 + random.nextInt(2); o < orgCount; o++) {
            String country = TrafficNetworks.customerCountry(random);
            TrafficNetworks.Block block = TrafficNetworks.hosting(country, random).narrow(random);
            String orgId = campaignOrg(ScenarioKind.BUNDLED_ITEMS, campaign,
                    start - (5 + random.nextInt(200)) * DAY - random.nextLong(DAY), country,
                    random.nextBoolean() ? "standard" : "self-serve", companyDomain(country), payment(),
                    block.address(random), false);
            TrafficOrigin origin = TrafficOrigin.of(TrafficOrigin.addresses(block, 1 + random.nextInt(2), random));
            int maxTokens = List.of(8_192, 12_000, 16_000).get(random.nextInt(3));
            for (int k = 0, keys = 2 + random.nextInt(2); k < keys; k++) {
                add(client(orgId, oneOf(random.nextBoolean() ? SDK_AGENTS : SCRIPT_AGENTS)), origin,
                        new TrafficCadence.Diurnal(end, 10 + random.nextInt(14), offset(country)),
                        new TrafficBundledHarvest(prompts, pools, minItems, maxItems, maxTokens, random),
                        new TrafficKeyLimit(60), Optional.of(campaign));
            }
        }
    }
}
