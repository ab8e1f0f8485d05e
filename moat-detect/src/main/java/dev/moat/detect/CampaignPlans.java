package dev.moat.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The original harvesting campaigns of the benchmark ({@code mixed}, {@code holdout} and the one-campaign scenarios):
 * the bold harvester, the hydra, low and slow, the reseller, reasoning coercion, the grader, logit bias, the leaked
 * key and the restricted country behind a VPN.
 */
final class CampaignPlans extends PlanningBlocks {

    CampaignPlans(PlanningState state) {
        super(state);
    }

    void boldHarvester() {
        String campaign = campaignId(ScenarioKind.BOLD_HARVESTER);
        String country = TrafficNetworks.customerCountry(random);
        TrafficNetworks.Block block = TrafficNetworks.hosting("", random).narrow(random);
        String orgId = campaignOrg(ScenarioKind.BOLD_HARVESTER, campaign, start - (1 + random.nextInt(20)) * DAY,
                country, random.nextBoolean() ? "self-serve" : "standard",
                random.nextBoolean() ? oneOf(FREE_MAIL) : companyDomain(country), payment(), block.address(random),
                false);
        long from = start + (long) (random.nextDouble() * 0.2 * (end - start));
        TrafficCadence cadence = new TrafficCadence.Steady(from, end, 8 + random.nextInt(11), 0.3, 0.003);
        add(client(orgId, oneOf(SCRIPT_AGENTS)), TrafficOrigin.of(TrafficOrigin.addresses(block, 2 + random.nextInt(3),
                random)), cadence, harvest(TrafficHarvest.Style.WRAPPED, random.nextBoolean(), 8_192),
                new TrafficKeyLimit(20), Optional.of(campaign));
    }

