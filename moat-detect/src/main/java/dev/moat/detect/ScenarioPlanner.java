package dev.moat.detect;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Turns scenario parts into organisations (with their sign-up facts and labels) and the clients that
 * generate their traffic. All parameters that make one campaign differ from another — sizes, rates,
 * templates, material, infrastructure, sign-up waves — are drawn here from the planning random
 * generator, so a seed fixes them and another seed varies them.
 *
 * <p>Ordinary organisations include the hard cases on purpose: teams on free-mail domains, apps that
 * relay many end users from a hosting network, nightly batch jobs with one template, evaluation runs
 * that ask for step-by-step reasoning over a maths benchmark, agents with many similar requests.
 */
final class ScenarioPlanner {

    private static final long DAY = TrafficCadence.DAY;
    private static final List<String> FREE_MAIL = List.of("gmail.com", "outlook.com", "yahoo.com", "proton.me",
            "icloud.com");
    private static final List<String> SYLLABLES = List.of("ar", "bel", "cor", "dex", "el", "fin", "gra", "hal",
            "in", "jo", "ka", "lum", "mer", "nov", "or", "pal", "quin", "ros", "sol", "tal", "ver", "wyn", "xa", "zen");
    private static final List<String> SUFFIXES = List.of("labs", "tech", "data", "soft", "analytics", "systems",
            "health", "media", "bank", "logistics", "ai", "works");
    private static final List<String> SDK_AGENTS = List.of("openai-python/1.54.4", "openai-python/1.51.0",
            "anthropic-sdk-python/0.39.0", "OpenAI/NodeJS/4.67.3", "anthropic-sdk-typescript/0.32.1");
    private static final List<String> CHAT_AGENTS = List.of("LibreChat/0.7.5", "openai-python/1.54.4",
            "anthropic-sdk-python/0.39.0", "TypingMind/1.0", "OpenAI/NodeJS/4.67.3", "Open WebUI/0.3.35");
    private static final List<String> JOB_AGENTS = List.of("openai-python/1.54.4", "python-requests/2.32.3",
            "Go-http-client/2.0", "anthropic-sdk-python/0.39.0", "okhttp/4.12.0");
    private static final List<String> CODING_AGENTS = List.of("claude-cli/1.0.31", "aider/0.82.1", "Cline/3.2.0",
            "OpenAI/NodeJS/4.67.3");
    private static final List<String> SCRIPT_AGENTS = List.of("python-requests/2.31.0", "aiohttp/3.9.5",
            "httpx/0.27.0", "openai-python/1.54.4", "curl/8.5.0", "Go-http-client/1.1");
    /** Clients whose API offers log-probabilities (the OpenAI one): what a soft-label harvester must use. */
    private static final List<String> OPENAI_AGENTS = List.of("openai-python/1.54.4", "openai-python/1.51.0",
            "OpenAI/NodeJS/4.67.3");
    private static final List<PromptSource.Pool> HARVEST_POOLS = List.of(PromptSource.Pool.HARVEST_MATH,
            PromptSource.Pool.HARVEST_CODE, PromptSource.Pool.HARVEST_ROLEPLAY, PromptSource.Pool.HARVEST_TOOL);
    /** What the small businesses of a cover network run: consumer apps with their own end users. */
    private static final List<String> SMALL_APPS = List.of("a recipe and meal-planning app", "a study helper for students",
            "a travel planning app", "a writing assistant for online shops", "a fitness coaching app",
            "a help widget for a web-hosting company", "a language-learning app");
    private static final Map<String, Integer> UTC_OFFSETS = Map.ofEntries(
            Map.entry("US", -6), Map.entry("GB", 0), Map.entry("DE", 1), Map.entry("FR", 1), Map.entry("JP", 9),
            Map.entry("IN", 5), Map.entry("BR", -3), Map.entry("CA", -5), Map.entry("NL", 1), Map.entry("SG", 8),
            Map.entry("KR", 9), Map.entry("AU", 10), Map.entry("CN", 8), Map.entry("RU", 3), Map.entry("IR", 3),
            Map.entry("KP", 9), Map.entry("TW", 8), Map.entry("BE", 1), Map.entry("PL", 1));

    private final PromptSource prompts;
    private final long seed;
    private final long start;
    private final long end;
    private final SplittableRandom random;
    private final List<SimulatedOrg> orgs = new ArrayList<>();
    private final List<TrafficSource> sources = new ArrayList<>();
    private final Set<String> ids = new HashSet<>();
    private final Map<ScenarioKind, Integer> campaigns = new EnumMap<>(ScenarioKind.class);

