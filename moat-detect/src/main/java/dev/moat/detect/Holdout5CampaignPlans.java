package dev.moat.detect;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The held-out campaign variants of {@code holdout5}, written without reading the detector: critique-and-rewrite
 * requests, a team imitating human chat, a rotating network of small businesses' app keys, an enterprise pipeline
 * ramping up beside its batch job.
 */
final class Holdout5CampaignPlans extends PlanningBlocks {

    /** What the small businesses of a cover network run: consumer apps with their own end users. */
    private static final List<String> SMALL_APPS = List.of("a recipe and meal-planning app", "a study helper for students",
            "a travel planning app", "a writing assistant for online shops", "a fitness coaching app",
            "a help widget for a web-hosting company", "a language-learning app");

    Holdout5CampaignPlans(PlanningState state) {
        super(state);
    }

    /**
     * Self-improvement data: two to four unlinked "learning platform" organisations (own card, domain and hosting
     * /24), one to three keys each following their users' working day, every request an item with the student
     * model's draft, asking for a critique and the complete corrected answer.
     */
    void critiqueRewrite() {
        String campaign = campaignId(ScenarioKind.CRITIQUE_REWRITE);
        List<PromptSource.Pool> pools = harvestPools();
        for (int o = 0, orgCount = 2 + random.nextInt(3); o < orgCount; o++) {
            CompanyFront front = companyFront(ScenarioKind.CRITIQUE_REWRITE, campaign, 15, 300,
                    List.of("standard", "self-serve"), false);
            String country = front.country();
            String orgId = front.orgId();
            TrafficOrigin origin = front.servers();
            int maxTokens = List.of(2_048, 3_000, 4_096).get(random.nextInt(3));
            OptionalDouble temperature = random.nextBoolean() ? OptionalDouble.empty()
                    : OptionalDouble.of(0.3 + 0.4 * random.nextDouble());
            for (int k = 0, keys = 1 + random.nextInt(3); k < keys; k++) {
                add(client(orgId, oneOf(SDK_AGENTS)), origin,
                        new TrafficCadence.Diurnal(end, 15 + random.nextInt(30), offset(country)),
                        new TrafficCritiqueRewrite(prompts, pools, maxTokens, temperature), new TrafficKeyLimit(60),
                        Optional.of(campaign));
            }
        }
    }

    /**
     * A distiller imitating a team of people: one established organisation whose 20–40 seats each use a chat
     * client from the office or home, in working-day sessions with human think times, pasting items into
     * conversations and following up casually.
     */
    void humanCadence() {
        String campaign = campaignId(ScenarioKind.HUMAN_CADENCE);
        String country = TrafficNetworks.customerCountry(random);
        String orgId = campaignOrg(ScenarioKind.HUMAN_CADENCE, campaign,
                start - (60 + random.nextInt(700)) * DAY - random.nextLong(DAY), country,
                random.nextBoolean() ? "standard" : "enterprise", companyDomain(country), payment(),
                TrafficNetworks.residential(country, random).address(random), false);
        List<TrafficOrigin.Address> office = TrafficOrigin.addresses(
                TrafficNetworks.residential(country, random).narrow(random), 1 + random.nextInt(2), random);
        List<PromptSource.Pool> pools = harvestPools();
        int maxTokens = List.of(0, 0, 2_048, 4_096).get(random.nextInt(4));
        double followUps = 0.3 + 0.3 * random.nextDouble();
        for (int s = 0, seats = 20 + random.nextInt(21); s < seats; s++) {
            TrafficOrigin origin = new TrafficOrigin(office,
                    TrafficOrigin.addresses(TrafficNetworks.residential(country, random), 1, random),
                    0.2 + 0.3 * random.nextDouble());
            TrafficCadence cadence = new TrafficCadence.Sessions(end, 1.5 + 1.5 * random.nextDouble(),
                    25_000 + random.nextInt(50_000), offset(country));
            add(client(orgId, oneOf(CHAT_AGENTS)), origin, cadence,
                    new TrafficCasualHarvest(prompts, pools, maxTokens, followUps), new TrafficKeyLimit(60),
                    Optional.of(campaign));
        }
    }

