package dev.moat.detect;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The held-out campaign variants of {@code holdout11}, written without reading the detector, each from the side of a
 * lab that knows the published tells and avoids them while still harvesting thousands of exchanges: a partner's leaked
 * key used only while its owner sleeps, a grader distilled through pairwise comparisons on keys that live a few hours,
 * a hydra whose accounts each imitate an ordinary kind of customer, and reasoning traces collected as benchmark
 * evaluation runs over shards of the training material.
 */
final class Holdout11CampaignPlans extends PlanningBlocks {

    /** Countries of the partners whose keys leak (each has residential and hosting blocks here). */
    private static final List<String> PARTNER_COUNTRIES = List.of("US", "US", "GB", "DE", "FR", "JP");
    /** What a batch-imitating account's "pipeline" puts before each record. */
    private static final List<String> RECORD_PREFIXES = List.of("Record {n}:\n", "ID {n}\n", "Ticket #{n}\n\n",
            "Item {n}. ", "");
    /** What a batch-imitating account's "pipeline" says it is. */
    private static final List<String> PIPELINES = List.of("Answer the record completely and accurately.",
            "You process one request per record. Give a complete, correct response.",
            "Respond to the customer's question in full.", "Complete the task in the record.");

    Holdout11CampaignPlans(PlanningState state) {
        super(state);
    }

    /**
     * A leaked key used while its owner sleeps: an established partner (400–2,000 days old) whose key carries its
     * internal assistant (20–80 employees in working-day sessions) and its customer app (a Poisson stream following its
     * country's day) from its servers. From a point in the first third of the period a thief uses the same key only
     * when the owner's working day is nearly empty — weekday nights, the weekend — at 90–180 requests an hour, from 4–12
     * residential-proxy addresses in the owner's country, with the owner's client library and the app's system prompt,
     * budget and temperature, each item bare as the user turn.
     */
    void quietHoursKey() {
        String campaign = campaignId(ScenarioKind.QUIET_HOURS_KEY);
        String country = oneOf(PARTNER_COUNTRIES);
        String orgId = campaignOrg(ScenarioKind.QUIET_HOURS_KEY, campaign,
                start - (400 + random.nextInt(1_601)) * DAY - random.nextLong(DAY), country, "partner",
                companyDomain(country), payment(), TrafficNetworks.residential(country, random).address(random), true);
        TrafficOrigin servers = servers(country, 2, 3);
        TrafficSource.Client key = client(orgId, oneOf(SDK_AGENTS));
        TrafficKeyLimit limit = new TrafficKeyLimit(1_000);
        Optional<String> assistant = Optional.of("You are the internal assistant of " + capitalised(word())
                + ". Help colleagues with drafting, analysis and questions about our products.");
        for (int e = 0, employees = 20 + random.nextInt(61); e < employees; e++) {
            add(key, servers, new TrafficCadence.Sessions(end, 0.15 + 0.3 * random.nextDouble(),
                            40_000 + random.nextInt(60_000), offset(country)),
                    new TrafficConversation(prompts, assistant, 2_048, OptionalDouble.empty(), false), limit,
                    Optional.empty());
        }
        Optional<String> app = Optional.of("You are the help assistant in " + capitalised(word())
                + "'s app. Answer the user's question clearly and completely.");
        int maxTokens = List.of(1_024, 2_048, 4_096).get(random.nextInt(3));
        OptionalDouble temperature = random.nextBoolean() ? OptionalDouble.empty() : OptionalDouble.of(0.5);
        add(key, servers, new TrafficCadence.Diurnal(end, 20 + random.nextInt(60), offset(country)),
                new TrafficConversation(prompts, app, maxTokens, temperature, false), limit, Optional.empty());
        long leak = start + (long) (random.nextDouble() * (end - start) / 3);
        TrafficNetworks.Block proxies = TrafficNetworks.residential(country, random);
        TrafficOrigin thief = TrafficOrigin.of(TrafficOrigin.addresses(proxies, 4 + random.nextInt(9), random));
        add(key, thief, new TrafficCadence.Starting(leak,
                        new TrafficCadence.QuietHours(end, 90 + random.nextInt(91), offset(country))),
                new TrafficAppHarvest(prompts, harvestPools(), app, List.of(""), maxTokens, temperature), limit,
                Optional.of(campaign));
    }