    /**
     * Many small self-serve accounts: signed up in waves, paying with a few shared cards, on a few
     * shared /24s, each working one slot of the day just under its limit until its small budget is
     * spent, all sending the campaign's templates.
     */
    void hydra(int accounts, double scale) {
        String campaign = campaignId(ScenarioKind.HYDRA);
        int drawn = 50 + (int) (random.nextInt(451) * Math.min(1.0, scale));
        int size = accounts > 0 ? accounts : drawn;
        List<String> payments = new ArrayList<>();
        for (int i = 0, n = 3 + random.nextInt(10); i < n; i++) {
            payments.add(payment());
        }
        List<String> domains = new ArrayList<>(FREE_MAIL.subList(0, 3));
        for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
            domains.add(word() + word() + oneOf(List.of(".net", ".io", ".xyz", ".com")));
        }
        List<TrafficNetworks.Block> blocks = new ArrayList<>();
        for (int i = 0, n = 2 + random.nextInt(5); i < n; i++) {
            blocks.add((random.nextInt(10) < 7 ? TrafficNetworks.hosting("", random) : TrafficNetworks.vpn(random))
                    .narrow(random));
        }
        TrafficHarvest content = harvest(TrafficHarvest.Style.WRAPPED, random.nextBoolean(), 4_096);
        List<String> agents = List.of(oneOf(SCRIPT_AGENTS), oneOf(SDK_AGENTS));
        long slotLength = (1 + random.nextInt(3)) * TrafficCadence.HOUR;
        int slotsPerDay = (int) (DAY / slotLength);
        long slotBase = random.nextLong(DAY);
        SignupWaves waves = new SignupWaves(random, start - (1 + random.nextInt(5)) * DAY,
                start + (long) (0.6 * (end - start)), 10, 31, 1.5, 30 * TrafficCadence.MINUTE);
        for (int i = 0; i < size; i++) {
            long created = waves.next();
            TrafficNetworks.Block block = blocks.get(random.nextInt(blocks.size()));
            String country = random.nextInt(4) == 0 ? block.country() : TrafficNetworks.customerCountry(random);
            String orgId = campaignOrg(ScenarioKind.HYDRA, campaign, created, country, "self-serve",
                    domains.get(random.nextInt(domains.size())), payments.get(random.nextInt(payments.size())),
                    block.address(random), false);
            long slotOffset = Math.floorMod(slotBase + (i % slotsPerDay) * slotLength, DAY);
            long active = created + TrafficCadence.exponential(3 * TrafficCadence.HOUR, random);
            TrafficCadence cadence = new TrafficCadence.Slots(Math.max(start, active), end, slotOffset, slotLength,
                    20 * (0.6 + 0.35 * random.nextDouble()), 100 + random.nextInt(300));
            add(client(orgId, agents.get(random.nextInt(agents.size()))),
                    TrafficOrigin.of(TrafficOrigin.addresses(block, 1 + random.nextInt(3), random)), cadence, content,
                    new TrafficKeyLimit(20), Optional.of(campaign));
        }
    }

    void lowAndSlow() {
        String campaign = campaignId(ScenarioKind.LOW_AND_SLOW);
        String country = TrafficNetworks.customerCountry(random);
        String orgId = campaignOrg(ScenarioKind.LOW_AND_SLOW, campaign, start - (30 + random.nextInt(170)) * DAY,
                country, random.nextBoolean() ? "self-serve" : "standard", companyDomain(country), payment(),
                TrafficNetworks.residential(country, random).address(random), false);
        List<TrafficOrigin.Address> proxies = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            proxies.addAll(TrafficOrigin.addresses(TrafficNetworks.residential(
                    i % 2 == 0 ? country : TrafficNetworks.customerCountry(random), random), 1, random));
        }
        double perMinute = 1.0 / (4 + random.nextInt(12));
        TrafficHarvest content = new TrafficHarvest(prompts, TrafficHarvest.Style.WRAPPED, harvestPools(),
                templates(random.nextBoolean(), 1 + random.nextInt(3)), 0.3 + 0.3 * random.nextDouble(),
                2_048 + random.nextInt(2_049), 0.1 * random.nextDouble(), random);
        add(client(orgId, oneOf(SDK_AGENTS)), TrafficOrigin.of(proxies),
                new TrafficCadence.Steady(start, end, perMinute, 0.9, 0.02), content, new TrafficKeyLimit(60),
                Optional.of(campaign));
    }

    /** A reseller's app relays real customers; one or two of those customers are harvesting. */
    void reseller() {
        String campaign = campaignId(ScenarioKind.RESELLER);
        String country = TrafficNetworks.customerCountry(random);
        TrafficNetworks.Block block = TrafficNetworks.hosting(country, random).narrow(random);
        String orgId = campaignOrg(ScenarioKind.RESELLER, campaign, start - (200 + random.nextInt(700)) * DAY, country,
                "standard", companyDomain(country), payment(), TrafficNetworks.residential(country, random)
                        .address(random), true);
        TrafficOrigin backend = TrafficOrigin.of(TrafficOrigin.addresses(block, 2 + random.nextInt(3), random));
        TrafficSource.Client client = client(orgId, oneOf(SDK_AGENTS));
        TrafficKeyLimit limit = new TrafficKeyLimit(1_000);
        for (int u = 0, n = 20 + random.nextInt(40); u < n; u++) {
            TrafficCadence cadence = new TrafficCadence.Sessions(end, 0.15 + 0.3 * random.nextDouble(),
                    30_000 + random.nextInt(40_000), offset(TrafficNetworks.customerCountry(random)));
            add(client, backend, cadence, conversation(Optional.empty()), limit, Optional.empty());
        }
        TrafficHarvest content = harvest(TrafficHarvest.Style.WRAPPED, random.nextBoolean(), 4_096);
        for (int h = 0, n = 1 + random.nextInt(2); h < n; h++) {
            long from = start + (long) (random.nextDouble() * 0.3 * (end - start));
            add(client, backend, new TrafficCadence.Steady(from, end, 2 + random.nextInt(5), 0.5, 0.05), content,
                    limit, Optional.of(campaign));
        }
    }

    void reasoningCoercion() {
        String campaign = campaignId(ScenarioKind.REASONING_COERCION);
        String domain = random.nextBoolean() ? oneOf(FREE_MAIL) : word() + word() + ".io";
        String card = payment();
        TrafficHarvest content = new TrafficHarvest(prompts, TrafficHarvest.Style.REASONING,
                random.nextBoolean() ? List.of(PromptSource.Pool.HARVEST_MATH)
                        : List.of(PromptSource.Pool.HARVEST_MATH, PromptSource.Pool.HARVEST_CODE),
                templates(true, 2 + random.nextInt(2)), 0, 8_192 + random.nextInt(8_193),
                0.5 + 0.5 * random.nextDouble(), random);
        for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
            String country = TrafficNetworks.customerCountry(random);
            TrafficNetworks.Block block = TrafficNetworks.hosting("", random).narrow(random);
            String orgId = campaignOrg(ScenarioKind.REASONING_COERCION, campaign,
                    start - (3 + random.nextInt(40)) * DAY, country, "self-serve", domain, card, block.address(random),
                    false);
            long from = start + (long) (random.nextDouble() * 0.3 * (end - start));
            add(client(orgId, oneOf(SCRIPT_AGENTS)), TrafficOrigin.of(TrafficOrigin.addresses(block, 2, random)),
                    new TrafficCadence.Steady(from, end, 2 + random.nextInt(7), 0.6, 0.05), content,
                    new TrafficKeyLimit(20), Optional.of(campaign));
        }
    }

    void grader() {
        String campaign = campaignId(ScenarioKind.GRADER);
        List<TrafficTemplates.Template> templates = new ArrayList<>();
        for (int i = 0, n = 1 + random.nextInt(2); i < n; i++) {
            templates.add(TrafficTemplates.grader(random));
        }
        TrafficHarvest content = new TrafficHarvest(prompts, TrafficHarvest.Style.GRADER, harvestPools(), templates, 0,
                512 + random.nextInt(513), 0, random);
        for (int i = 0, n = 1 + random.nextInt(2); i < n; i++) {
            String country = TrafficNetworks.customerCountry(random);
            TrafficNetworks.Block block = TrafficNetworks.hosting(country, random).narrow(random);
            String orgId = campaignOrg(ScenarioKind.GRADER, campaign, start - (2 + random.nextInt(60)) * DAY, country,
                    random.nextBoolean() ? "self-serve" : "standard", companyDomain(country), payment(),
                    block.address(random), false);
            long from = start + (long) (random.nextDouble() * 0.3 * (end - start));
            add(client(orgId, oneOf(SCRIPT_AGENTS)), TrafficOrigin.of(TrafficOrigin.addresses(block, 2, random)),
                    new TrafficCadence.Steady(from, end, 3 + random.nextInt(8), 0.4, 0.03), content,
                    new TrafficKeyLimit(60), Optional.of(campaign));
        }
    }

    void logitBias() {
        String campaign = campaignId(ScenarioKind.LOGIT_BIAS);
        String country = TrafficNetworks.customerCountry(random);
        TrafficNetworks.Block block = TrafficNetworks.hosting("", random).narrow(random);
        String orgId = campaignOrg(ScenarioKind.LOGIT_BIAS, campaign, start - (1 + random.nextInt(30)) * DAY, country,
                random.nextBoolean() ? "self-serve" : "standard", oneOf(FREE_MAIL), payment(), block.address(random),
                false);
        double perMinute = 20 + random.nextInt(35);
        long from = start + (long) (random.nextDouble() * 0.5 * (end - start));
        long length = (long) ((3_000 + random.nextInt(7_000)) * TrafficCadence.MINUTE / perMinute);
        TrafficHarvest content = new TrafficHarvest(prompts, TrafficHarvest.Style.LOGIT_BIAS,
                List.of(PromptSource.Pool.HARVEST_ROLEPLAY, PromptSource.Pool.HARVEST_CODE), templates(false, 1), 0, 1,
                0, random);
        add(client(orgId, oneOf(SCRIPT_AGENTS)), TrafficOrigin.of(TrafficOrigin.addresses(block, 1, random)),
                new TrafficCadence.Steady(from, Math.min(end, from + length), perMinute, 0.2, 0.001), content,
                new TrafficKeyLimit(60), Optional.of(campaign));
    }

    /** A vetted partner's own jobs, and from some point on a thief using the same key from elsewhere. */
    void leakedKey() {
        String campaign = campaignId(ScenarioKind.LEAKED_KEY);
        String country = oneOf(List.of("US", "GB", "DE"));
        String orgId = campaignOrg(ScenarioKind.LEAKED_KEY, campaign, start - (400 + random.nextInt(1_600)) * DAY,
                country, "partner", companyDomain(country), payment(),
                TrafficNetworks.residential(country, random).address(random), true);
        TrafficSource.Client partner = client(orgId, oneOf(JOB_AGENTS));
        TrafficKeyLimit limit = new TrafficKeyLimit(1_000);
        TrafficOrigin home = TrafficOrigin.of(TrafficOrigin.addresses(
                TrafficNetworks.hosting(country, random).narrow(random), 2, random));
        add(partner, home, new TrafficCadence.DailyRun(end, random.nextInt(24), 300 + random.nextInt(900),
                30 + random.nextInt(60)), new TrafficBatchJob(prompts, random), limit, Optional.empty());
        add(partner, home, new TrafficCadence.Diurnal(end, 10 + random.nextInt(40), offset(country)),
                new TrafficRetrieval(prompts, random), limit, Optional.empty());
        TrafficNetworks.Block elsewhere = random.nextBoolean() ? TrafficNetworks.vpn(random)
                : TrafficNetworks.hosting(oneOf(List.of("TW", "JP", "FR")), random).narrow(random);
        TrafficSource.Client thief = new TrafficSource.Client(orgId, partner.accountId(), partner.keyId(),
                oneOf(SCRIPT_AGENTS), partner.api(), partner.model());
        long leak = start + (long) ((0.15 + 0.35 * random.nextDouble()) * (end - start));
        add(thief, TrafficOrigin.of(TrafficOrigin.addresses(elsewhere, 1 + random.nextInt(3), random)),
                new TrafficCadence.Steady(leak, end, 6 + random.nextInt(10), 0.4, 0.03),
                harvest(TrafficHarvest.Style.WRAPPED, random.nextBoolean(), 8_192), limit, Optional.of(campaign));
    }

    /** People in a restricted country using an organisation's keys through a VPN that sometimes drops. */
    void restrictedVpn() {
        String campaign = campaignId(ScenarioKind.RESTRICTED_VPN);
        String orgId = campaignOrg(ScenarioKind.RESTRICTED_VPN, campaign, start - (30 + random.nextInt(270)) * DAY,
                "US", "standard", companyDomain("US"), payment(),
                TrafficNetworks.residential("US", random).address(random), false);
        String restricted = oneOf(TrafficNetworks.RESTRICTED_COUNTRIES);
        List<TrafficOrigin.Address> vpn = TrafficOrigin.addresses(TrafficNetworks.vpn(random), 2, random);
        List<TrafficOrigin.Address> leaks = TrafficOrigin.addresses(
                TrafficNetworks.residential(restricted, random), 2, random);
        for (int u = 0, n = 3 + random.nextInt(4); u < n; u++) {
            TrafficCadence cadence = new TrafficCadence.Sessions(end, 0.6 + 0.4 * random.nextDouble(),
                    50_000 + random.nextInt(40_000), offset(restricted));
            add(client(orgId, oneOf(CHAT_AGENTS)), new TrafficOrigin(vpn, leaks, 0.08), cadence,
                    conversation(Optional.empty()), new TrafficKeyLimit(60), Optional.of(campaign));
        }
    }
}