    ScenarioPlanner(PromptSource prompts, long seed, Instant start, long durationMillis) {
        this.prompts = prompts;
        this.seed = seed;
        this.start = start.toEpochMilli();
        this.end = this.start + durationMillis;
        this.random = new SplittableRandom(TrafficSource.mix(seed));
    }

    List<SimulatedOrg> orgs() {
        return orgs;
    }

    List<TrafficSource> sources() {
        return sources;
    }

    void plan(ScenarioPart part, double scale) {
        int count = part.kind().campaign() ? part.count() : Math.max(1, (int) Math.round(part.count() * scale));
        for (int i = 0; i < count; i++) {
            switch (part.kind()) {
                case CHAT -> chat();
                case BATCH -> batch();
                case RAG -> rag();
                case CODING_AGENT -> codingAgent();
                case EVAL_RUN -> evalRun();
                case BOLD_HARVESTER -> boldHarvester();
                case HYDRA -> hydra(part.accounts(), scale);
                case LOW_AND_SLOW -> lowAndSlow();
                case RESELLER -> reseller();
                case REASONING_COERCION -> reasoningCoercion();
                case GRADER -> grader();
                case LOGIT_BIAS -> logitBias();
                case LEAKED_KEY -> leakedKey();
                case RESTRICTED_VPN -> restrictedVpn();
                case HYDRA_VARIED -> variedHydra(part.accounts(), scale);
                case DIALOGUE_HARVEST -> dialogueHarvest();
                case OFFICE_DISTILLER -> officeDistiller();
                case AGENT_HARVEST -> agentHarvest();
                case AGED_ACCOUNTS -> agedAccounts();
                case SOFT_LABELS -> softLabels();
                case MULTILINGUAL_HARVEST -> multilingualHarvest();
                case TUTORING_APP -> tutoringApp();
                case CONTEXT_HARVEST -> contextHarvest();
                case PREFERENCE_PAIRS -> preferencePairs();
                case PARAPHRASE_HARVEST -> paraphraseHarvest();
                case BUNDLED_ITEMS -> bundledItems();
                case JUDGE_SERVICE -> judgeService();
                case CRITIQUE_REWRITE -> critiqueRewrite();
                case HUMAN_CADENCE -> humanCadence();
                case COVER_NETWORK -> coverNetwork();
                case ENTERPRISE_RAMP -> enterpriseRamp();
                case DOC_LOCALISATION -> docLocalisation();
                case SEO_ARTICLES -> seoArticles();
                case SUPPORT_BOT -> supportBot();
                case PRE_LABELLING -> preLabelling();
                case OLYMPIAD_COACH -> olympiadCoach();
                case CODE_REVIEW_BOT -> codeReviewBot();
            }
        }
    }

    // ---- ordinary organisations ----

    private void chat() {
        String country = TrafficNetworks.customerCountry(random);
        if (random.nextInt(3) == 0) {
            chatApp(country);
            return;
        }
        boolean selfServe = random.nextBoolean();
        String domain = selfServe && random.nextInt(10) < 6 ? oneOf(FREE_MAIL) : companyDomain(country);
        String orgId = ordinaryOrg(ScenarioKind.CHAT, country, selfServe ? "self-serve" : "standard", domain);
        TrafficNetworks.Block office = TrafficNetworks.residential(country, random).narrow(random);
        List<TrafficOrigin.Address> officeAddresses = TrafficOrigin.addresses(office, 1 + random.nextInt(2), random);
        int users = 1 + random.nextInt(12);
        // some teams work from home through a corporate VPN: ordinary traffic from VPN exits
        boolean corporateVpn = random.nextInt(12) == 0;
        for (int u = 0; u < users; u++) {
            List<TrafficOrigin.Address> home = TrafficOrigin.addresses(corporateVpn ? TrafficNetworks.vpn(random)
                    : TrafficNetworks.residential(country, random), 1, random);
            TrafficOrigin origin = new TrafficOrigin(officeAddresses, home, 0.1 + 0.4 * random.nextDouble());
            TrafficSource.Client client = client(orgId, oneOf(CHAT_AGENTS));
            TrafficCadence cadence = new TrafficCadence.Sessions(end, 0.2 + 0.5 * random.nextDouble(),
                    40_000 + random.nextInt(60_000), offset(country));
            add(client, origin, cadence, conversation(Optional.empty()), new TrafficKeyLimit(selfServe ? 20 : 60),
                    Optional.empty());
        }
    }

