package dev.moat.detect;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * What every kind of organisation is planned from: the client libraries and name syllables to draw from, and the
 * building blocks — an ordinary or a campaign organisation with its sign-up facts, a client key, a traffic source,
 * card fingerprints, company domains, harvesting pools and templates, unused /24s. The plans of each kind extend it.
 *
 * <p>All plans of one scenario share one {@link PlanningState}: every draw, whichever plan makes it, comes from its
 * one random generator, in the order of the scenario's parts, and identifiers stay unique across all of them.
 */
abstract class PlanningBlocks {

    static final long DAY = TrafficCadence.DAY;
    static final List<String> FREE_MAIL = List.of("gmail.com", "outlook.com", "yahoo.com", "proton.me",
            "icloud.com");
    private static final List<String> SYLLABLES = List.of("ar", "bel", "cor", "dex", "el", "fin", "gra", "hal",
            "in", "jo", "ka", "lum", "mer", "nov", "or", "pal", "quin", "ros", "sol", "tal", "ver", "wyn", "xa", "zen");
    private static final List<String> SUFFIXES = List.of("labs", "tech", "data", "soft", "analytics", "systems",
            "health", "media", "bank", "logistics", "ai", "works");
    static final List<String> SDK_AGENTS = List.of("openai-python/1.54.4", "openai-python/1.51.0",
            "anthropic-sdk-python/0.39.0", "OpenAI/NodeJS/4.67.3", "anthropic-sdk-typescript/0.32.1");
    static final List<String> CHAT_AGENTS = List.of("LibreChat/0.7.5", "openai-python/1.54.4",
            "anthropic-sdk-python/0.39.0", "TypingMind/1.0", "OpenAI/NodeJS/4.67.3", "Open WebUI/0.3.35");
    static final List<String> JOB_AGENTS = List.of("openai-python/1.54.4", "python-requests/2.32.3",
            "Go-http-client/2.0", "anthropic-sdk-python/0.39.0", "okhttp/4.12.0");
    static final List<String> CODING_AGENTS = List.of("claude-cli/1.0.31", "aider/0.82.1", "Cline/3.2.0",
            "OpenAI/NodeJS/4.67.3");
    static final List<String> SCRIPT_AGENTS = List.of("python-requests/2.31.0", "aiohttp/3.9.5",
            "httpx/0.27.0", "openai-python/1.54.4", "curl/8.5.0", "Go-http-client/1.1");
    /** Clients whose API offers log-probabilities (the OpenAI one): what a soft-label harvester must use. */
    static final List<String> OPENAI_AGENTS = List.of("openai-python/1.54.4", "openai-python/1.51.0",
            "OpenAI/NodeJS/4.67.3");
    private static final List<PromptSource.Pool> HARVEST_POOLS = List.of(PromptSource.Pool.HARVEST_MATH,
            PromptSource.Pool.HARVEST_CODE, PromptSource.Pool.HARVEST_ROLEPLAY, PromptSource.Pool.HARVEST_TOOL);
    private static final Map<String, Integer> UTC_OFFSETS = Map.ofEntries(
            Map.entry("US", -6), Map.entry("GB", 0), Map.entry("DE", 1), Map.entry("FR", 1), Map.entry("JP", 9),
            Map.entry("IN", 5), Map.entry("BR", -3), Map.entry("CA", -5), Map.entry("NL", 1), Map.entry("SG", 8),
            Map.entry("KR", 9), Map.entry("AU", 10), Map.entry("CN", 8), Map.entry("RU", 3), Map.entry("IR", 3),
            Map.entry("KP", 9), Map.entry("TW", 8), Map.entry("BE", 1), Map.entry("PL", 1));

    final PromptSource prompts;
    private final long seed;
    final long start;
    final long end;
    final SplittableRandom random;
    final List<SimulatedOrg> orgs;
    private final List<TrafficSource> sources;
    private final Set<String> ids;
    private final Map<ScenarioKind, Integer> campaigns;