    /**
     * A network of 8–16 aged small businesses (each its own country, card, domain and hosting /24), each with an
     * app key relaying its own end users' chats. The campaign routes items through the apps' keys in their own
     * request shape, rotating: in each window of 4–12 hours two or three businesses take the harvest, the next
     * ones in turn in the next window. Their organisations are mixed: only the routed exchanges are harvesting.
     */
    void coverNetwork() {
        String campaign = campaignId(ScenarioKind.COVER_NETWORK);
        List<PromptSource.Pool> pools = harvestPools();
        List<TrafficSource.Client> keys = new ArrayList<>();
        List<TrafficOrigin> backends = new ArrayList<>();
        List<TrafficKeyLimit> limits = new ArrayList<>();
        List<TrafficAppHarvest> shapes = new ArrayList<>();
        Set<String> slash24s = new HashSet<>();
        for (int b = 0, businesses = 8 + random.nextInt(9); b < businesses; b++) {
            String country = TrafficNetworks.customerCountry(random);
            TrafficNetworks.Block servers = unusedSlash24(TrafficNetworks.hosting(country, random), slash24s);
            String orgId = campaignOrg(ScenarioKind.COVER_NETWORK, campaign,
                    start - (90 + random.nextInt(1_400)) * DAY - random.nextLong(DAY), country,
                    random.nextBoolean() ? "standard" : "self-serve", companyDomain(country), payment(),
                    TrafficNetworks.residential(country, random).address(random), true);
            TrafficOrigin backend = TrafficOrigin.of(TrafficOrigin.addresses(servers, 1 + random.nextInt(2), random));
            TrafficSource.Client client = client(orgId, oneOf(SDK_AGENTS));
            TrafficKeyLimit limit = new TrafficKeyLimit(600);
            Optional<String> system = Optional.of("You are the assistant inside " + capitalised(word()) + ", "
                    + oneOf(SMALL_APPS) + ". Be friendly and helpful.");
            int maxTokens = List.of(0, 1_024, 2_048, 4_096).get(random.nextInt(4));
            OptionalDouble temperature = random.nextBoolean() ? OptionalDouble.empty() : OptionalDouble.of(0.7);
            for (int u = 0, users = 8 + random.nextInt(25); u < users; u++) {
                String userCountry = random.nextInt(3) == 0 ? TrafficNetworks.customerCountry(random) : country;
                add(client, backend, new TrafficCadence.Sessions(end, 0.1 + 0.3 * random.nextDouble(),
                                30_000 + random.nextInt(40_000), offset(userCountry)),
                        new TrafficConversation(prompts, system, maxTokens, temperature, false), limit, Optional.empty());
            }
            keys.add(client);
            backends.add(backend);
            limits.add(limit);
            shapes.add(new TrafficAppHarvest(prompts, pools, system, List.of(""), maxTokens, temperature));
        }
        long window = (4 + random.nextInt(9)) * TrafficCadence.HOUR;
        int active = 2 + random.nextInt(2);
        double perMinute = 0.6 + 0.9 * random.nextDouble();
        int turn = random.nextInt(keys.size());
        for (long from = start; from < end; from += window) {
            for (int a = 0; a < active; a++) {
                int b = turn++ % keys.size();
                add(keys.get(b), backends.get(b), new TrafficCadence.Steady(from, Math.min(end, from + window),
                                perMinute * (0.8 + 0.4 * random.nextDouble()), 0.7, 0.03), shapes.get(b), limits.get(b),
                        Optional.of(campaign));
            }
        }
    }

    /**
     * An established enterprise account: its genuine nightly batch job and RAG app, and on the batch job's key,
     * servers and client an "internal pipeline" that runs two hours after the batch each night with items of the
     * campaign's material, its nightly volume growing by 45–75 % a day from 200–350 items.
     */
    void enterpriseRamp() {
        String campaign = campaignId(ScenarioKind.ENTERPRISE_RAMP);
        String country = oneOf(List.of("US", "GB", "DE", "FR", "JP", "NL"));
        String orgId = campaignOrg(ScenarioKind.ENTERPRISE_RAMP, campaign,
                start - (300 + random.nextInt(1_700)) * DAY - random.nextLong(DAY), country, "enterprise",
                companyDomain(country), payment(), TrafficNetworks.residential(country, random).address(random), true);
        TrafficOrigin servers = servers(country, 2, 2);
        TrafficSource.Client pipeline = client(orgId, oneOf(JOB_AGENTS));
        TrafficKeyLimit limit = new TrafficKeyLimit(1_000);
        int hour = random.nextInt(24);
        add(pipeline, servers, new TrafficCadence.DailyRun(end, hour, 300 + random.nextInt(900), 30 + random.nextInt(60)),
                new TrafficBatchJob(prompts, random), limit, Optional.empty());
        add(client(orgId, oneOf(SDK_AGENTS)), servers, new TrafficCadence.Diurnal(end, 20 + random.nextInt(60),
                offset(country)), new TrafficRetrieval(prompts, random), new TrafficKeyLimit(600), Optional.empty());
        TrafficAppHarvest content = new TrafficAppHarvest(prompts, harvestPools(),
                Optional.of("You are the internal assistant of " + capitalised(word())
                        + ". Answer each request completely and accurately."),
                List.of("", "", "Request {n}:\n", "Ticket #{n}\n"), random.nextBoolean() ? 2_048 : 4_096,
                random.nextBoolean() ? OptionalDouble.of(0.0) : OptionalDouble.of(0.3));
        double perMinute = 15 + random.nextInt(30);
        double items = 200 + random.nextInt(151);
        double growth = 1.45 + 0.3 * random.nextDouble();
        for (long run = Math.floorDiv(start, DAY) * DAY + Math.floorMod(hour + 2, 24) * TrafficCadence.HOUR; run < end;
             run += DAY, items *= growth) {
            long length = (long) (items * TrafficCadence.MINUTE / perMinute);
            if (run + length > start) {
                add(pipeline, servers, new TrafficCadence.Steady(run, Math.min(end, run + length), perMinute, 0.1, 0),
                        content, limit, Optional.of(campaign));
            }
        }
    }
}