    /** An app relaying its end users' chats through one key from its servers. */
    private void chatApp(String country) {
        String orgId = ordinaryOrg(ScenarioKind.CHAT, country, random.nextBoolean() ? "standard" : "enterprise",
                companyDomain(country));
        TrafficOrigin backend = TrafficOrigin.of(TrafficOrigin.addresses(
                TrafficNetworks.hosting(country, random).narrow(random), 2 + random.nextInt(3), random));
        TrafficSource.Client client = client(orgId, oneOf(SDK_AGENTS));
        TrafficKeyLimit limit = new TrafficKeyLimit(1_000);
        Optional<String> system = Optional.of("You are the friendly assistant inside the "
                + capitalised(word()) + " app. Keep answers concise and helpful.");
        int endUsers = 60 + random.nextInt(300);
        for (int u = 0; u < endUsers; u++) {
            String userCountry = random.nextInt(3) == 0 ? TrafficNetworks.customerCountry(random) : country;
            TrafficCadence cadence = new TrafficCadence.Sessions(end, 0.1 + 0.3 * random.nextDouble(),
                    30_000 + random.nextInt(40_000), offset(userCountry));
            add(client, backend, cadence, conversation(system), limit, Optional.empty());
        }
    }

    private TrafficConversation conversation(Optional<String> system) {
        int maxTokens = List.of(0, 0, 1024, 2048, 4096).get(random.nextInt(5));
        OptionalDouble temperature = random.nextBoolean() ? OptionalDouble.empty()
                : OptionalDouble.of(List.of(0.2, 0.7, 1.0).get(random.nextInt(3)));
        return new TrafficConversation(prompts, system, maxTokens, temperature, random.nextInt(7) == 0);
    }

    private void batch() {
        String country = TrafficNetworks.customerCountry(random);
        String orgId = ordinaryOrg(ScenarioKind.BATCH, country, random.nextBoolean() ? "enterprise" : "standard",
                companyDomain(country));
        TrafficOrigin origin = TrafficOrigin.of(TrafficOrigin.addresses(
                TrafficNetworks.hosting(country, random).narrow(random), 1 + random.nextInt(3), random));
        int jobs = 1 + random.nextInt(2);
        for (int j = 0; j < jobs; j++) {
            TrafficCadence cadence = new TrafficCadence.DailyRun(end, random.nextInt(24), 150 + random.nextInt(1_200),
                    20 + random.nextInt(100));
            add(client(orgId, oneOf(JOB_AGENTS)), origin, cadence, new TrafficBatchJob(prompts, random),
                    new TrafficKeyLimit(600), Optional.empty());
        }
    }

    private void rag() {
        String country = TrafficNetworks.customerCountry(random);
        String orgId = ordinaryOrg(ScenarioKind.RAG, country, random.nextBoolean() ? "enterprise" : "standard",
                companyDomain(country));
        TrafficOrigin origin = TrafficOrigin.of(TrafficOrigin.addresses(
                TrafficNetworks.hosting(country, random).narrow(random), 1 + random.nextInt(2), random));
        TrafficCadence cadence = new TrafficCadence.Diurnal(end, 30 + random.nextInt(170), offset(country));
        add(client(orgId, oneOf(SDK_AGENTS)), origin, cadence, new TrafficRetrieval(prompts, random),
                new TrafficKeyLimit(600), Optional.empty());
    }

    private void codingAgent() {
        String country = TrafficNetworks.customerCountry(random);
        String orgId = ordinaryOrg(ScenarioKind.CODING_AGENT, country, random.nextBoolean() ? "self-serve" : "standard",
                companyDomain(country));
        List<TrafficOrigin.Address> office = TrafficOrigin.addresses(
                TrafficNetworks.residential(country, random).narrow(random), 1, random);
        int developers = 2 + random.nextInt(11);
        for (int d = 0; d < developers; d++) {
            TrafficOrigin origin = new TrafficOrigin(office,
                    TrafficOrigin.addresses(TrafficNetworks.residential(country, random), 1, random), 0.3);
            TrafficCadence cadence = new TrafficCadence.Sessions(end, 0.25 + 0.35 * random.nextDouble(),
                    4_000 + random.nextInt(8_000), offset(country));
            add(client(orgId, oneOf(CODING_AGENTS)), origin, cadence, new TrafficCodingAgent(prompts, random),
                    new TrafficKeyLimit(120), Optional.empty());
        }
    }