    /** Plans that draw from {@code state}: its random generator, identifiers, organisations and sources. */
    PlanningBlocks(PlanningState state) {
        this.prompts = state.prompts;
        this.seed = state.seed;
        this.start = state.start;
        this.end = state.end;
        this.random = state.random;
        this.orgs = state.orgs;
        this.sources = state.sources;
        this.ids = state.ids;
        this.campaigns = state.campaigns;
    }

    TrafficConversation conversation(Optional<String> system) {
        int maxTokens = List.of(0, 0, 1024, 2048, 4096).get(random.nextInt(5));
        OptionalDouble temperature = random.nextBoolean() ? OptionalDouble.empty()
                : OptionalDouble.of(List.of(0.2, 0.7, 1.0).get(random.nextInt(3)));
        return new TrafficConversation(prompts, system, maxTokens, temperature, random.nextInt(7) == 0);
    }

    /** A /24 of the block that is not in {@code used} yet (and is recorded there). */
    TrafficNetworks.Block unusedSlash24(TrafficNetworks.Block block, Set<String> used) {
        for (int attempt = 0; attempt < 10_000; attempt++) {
            TrafficNetworks.Block candidate = block.narrow(random);
            if (used.add(candidate.cidr())) {
                return candidate;
            }
        }
        throw new IllegalStateException("no unused /24 left in " + block.cidr() + " after " + used.size()
                + " were taken (expected: a campaign far smaller than its address blocks)");
    }

    TrafficHarvest harvest(TrafficHarvest.Style style, boolean elicitReasoning, int maxTokens) {
        return new TrafficHarvest(prompts, style, harvestPools(), templates(elicitReasoning, 1 + random.nextInt(3)),
                0.15 * random.nextDouble(), maxTokens, 0.5 * random.nextDouble(), random);
    }

    List<PromptSource.Pool> harvestPools() {
        List<PromptSource.Pool> pools = new ArrayList<>(HARVEST_POOLS);
        int keep = 1 + random.nextInt(pools.size());
        while (pools.size() > keep) {
            pools.remove(random.nextInt(pools.size()));
        }
        return pools;
    }

