package dev.moat.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The held-out campaign variants of {@code holdout2}, written before the detector was run on them: a hydra that
 * shares nothing in its prompts, harvesting through conversations, an established account distilling from its office.
 */
final class Holdout2CampaignPlans extends PlanningBlocks {

    Holdout2CampaignPlans(PlanningState state) {
        super(state);
    }

    /**
     * A hydra that shares nothing in its prompts: every account has its own template, wrapper, system
     * prompt, budget and client library. What remains shared is what a campaign cannot cheaply vary —
     * a few cards, a few address ranges, sign-up waves — and the load-balanced slot timing.
     */
    void variedHydra(int accounts, double scale) {
        String campaign = campaignId(ScenarioKind.HYDRA_VARIED);
        int size = accounts > 0 ? accounts : 50 + (int) (random.nextInt(251) * Math.min(1.0, scale));
        List<String> payments = new ArrayList<>();
        for (int i = 0, n = 4 + random.nextInt(12); i < n; i++) {
            payments.add(payment());
        }
        List<TrafficNetworks.Block> blocks = new ArrayList<>();
        for (int i = 0, n = 3 + random.nextInt(6); i < n; i++) {
            blocks.add((random.nextInt(10) < 5 ? TrafficNetworks.hosting("", random) : TrafficNetworks.vpn(random))
                    .narrow(random));
        }
        List<PromptSource.Pool> pools = harvestPools();
        List<String> agents = new ArrayList<>(SCRIPT_AGENTS);
        agents.addAll(SDK_AGENTS);
        long slotLength = (1 + random.nextInt(4)) * TrafficCadence.HOUR;
        int slotsPerDay = (int) (DAY / slotLength);
        long slotBase = random.nextLong(DAY);
        SignupWaves waves = new SignupWaves(random, start - (1 + random.nextInt(5)) * DAY,
                start + (long) (0.6 * (end - start)), 5, 26, 2, 2 * TrafficCadence.HOUR);
        for (int i = 0; i < size; i++) {
            long created = waves.next();
            TrafficNetworks.Block block = blocks.get(random.nextInt(blocks.size()));
            String country = TrafficNetworks.customerCountry(random);
            String orgId = campaignOrg(ScenarioKind.HYDRA_VARIED, campaign, created, country, "self-serve",
                    random.nextInt(3) == 0 ? companyDomain(country) : oneOf(FREE_MAIL),
                    payments.get(random.nextInt(payments.size())), block.address(random), false);
            TrafficHarvest content = new TrafficHarvest(prompts, TrafficHarvest.Style.WRAPPED, pools,
                    templates(random.nextBoolean(), 1), 0.2 * random.nextDouble(),
                    List.of(2_048, 4_096, 8_192).get(random.nextInt(3)), 0.4 * random.nextDouble(), random);
            long slotOffset = Math.floorMod(slotBase + (i % slotsPerDay) * slotLength, DAY);
            long active = created + TrafficCadence.exponential(6 * TrafficCadence.HOUR, random);
            TrafficCadence cadence = new TrafficCadence.Slots(Math.max(start, active), end, slotOffset, slotLength,
                    20 * (0.4 + 0.5 * random.nextDouble()), 80 + random.nextInt(250));
            add(client(orgId, oneOf(agents)), TrafficOrigin.of(TrafficOrigin.addresses(block, 1 + random.nextInt(2),
                    random)), cadence, content, new TrafficKeyLimit(20), Optional.of(campaign));
        }
    }

    /** One or two accounts harvesting through conversations: an item, then follow-ups going over it again. */
    void dialogueHarvest() {
        String campaign = campaignId(ScenarioKind.DIALOGUE_HARVEST);
        List<TrafficTemplates.Template> templates = templates(false, 1 + random.nextInt(2));
        List<PromptSource.Pool> pools = harvestPools();
        String card = payment();
        for (int i = 0, n = 1 + random.nextInt(2); i < n; i++) {
            String country = TrafficNetworks.customerCountry(random);
            TrafficNetworks.Block block = (random.nextBoolean() ? TrafficNetworks.hosting("", random)
                    : TrafficNetworks.vpn(random)).narrow(random);
            String orgId = campaignOrg(ScenarioKind.DIALOGUE_HARVEST, campaign, start - (5 + random.nextInt(60)) * DAY,
                    country, random.nextBoolean() ? "self-serve" : "standard",
                    random.nextBoolean() ? oneOf(FREE_MAIL) : companyDomain(country), card, block.address(random), false);
            long from = start + (long) (random.nextDouble() * 0.3 * (end - start));
            TrafficHarvestDialogue content = new TrafficHarvestDialogue(prompts, pools, templates,
                    List.of(2_048, 4_096, 8_192).get(random.nextInt(3)), random);
            add(client(orgId, oneOf(SDK_AGENTS)), TrafficOrigin.of(TrafficOrigin.addresses(block, 2, random)),
                    new TrafficCadence.Steady(from, end, 2 + random.nextInt(5), 0.5, 0.03), content,
                    new TrafficKeyLimit(60), Optional.of(campaign));
        }
    }

    /**
     * An established account distilling from its office: residential addresses of its own country,
     * office hours only, a moderate budget (under the usual harvesting level), no thinking, plain templates.
     */
    void officeDistiller() {
        String campaign = campaignId(ScenarioKind.OFFICE_DISTILLER);
        String country = TrafficNetworks.customerCountry(random);
        TrafficNetworks.Block office = TrafficNetworks.residential(country, random).narrow(random);
        String orgId = campaignOrg(ScenarioKind.OFFICE_DISTILLER, campaign, start - (60 + random.nextInt(640)) * DAY,
                country, random.nextBoolean() ? "standard" : "self-serve", companyDomain(country), payment(),
                office.address(random), false);
        TrafficHarvest content = new TrafficHarvest(prompts, TrafficHarvest.Style.WRAPPED, harvestPools(),
                templates(false, 1 + random.nextInt(2)), 0.2 + 0.3 * random.nextDouble(), 1_000 + random.nextInt(800),
                0, random);
        add(client(orgId, oneOf(SDK_AGENTS)), TrafficOrigin.of(TrafficOrigin.addresses(office, 2 + random.nextInt(3),
                random)), new TrafficCadence.Diurnal(end, 40 + random.nextInt(80), offset(country)), content,
                new TrafficKeyLimit(60), Optional.of(campaign));
    }
}