    private void evalRun() {
        String country = TrafficNetworks.customerCountry(random);
        String orgId = ordinaryOrg(ScenarioKind.EVAL_RUN, country, random.nextBoolean() ? "enterprise" : "partner",
                companyDomain(country));
        TrafficOrigin origin = TrafficOrigin.of(TrafficOrigin.addresses(
                TrafficNetworks.hosting(country, random), 1 + random.nextInt(2), random));
        TrafficSource.Client client = client(orgId, oneOf(JOB_AGENTS));
        TrafficKeyLimit limit = new TrafficKeyLimit(2_000);
        int runs = 1 + random.nextInt(3);
        for (int r = 0; r < runs; r++) {
            TrafficEvaluation evaluation = new TrafficEvaluation(prompts, random);
            double perMinute = 30 + random.nextInt(120);
            long length = (long) (evaluation.itemsPerRun() * TrafficCadence.MINUTE / perMinute);
            long from = start + (long) (random.nextDouble() * Math.max(1, end - start - length));
            add(client, origin, new TrafficCadence.Steady(from, from + length, perMinute, 0.15, 0), evaluation, limit,
                    Optional.empty());
        }
    }

    // ---- campaigns ----

    private void boldHarvester() {
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
    private void hydra(int accounts, double scale) {
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

    private void lowAndSlow() {
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
    private void reseller() {
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

    private void reasoningCoercion() {
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

    private void grader() {
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

    private void logitBias() {
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
    private void leakedKey() {
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
    private void restrictedVpn() {
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

    // ---- held-out campaign variants (written before the detector was run on them) ----

    /**
     * A hydra that shares nothing in its prompts: every account has its own template, wrapper, system
     * prompt, budget and client library. What remains shared is what a campaign cannot cheaply vary —
     * a few cards, a few address ranges, sign-up waves — and the load-balanced slot timing.
     */
    private void variedHydra(int accounts, double scale) {
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
    private void dialogueHarvest() {
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
    private void officeDistiller() {
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

    // ---- held-out campaign variants, third set (holdout3: written without reading the detector) ----

    /**
     * Harvesting disguised as coding agents: an organisation of a few "developers", each key running agent
     * loops whose tasks are the campaign's material (code and tool-use tasks, sometimes maths), in
     * working-day sessions from an office and home addresses, with coding-agent clients, many tool
     * definitions and thinking often on. Every step's tool call and the final solution are harvested.
     */
    private void agentHarvest() {
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
    private void agedAccounts() {
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
    private void softLabels() {
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
    private void multilingualHarvest() {
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

    /**
     * Held out (holdout3), ordinary: a tutoring app relaying 80–400 students' homework questions through
     * one key from its servers, under one system prompt that asks for every step to be explained.
     */
    private void tutoringApp() {
        String country = TrafficNetworks.customerCountry(random);
        String orgId = ordinaryOrg(ScenarioKind.TUTORING_APP, country, random.nextBoolean() ? "standard" : "enterprise",
                companyDomain(country));
        TrafficOrigin backend = TrafficOrigin.of(TrafficOrigin.addresses(
                TrafficNetworks.hosting(country, random).narrow(random), 2 + random.nextInt(3), random));
        TrafficSource.Client client = client(orgId, oneOf(SDK_AGENTS));
        TrafficKeyLimit limit = new TrafficKeyLimit(1_000);
        String app = capitalised(word());
        int system = random.nextInt(TrafficTutoring.systemPrompts());
        int maxTokens = random.nextBoolean() ? 1_024 : 2_048;
        OptionalDouble temperature = random.nextBoolean() ? OptionalDouble.empty() : OptionalDouble.of(0.3);
        boolean thinking = random.nextInt(4) == 0;
        for (int s = 0, students = 80 + random.nextInt(321); s < students; s++) {
            // homework happens after school: the working-day curve shifted six hours later (busiest 15:00-24:00)
            TrafficCadence cadence = new TrafficCadence.Sessions(end, 0.1 + 0.3 * random.nextDouble(),
                    20_000 + random.nextInt(40_000), offset(country) - 6);
            add(client, backend, cadence, new TrafficTutoring(prompts, app, system, maxTokens, temperature, thinking),
                    limit, Optional.empty());
        }
    }

    // ---- held-out variants, fourth set (holdout4: written without reading the detector) ----

    /**
     * Harvesting inside retrieval-augmented requests: one or two established organisations, each an "app" on its
     * own hosting /24 with one or two keys following its users' working day, every request a RAG request whose
     * question is an item of the campaign's material.
     */
    private void contextHarvest() {
        String campaign = campaignId(ScenarioKind.CONTEXT_HARVEST);
        List<PromptSource.Pool> pools = harvestPools();
        for (int o = 0, orgCount = 1 + random.nextInt(2); o < orgCount; o++) {
            String country = TrafficNetworks.customerCountry(random);
            TrafficNetworks.Block block = TrafficNetworks.hosting(country, random).narrow(random);
            String orgId = campaignOrg(ScenarioKind.CONTEXT_HARVEST, campaign,
                    start - (30 + random.nextInt(500)) * DAY - random.nextLong(DAY), country,
                    random.nextBoolean() ? "standard" : "enterprise", companyDomain(country), payment(),
                    TrafficNetworks.residential(country, random).address(random), false);
            TrafficOrigin origin = TrafficOrigin.of(TrafficOrigin.addresses(block, 1 + random.nextInt(2), random));
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
    private void preferencePairs() {
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
    private void paraphraseHarvest() {
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
    private void bundledItems() {
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

    /**
     * Held out (holdout4), ordinary: an evaluation company grading its clients' chatbot conversations, one key per
     * client project (one to three), from its servers through the working day, under one rubric.
     */
    private void judgeService() {
        String country = TrafficNetworks.customerCountry(random);
        String orgId = ordinaryOrg(ScenarioKind.JUDGE_SERVICE, country, random.nextBoolean() ? "enterprise" : "standard",
                companyDomain(country));
        TrafficOrigin servers = TrafficOrigin.of(TrafficOrigin.addresses(
                TrafficNetworks.hosting(country, random).narrow(random), 1 + random.nextInt(3), random));
        String company = TrafficJudgeService.company(random);
        int system = random.nextInt(TrafficJudgeService.systemPrompts());
        int rubric = random.nextInt(TrafficJudgeService.rubrics());
        int maxTokens = random.nextBoolean() ? 256 : 512;
        String agent = oneOf(JOB_AGENTS);
        for (int k = 0, projects = 1 + random.nextInt(3); k < projects; k++) {
            add(client(orgId, agent), servers, new TrafficCadence.Diurnal(end, 40 + random.nextInt(160), offset(country)),
                    new TrafficJudgeService(prompts, system, rubric, company, maxTokens), new TrafficKeyLimit(600),
                    Optional.empty());
        }
    }

    // ---- held-out variants, fifth set (holdout5: written without reading the detector) ----

    /**
     * Self-improvement data: two to four unlinked "learning platform" organisations (own card, domain and hosting
     * /24), one to three keys each following their users' working day, every request an item with the student
     * model's draft, asking for a critique and the complete corrected answer.
     */
    private void critiqueRewrite() {
        String campaign = campaignId(ScenarioKind.CRITIQUE_REWRITE);
        List<PromptSource.Pool> pools = harvestPools();
        for (int o = 0, orgCount = 2 + random.nextInt(3); o < orgCount; o++) {
            String country = TrafficNetworks.customerCountry(random);
            TrafficNetworks.Block block = TrafficNetworks.hosting(country, random).narrow(random);
            String orgId = campaignOrg(ScenarioKind.CRITIQUE_REWRITE, campaign,
                    start - (15 + random.nextInt(300)) * DAY - random.nextLong(DAY), country,
                    random.nextBoolean() ? "standard" : "self-serve", companyDomain(country), payment(),
                    TrafficNetworks.residential(country, random).address(random), false);
            TrafficOrigin origin = TrafficOrigin.of(TrafficOrigin.addresses(block, 1 + random.nextInt(2), random));
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
    private void humanCadence() {
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
    private void coverNetwork() {
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
    private void enterpriseRamp() {
        String campaign = campaignId(ScenarioKind.ENTERPRISE_RAMP);
        String country = oneOf(List.of("US", "GB", "DE", "FR", "JP", "NL"));
        String orgId = campaignOrg(ScenarioKind.ENTERPRISE_RAMP, campaign,
                start - (300 + random.nextInt(1_700)) * DAY - random.nextLong(DAY), country, "enterprise",
                companyDomain(country), payment(), TrafficNetworks.residential(country, random).address(random), true);
        TrafficOrigin servers = TrafficOrigin.of(TrafficOrigin.addresses(
                TrafficNetworks.hosting(country, random).narrow(random), 2 + random.nextInt(2), random));
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

    /**
     * Held out (holdout5), ordinary: a localisation company's pipelines (one to three keys, one per client) from its
     * servers, each section of a client's documentation translated into the client's languages one after the other.
     */
    private void docLocalisation() {
        String country = TrafficNetworks.customerCountry(random);
        String orgId = ordinaryOrg(ScenarioKind.DOC_LOCALISATION, country,
                random.nextBoolean() ? "enterprise" : "standard", companyDomain(country));
        TrafficOrigin servers = TrafficOrigin.of(TrafficOrigin.addresses(
                TrafficNetworks.hosting(country, random).narrow(random), 1 + random.nextInt(2), random));
        String agent = oneOf(JOB_AGENTS);
        for (int k = 0, clients = 1 + random.nextInt(3); k < clients; k++) {
            add(client(orgId, agent), servers, new TrafficCadence.Sessions(end, 6 + random.nextInt(20),
                            2_000 + random.nextInt(6_000), offset(country)),
                    new TrafficDocLocalisation(prompts, random.nextBoolean() ? 2_048 : 4_096, random),
                    new TrafficKeyLimit(600), Optional.empty());
        }
    }

    // ---- held-out ordinary kinds, second set (ordinary2: written without reading the detector) ----

    /**
     * A content-marketing agency (a young self-serve account or an established standard one) with one to three
     * article pipelines on its servers, each working through its account managers' queue of briefs during the
     * working day: 15–60 long articles an hour at the busiest.
     */
    private void seoArticles() {
        String country = TrafficNetworks.customerCountry(random);
        String orgId = ordinaryOrg(ScenarioKind.SEO_ARTICLES, country, random.nextBoolean() ? "self-serve" : "standard",
                companyDomain(country));
        TrafficOrigin servers = TrafficOrigin.of(TrafficOrigin.addresses(
                TrafficNetworks.hosting(country, random).narrow(random), 1 + random.nextInt(2), random));
        String agency = TrafficSeoArticles.agency(random);
        int system = random.nextInt(TrafficSeoArticles.systemPrompts());
        int maxTokens = random.nextBoolean() ? 8_192 : 16_000;
        String agent = oneOf(SDK_AGENTS);
        for (int k = 0, pipelines = 1 + random.nextInt(3); k < pipelines; k++) {
            add(client(orgId, agent), servers, new TrafficCadence.Diurnal(end, 15 + random.nextInt(46), offset(country)),
                    new TrafficSeoArticles(agency, system, maxTokens, random), new TrafficKeyLimit(600), Optional.empty());
        }
    }

    /**
     * A SaaS company's support bot: 200–700 of its customers, in every time zone from UTC-8 to UTC+10, each asking
     * now and then in their own language, through one key from the company's servers under one system prompt.
     */
    private void supportBot() {
        String country = TrafficNetworks.customerCountry(random);
        String orgId = ordinaryOrg(ScenarioKind.SUPPORT_BOT, country, random.nextBoolean() ? "standard" : "enterprise",
                companyDomain(country));
        TrafficOrigin backend = TrafficOrigin.of(TrafficOrigin.addresses(
                TrafficNetworks.hosting(country, random).narrow(random), 2 + random.nextInt(3), random));
        TrafficSource.Client client = client(orgId, oneOf(SDK_AGENTS));
        TrafficKeyLimit limit = new TrafficKeyLimit(1_500);
        int product = random.nextInt(TrafficSupportBot.products());
        int maxTokens = random.nextBoolean() ? 512 : 1_024;
        for (int u = 0, customers = 200 + random.nextInt(501); u < customers; u++) {
            int customerOffset = -8 + random.nextInt(19);
            add(client, backend, new TrafficCadence.Sessions(end, 0.1 + 0.2 * random.nextDouble(),
                            20_000 + random.nextInt(40_000), customerOffset),
                    new TrafficSupportBot(product, maxTokens, random), limit, Optional.empty());
        }
    }

    /**
     * A data-labelling company: one to three client projects, a key each, whose pre-annotation queue follows its
     * annotation centres in Manila, Nairobi and Bogotá (shifts that together cover the whole day), 25–100 items an
     * hour per centre at the busiest.
     */
    private void preLabelling() {
        String country = TrafficNetworks.customerCountry(random);
        String orgId = ordinaryOrg(ScenarioKind.PRE_LABELLING, country, random.nextBoolean() ? "enterprise" : "standard",
                companyDomain(country));
        TrafficOrigin servers = TrafficOrigin.of(TrafficOrigin.addresses(
                TrafficNetworks.hosting(country, random).narrow(random), 1 + random.nextInt(2), random));
        String company = TrafficPreLabelling.company(random);
        int system = random.nextInt(TrafficPreLabelling.systemPrompts());
        int maxTokens = random.nextBoolean() ? 1_024 : 2_048;
        boolean thinking = random.nextInt(3) == 0;
        String agent = oneOf(JOB_AGENTS);
        for (int k = 0, projects = 1 + random.nextInt(3); k < projects; k++) {
            TrafficSource.Client client = client(orgId, agent);
            TrafficKeyLimit limit = new TrafficKeyLimit(600);
            TrafficPreLabelling content = new TrafficPreLabelling(prompts, company, system,
                    random.nextInt(TrafficPreLabelling.GUIDELINES.size()), maxTokens, thinking);
            for (int centreOffset : List.of(8, 3, -5)) {
                add(client, servers, new TrafficCadence.Diurnal(end, 25 + random.nextInt(76), centreOffset), content,
                        limit, Optional.empty());
            }
        }
    }

    /**
     * A maths-olympiad coaching platform that signed up self-serve 3–45 days ago: 60–250 students, after school and
     * in the evening, through one key from its servers, every request with extended thinking.
     */
    private void olympiadCoach() {
        String country = TrafficNetworks.customerCountry(random);
        long created = start - (3 + random.nextInt(43)) * DAY - random.nextLong(DAY);
        String domain = random.nextInt(4) == 0 ? oneOf(FREE_MAIL) : companyDomain(country);
        String orgId = id("org_");
        orgs.add(new SimulatedOrg(profile(orgId, created, country, "self-serve", domain, payment(),
                TrafficNetworks.residential(country, random).address(random)), ScenarioKind.OLYMPIAD_COACH,
                Optional.empty(), false));
        TrafficOrigin backend = TrafficOrigin.of(TrafficOrigin.addresses(
                TrafficNetworks.hosting(country, random).narrow(random), 1 + random.nextInt(2), random));
        TrafficSource.Client client = client(orgId, oneOf(SDK_AGENTS));
        TrafficKeyLimit limit = new TrafficKeyLimit(300);
        String platform = capitalised(word()) + " Olympiad";
        int system = random.nextInt(TrafficOlympiadCoach.systemPrompts());
        int maxTokens = List.of(16_000, 24_000, 32_000).get(random.nextInt(3));
        for (int s = 0, students = 60 + random.nextInt(191); s < students; s++) {
            // training happens after school: the working-day curve shifted five hours later
            add(client, backend, new TrafficCadence.Sessions(end, 0.08 + 0.25 * random.nextDouble(),
                            60_000 + random.nextInt(120_000), offset(country) - 5),
                    new TrafficOlympiadCoach(platform, system, maxTokens), limit, Optional.empty());
        }
    }

    /**
     * A large company's code-review bot: one or two keys (monorepo and the rest) from its CI runners, each reviewing
     * the pull requests of three engineering hubs (the Americas, Europe, Asia), 4–24 pull requests an hour per hub
     * at the busiest, the files of each one right after the other.
     */
    private void codeReviewBot() {
        String country = TrafficNetworks.customerCountry(random);
        String orgId = ordinaryOrg(ScenarioKind.CODE_REVIEW_BOT, country, "enterprise", companyDomain(country));
        TrafficOrigin runners = TrafficOrigin.of(TrafficOrigin.addresses(
                TrafficNetworks.hosting(country, random).narrow(random), 2 + random.nextInt(3), random));
        String company = capitalised(word());
        String bot = TrafficCodeReview.bot(random);
        int system = random.nextInt(TrafficCodeReview.systemPrompts());
        int maxTokens = random.nextBoolean() ? 2_048 : 4_096;
        double temperature = random.nextBoolean() ? 0.0 : 0.2;
        List<Integer> hubs = List.of(oneOf(List.of(-8, -6, -5)), oneOf(List.of(0, 1)), oneOf(List.of(5, 8, 9)));
        String agent = oneOf(JOB_AGENTS);
        for (int k = 0, keys = 1 + random.nextInt(2); k < keys; k++) {
            TrafficSource.Client client = client(orgId, agent);
            TrafficKeyLimit limit = new TrafficKeyLimit(1_000);
            for (int hub : hubs) {
                add(client, runners, new TrafficCadence.Sessions(end, 4 + random.nextInt(21),
                                2_000 + random.nextInt(4_000), hub),
                        new TrafficCodeReview(company, bot, system, maxTokens, temperature), limit, Optional.empty());
            }
        }
    }

    // ---- building blocks ----

    /** A /24 of the block that is not in {@code used} yet (and is recorded there). */
    private TrafficNetworks.Block unusedSlash24(TrafficNetworks.Block block, Set<String> used) {
        for (int attempt = 0; attempt < 10_000; attempt++) {
            TrafficNetworks.Block candidate = block.narrow(random);
            if (used.add(candidate.cidr())) {
                return candidate;
            }
        }
        throw new IllegalStateException("no unused /24 left in " + block.cidr() + " after " + used.size()
                + " were taken (expected: a campaign far smaller than its address blocks)");
    }

    private TrafficHarvest harvest(TrafficHarvest.Style style, boolean elicitReasoning, int maxTokens) {
        return new TrafficHarvest(prompts, style, harvestPools(), templates(elicitReasoning, 1 + random.nextInt(3)),
                0.15 * random.nextDouble(), maxTokens, 0.5 * random.nextDouble(), random);
    }

    private List<PromptSource.Pool> harvestPools() {
        List<PromptSource.Pool> pools = new ArrayList<>(HARVEST_POOLS);
        int keep = 1 + random.nextInt(pools.size());
        while (pools.size() > keep) {
            pools.remove(random.nextInt(pools.size()));
        }
        return pools;
    }

    private List<TrafficTemplates.Template> templates(boolean elicitReasoning, int count) {
        List<TrafficTemplates.Template> templates = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            templates.add(TrafficTemplates.harvest(elicitReasoning, random));
        }
        return templates;
    }

    /**
     * An ordinary organisation. Now and then it is a second organisation of the same company (another
     * department or subsidiary signed up separately): same e-mail domain and payment method, an
     * innocent link that cluster linkage must not treat as a campaign.
     */
    private String ordinaryOrg(ScenarioKind kind, String country, String tier, String domain) {
        long created = start - (30 + random.nextInt(1_500)) * DAY - random.nextLong(DAY);
        String orgId = id("org_");
        String payment = payment();
        Optional<SimulatedOrg> sibling = orgs.reversed().stream().filter(SimulatedOrg::benign)
                .filter(org -> !FREE_MAIL.contains(org.profile().emailDomain().orElseThrow())).findFirst();
        if (sibling.isPresent() && !FREE_MAIL.contains(domain) && random.nextInt(100) < 6) {
            domain = sibling.get().profile().emailDomain().orElseThrow();
            payment = sibling.get().profile().paymentFingerprint().orElseThrow();
        }
        orgs.add(new SimulatedOrg(profile(orgId, created, country, tier, domain, payment,
                TrafficNetworks.residential(country, random).address(random)), kind, Optional.empty(), false));
        return orgId;
    }

    private String campaignOrg(ScenarioKind kind, String campaign, long created, String country, String tier,
                               String domain, String payment, String signupIp, boolean mixed) {
        String orgId = id("org_");
        orgs.add(new SimulatedOrg(profile(orgId, created, country, tier, domain, payment, signupIp), kind,
                Optional.of(campaign), mixed));
        return orgId;
    }

    private static OrgProfile profile(String orgId, long created, String country, String tier, String domain,
                                      String payment, String signupIp) {
        return new OrgProfile(orgId, Optional.of(Instant.ofEpochMilli(created)), Optional.of(country),
                Optional.of(tier), Optional.of(payment), Optional.of(domain), Optional.of(signupIp));
    }

    private TrafficSource.Client client(String orgId, String userAgent) {
        String library = userAgent.toLowerCase(Locale.ROOT);
        String api = library.startsWith("anthropic") || library.startsWith("claude") ? "anthropic"
                : library.startsWith("openai") ? "openai"
                : random.nextInt(3) == 0 ? "anthropic" : "openai";
        return new TrafficSource.Client(orgId, id("acct_"), id("key_"), userAgent, api,
                random.nextInt(4) == 0 ? "model-b" : "model-a");
    }

    private void add(TrafficSource.Client client, TrafficOrigin origin, TrafficCadence cadence, TrafficContent content,
                     TrafficKeyLimit limit, Optional<String> campaign) {
        sources.add(new TrafficSource(sources.size(), seed, client, origin, cadence, content, limit, campaign, start));
    }

    private String campaignId(ScenarioKind kind) {
        int number = campaigns.merge(kind, 1, Integer::sum);
        return "camp_" + kind.label() + "_" + number;
    }

    private String id(String prefix) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        while (true) {
            StringBuilder id = new StringBuilder(prefix);
            for (int i = 0; i < 12; i++) {
                id.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            if (ids.add(id.toString())) {
                return id.toString();
            }
        }
    }

    private String payment() {
        return "pm_" + String.format("%016x", random.nextLong());
    }

    private String companyDomain(String country) {
        String tld = switch (country) {
            case "GB" -> ".co.uk";
            case "DE" -> ".de";
            case "FR" -> ".fr";
            case "JP" -> ".co.jp";
            case "IN" -> ".in";
            case "BR" -> ".com.br";
            case "NL" -> ".nl";
            case "AU" -> ".com.au";
            default -> random.nextBoolean() ? ".com" : ".io";
        };
        return word() + (random.nextBoolean() ? oneOf(SUFFIXES) : word()) + tld;
    }

    private String word() {
        return oneOf(SYLLABLES) + oneOf(SYLLABLES);
    }

    private static String capitalised(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    private int offset(String country) {
        return UTC_OFFSETS.getOrDefault(country, 0);
    }

    private <T> T oneOf(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