    /**
     * A grader distilled over short-lived keys: one or two established "experimentation platforms" (own card, company
     * domain and hosting /24, 120–1,000 days old, standard or enterprise). Through each one's extended working day
     * (07:00–23:00 local, weekends now and then) it mints a key for each "experiment", uses it for one to four hours at
     * 1.5–4 requests a minute — an item, its reference answer and a flawed one, which is better and why — and then
     * leaves it for the next key after a pause of 5–60 minutes.
     */
    void churnGrader() {
        String campaign = campaignId(ScenarioKind.CHURN_GRADER);
        List<PromptSource.Pool> pools = harvestPools();
        for (int o = 0, orgCount = 1 + random.nextInt(2); o < orgCount; o++) {
            CompanyFront front = companyFront(ScenarioKind.CHURN_GRADER, campaign, 120, 881,
                    List.of("standard", "enterprise"), false);
            Optional<String> system = random.nextBoolean() ? Optional.empty()
                    : Optional.of("You are the evaluator of " + capitalised(word())
                    + "'s experiments. Judge outputs strictly on correctness and completeness.");
            int maxTokens = List.of(128, 256, 300).get(random.nextInt(3));
            String agent = oneOf(JOB_AGENTS);
            int offset = offset(front.country());
            long at = start + random.nextLong(TrafficCadence.HOUR);
            while (at < end) {
                long local = at + offset * TrafficCadence.HOUR;
                int hour = (int) Math.floorMod(local / TrafficCadence.HOUR, 24);
                boolean weekend = Math.floorMod(local / DAY + 3, 7) >= 5;
                if (hour < 7 || hour >= 23 || (weekend && random.nextInt(3) != 0)) {
                    at += TrafficCadence.HOUR;
                    continue;
                }
                long life = TrafficCadence.HOUR + random.nextLong(3 * TrafficCadence.HOUR);
                add(client(front.orgId(), agent), front.servers(),
                        new TrafficCadence.Steady(at, Math.min(end, at + life), 1.5 + 2.5 * random.nextDouble(), 0.5,
                                0.01),
                        new TrafficPairwiseJudge(prompts, pools, system, maxTokens), new TrafficKeyLimit(60),
                        Optional.of(campaign));
                at += life + 5 * TrafficCadence.MINUTE + random.nextLong(55 * TrafficCadence.MINUTE);
            }
        }
    }

    /**
     * A hydra of look-alikes: 24–48 accounts, each a separate company (own country, card, company domain, hosting /24,
     * 30–730 days old, standard or self-serve), each imitating one ordinary kind with that kind's clients, origin,
     * rhythm and request shape: a nightly batch job (its own pipeline instruction, a record header, 150–600 items at 10–40
     * a minute), a chat team (two to five seats pasting items into chat and following up, from an office), a retrieval
     * app (passages and an item as the question, following its users' day) or a coding-agent team (agent loops that end
     * in the solution). Nothing is shared but the material.
     */
    void mimicHydra() {
        String campaign = campaignId(ScenarioKind.MIMIC_HYDRA);
        List<PromptSource.Pool> pools = harvestPools();
        Set<String> slash24s = new HashSet<>();
        for (int a = 0, accounts = 24 + random.nextInt(25); a < accounts; a++) {
            CompanyFront front = separateCompany(campaign, slash24s);
            int offset = offset(front.country());
            switch (random.nextInt(4)) {
                case 0 -> add(client(front.orgId(), oneOf(JOB_AGENTS)), front.servers(),
                        new TrafficCadence.DailyRun(end, random.nextInt(24), 150 + random.nextInt(451),
                                10 + random.nextInt(31)),
                        new TrafficAppHarvest(prompts, pools,
                                Optional.of("You are the records pipeline of " + capitalised(word()) + ". "
                                        + oneOf(PIPELINES)),
                                List.of(oneOf(RECORD_PREFIXES)), List.of(1_024, 2_048).get(random.nextInt(2)),
                                OptionalDouble.of(0.0)),
                        new TrafficKeyLimit(600), Optional.of(campaign));
                case 1 -> {
                    TrafficNetworks.Block office = unusedSlash24(TrafficNetworks.residential(front.country(), random),
                            slash24s);
                    TrafficOrigin origin = TrafficOrigin.of(TrafficOrigin.addresses(office, 1 + random.nextInt(2),
                            random));
                    int maxTokens = List.of(0, 2_048, 4_096).get(random.nextInt(3));
                    for (int s = 0, seats = 2 + random.nextInt(4); s < seats; s++) {
                        add(client(front.orgId(), oneOf(CHAT_AGENTS)), origin,
                                new TrafficCadence.Sessions(end, 1 + 2 * random.nextDouble(),
                                        30_000 + random.nextInt(60_000), offset),
                                new TrafficCasualHarvest(prompts, pools, maxTokens, 0.3 + 0.3 * random.nextDouble()),
                                new TrafficKeyLimit(60), Optional.of(campaign));
                    }
                }
                case 2 -> add(client(front.orgId(), oneOf(SDK_AGENTS)), front.servers(),
                        new TrafficCadence.Diurnal(end, 15 + random.nextInt(36), offset),
                        new TrafficContextHarvest(prompts, pools, List.of(1_024, 2_048).get(random.nextInt(2)), random),
                        new TrafficKeyLimit(600), Optional.of(campaign));
                default -> {
                    TrafficNetworks.Block office = unusedSlash24(TrafficNetworks.residential(front.country(), random),
                            slash24s);
                    TrafficOrigin origin = TrafficOrigin.of(TrafficOrigin.addresses(office, 1, random));
                    int system = random.nextInt(TrafficAgentHarvest.systemPrompts());
                    for (int d = 0, developers = 2 + random.nextInt(3); d < developers; d++) {
                        add(client(front.orgId(), oneOf(CODING_AGENTS)), origin,
                                new TrafficCadence.Sessions(end, 0.5 + random.nextDouble(),
                                        4_000 + random.nextInt(8_000), offset),
                                new TrafficAgentHarvest(prompts, pools, system, random), new TrafficKeyLimit(120),
                                Optional.of(campaign));
                    }
                }
            }
        }
    }