    List<TrafficTemplates.Template> templates(boolean elicitReasoning, int count) {
        List<TrafficTemplates.Template> templates = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            templates.add(TrafficTemplates.harvest(elicitReasoning, random));
        }
        return templates;
    }

    /**
     * A company's servers: {@code fewest} to {@code fewest + spread - 1} addresses in one narrow hosting block of
     * {@code country} (drawn in that order — block, count, addresses — so every plan draws as it always has).
     */
    TrafficOrigin servers(String country, int fewest, int spread) {
        TrafficNetworks.Block block = TrafficNetworks.hosting(country, random).narrow(random);
        return TrafficOrigin.of(TrafficOrigin.addresses(block, fewest + random.nextInt(spread), random));
    }

    /**
     * A burst of {@code items} requests at {@code perMinute}, starting at a point of the period drawn so that it ends
     * in time (a data room opened, a build's content pass, a deadline's submissions, an evaluation run). The caller
     * draws the rate and the count first, as every plan that uses it always has.
     */
    TrafficCadence.Steady burst(double perMinute, int items, double jitter, double pauseChance) {
        long length = (long) (items * TrafficCadence.MINUTE / perMinute);
        long from = start + (long) (random.nextDouble() * Math.max(1, end - start - length));
        return new TrafficCadence.Steady(from, from + length, perMinute, jitter, pauseChance);
    }

    /**
     * An ordinary organisation. Now and then it is a second organisation of the same company (another
     * department or subsidiary signed up separately): same e-mail domain and payment method, an
     * innocent link that cluster linkage must not treat as a campaign.
     */
    String ordinaryOrg(ScenarioKind kind, String country, String tier, String domain) {
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

    String campaignOrg(ScenarioKind kind, String campaign, long created, String country, String tier,
                               String domain, String payment, String signupIp, boolean mixed) {
        String orgId = id("org_");
        orgs.add(new SimulatedOrg(profile(orgId, created, country, tier, domain, payment, signupIp), kind,
                Optional.of(campaign), mixed));
        return orgId;
    }

    /**
     * A campaign organisation dressed as a small company of its own, sharing nothing with the campaign's others: its
     * own country, hosting /24 (one or two server addresses), company domain, card and residential sign-up address,
     * signed up {@code minAgeDays} to {@code minAgeDays + ageSpreadDays - 1} days (and a fraction of a day) before the
     * period, in the tier given or, of two, in either. Drawn in the order the held-out plans always drew it — country,
     * block, age, tier, domain, card, sign-up address, the organisation, its server addresses — so that every plan
     * that uses it produces what it always has.
     */
    CompanyFront companyFront(ScenarioKind kind, String campaign, int minAgeDays, int ageSpreadDays, List<String> tiers,
                              boolean mixed) {
        if (tiers.isEmpty() || tiers.size() > 2) {
            throw new IllegalArgumentException("tiers: " + tiers + " (expected one tier, or two to choose between)");
        }
        String country = TrafficNetworks.customerCountry(random);
        TrafficNetworks.Block block = TrafficNetworks.hosting(country, random).narrow(random);
        long created = start - (minAgeDays + random.nextInt(ageSpreadDays)) * DAY - random.nextLong(DAY);
        String tier = tiers.size() == 1 || random.nextBoolean() ? tiers.getFirst() : tiers.get(1);
        String domain = companyDomain(country);
        String payment = payment();
        String signupIp = TrafficNetworks.residential(country, random).address(random);
        String orgId = campaignOrg(kind, campaign, created, country, tier, domain, payment, signupIp, mixed);
        return new CompanyFront(orgId, country,
                TrafficOrigin.of(TrafficOrigin.addresses(block, 1 + random.nextInt(2), random)));
    }

    /** A campaign organisation made by {@link #companyFront}: its id, its country and its servers. */
    record CompanyFront(String orgId, String country, TrafficOrigin servers) {
    }

    static OrgProfile profile(String orgId, long created, String country, String tier, String domain,
                                      String payment, String signupIp) {
        return new OrgProfile(orgId, Optional.of(Instant.ofEpochMilli(created)), Optional.of(country),
                Optional.of(tier), Optional.of(payment), Optional.of(domain), Optional.of(signupIp));
    }

    TrafficSource.Client client(String orgId, String userAgent) {
        String library = userAgent.toLowerCase(Locale.ROOT);
        String api = library.startsWith("anthropic") || library.startsWith("claude") ? "anthropic"
                : library.startsWith("openai") ? "openai"
                : random.nextInt(3) == 0 ? "anthropic" : "openai";
        return new TrafficSource.Client(orgId, id("acct_"), id("key_"), userAgent, api,
                random.nextInt(4) == 0 ? "model-b" : "model-a");
    }

    void add(TrafficSource.Client client, TrafficOrigin origin, TrafficCadence cadence, TrafficContent content,
                     TrafficKeyLimit limit, Optional<String> campaign) {
        sources.add(new TrafficSource(sources.size(), seed, client, origin, cadence, content, limit, campaign, start));
    }

    String campaignId(ScenarioKind kind) {
        int number = campaigns.merge(kind, 1, Integer::sum);
        return "camp_" + kind.label() + "_" + number;
    }

    String id(String prefix) {
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

    String payment() {
        return "pm_" + String.format("%016x", random.nextLong());
    }

    String companyDomain(String country) {
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

    String word() {
        return oneOf(SYLLABLES) + oneOf(SYLLABLES);
    }

    static String capitalised(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    int offset(String country) {
        return UTC_OFFSETS.getOrDefault(country, 0);
    }

    <T> T oneOf(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