    /**
     * A mimic-hydra account: a company of its own — country, hosting /24 (one or two server addresses), company domain,
     * card, sign-up address — whose /24s no other account of the campaign uses ({@code slash24s} records them), signed
     * up 30–730 days before the period, standard or self-serve.
     */
    private CompanyFront separateCompany(String campaign, Set<String> slash24s) {
        String country = TrafficNetworks.customerCountry(random);
        TrafficNetworks.Block servers = unusedSlash24(TrafficNetworks.hosting(country, random), slash24s);
        long created = start - (30 + random.nextInt(701)) * DAY - random.nextLong(DAY);
        String tier = random.nextBoolean() ? "standard" : "self-serve";
        String domain = companyDomain(country);
        String signupIp = unusedSlash24(TrafficNetworks.residential(country, random), slash24s).address(random);
        String orgId = campaignOrg(ScenarioKind.MIMIC_HYDRA, campaign, created, country, tier, domain, payment(),
                signupIp, false);
        return new CompanyFront(orgId, country,
                TrafficOrigin.of(TrafficOrigin.addresses(servers, 1 + random.nextInt(2), random)));
    }

    /**
     * Reasoning traces as evaluation runs: two or three "evaluation start-ups" (own card, company domain, 20–400 days
     * old, standard or self-serve), each with one to three researchers' keys on a cloud notebook (one or two addresses
     * of a hosting block). The campaign's material (maths, with code for a third of campaigns) is shuffled and cut into
     * shards of 150–400 items; on each weekday every key runs one to three passes, each the next shard in one public
     * chain-of-thought evaluation template at temperature 0 with a budget of 1,024–4,096 tokens (thinking on in a third
     * of runs), as a burst of 20–80 items a minute started in the researcher's working hours. When the material runs
     * out the shards come round again, each run's template and configuration drawn anew, like a sweep over settings.
     */
    void evalShards() {
        String campaign = campaignId(ScenarioKind.EVAL_SHARDS);
        List<PromptSource.Pool> pools = random.nextInt(3) == 0
                ? List.of(PromptSource.Pool.HARVEST_MATH, PromptSource.Pool.HARVEST_CODE)
                : List.of(PromptSource.Pool.HARVEST_MATH);
        List<PromptSource.Prompt> material = new ArrayList<>();
        pools.forEach(pool -> material.addAll(prompts.pool(pool)));
        TrafficResample.shuffle(material, random);
        int shardSize = Math.min(material.size(), 150 + random.nextInt(251));
        int next = 0;
        for (int o = 0, orgCount = 2 + random.nextInt(2); o < orgCount; o++) {
            CompanyFront front = companyFront(ScenarioKind.EVAL_SHARDS, campaign, 20, 381,
                    List.of("standard", "self-serve"), false);
            TrafficOrigin notebook = TrafficOrigin.of(TrafficOrigin.addresses(
                    TrafficNetworks.hosting(front.country(), random), 1 + random.nextInt(2), random));
            int offset = offset(front.country());
            for (int k = 0, keys = 1 + random.nextInt(3); k < keys; k++) {
                TrafficSource.Client client = client(front.orgId(), oneOf(JOB_AGENTS));
                TrafficKeyLimit limit = new TrafficKeyLimit(2_000);
                for (long day = Math.floorDiv(start, DAY) * DAY; day < end; day += DAY) {
                    if (Math.floorMod(day / DAY + 3, 7) >= 5) {
                        continue;
                    }
                    long at = day + (9 - offset) * TrafficCadence.HOUR + random.nextLong(2 * TrafficCadence.HOUR);
                    for (int r = 0, runs = 1 + random.nextInt(3); r < runs; r++) {
                        List<PromptSource.Prompt> shard = new ArrayList<>();
                        for (int i = 0; i < shardSize; i++) {
                            shard.add(material.get(next++ % material.size()));
                        }
                        TrafficEvalShard run = new TrafficEvalShard(shard, oneOf(TrafficEvalShard.TEMPLATES),
                                List.of(1_024, 2_048, 4_096).get(random.nextInt(3)), random.nextInt(3) == 0);
                        double perMinute = 20 + random.nextInt(61);
                        long length = (long) (run.items() * TrafficCadence.MINUTE / perMinute);
                        // one pass and no more: the script exits at the end of its shard, however its pace varied
                        if (at >= start && at + length < end) {
                            add(client, notebook, new TrafficCadence.Counted(new TrafficCadence.Steady(at,
                                            at + length + length / 4, perMinute, 0.15, 0), run.items()), run,
                                    limit, Optional.of(campaign));
                        }
                        at += length + 20 * TrafficCadence.MINUTE + random.nextLong(2 * TrafficCadence.HOUR);
                    }
                }
            }
        }
    }
}
