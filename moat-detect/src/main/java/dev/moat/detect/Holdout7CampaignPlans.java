package dev.moat.detect;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The held-out campaign variants of {@code holdout7}, written without reading the detector, each from the side of a
 * lab that knows the published tells and avoids one of them while still harvesting at a worthwhile rate: output-layer
 * extraction spread thinly over many keys with small bias maps, reasoning coercion carried by personas in the system
 * prompt, grading phrased as customer-support questions, and a distiller that dilutes its focus with decoy chats.
 */
final class Holdout7CampaignPlans extends PlanningBlocks {

    /** What a person relaying items might type before one; most send the item bare. */
    static final List<String> USER_PREFIXES = List.of("", "", "", "", "Next: ", "ok, this one:\n",
            "Can you help with this?\n\n", "Here's another.\n\n");
    /** The harvest's breadth: a diluting distiller takes items from every pool, not from one capability. */
    private static final List<PromptSource.Pool> EVERY_HARVEST_POOL = List.of(PromptSource.Pool.HARVEST_MATH,
            PromptSource.Pool.HARVEST_CODE, PromptSource.Pool.HARVEST_ROLEPLAY, PromptSource.Pool.HARVEST_TOOL);

    Holdout7CampaignPlans(PlanningState state) {
        super(state);
    }

    /**
     * Output-layer extraction spread thin: 8–20 unlinked organisations (own card, mostly own company domain, own /24 of
     * hosting or residential addresses, signed up 30–600 days ago), two to four keys each with an OpenAI client, every
     * key sending 3–8 probes an hour at the busiest of its country's working day — each with {@code logprobs},
     * {@code top_logprobs} of 3–5 and a {@code logit_bias} map of 2 to at most 4–16 entries, at a budget of 64–512
     * tokens. No key probes much; all of them together send thousands of probes.
     */
    void thinProbes() {
        String campaign = campaignId(ScenarioKind.THIN_PROBES);
        List<PromptSource.Pool> pools = harvestPools();
        Set<String> slash24s = new HashSet<>();
        for (int o = 0, orgCount = 8 + random.nextInt(13); o < orgCount; o++) {
            String country = TrafficNetworks.customerCountry(random);
            TrafficNetworks.Block block = unusedSlash24(random.nextBoolean() ? TrafficNetworks.hosting(country, random)
                    : TrafficNetworks.residential(country, random), slash24s);
            String orgId = campaignOrg(ScenarioKind.THIN_PROBES, campaign,
                    start - (30 + random.nextInt(571)) * DAY - random.nextLong(DAY), country,
                    random.nextBoolean() ? "standard" : "self-serve",
                    random.nextInt(3) == 0 ? oneOf(FREE_MAIL) : companyDomain(country), payment(),
                    TrafficNetworks.residential(country, random).address(random), false);
            TrafficOrigin origin = TrafficOrigin.of(TrafficOrigin.addresses(block, 1 + random.nextInt(2), random));
            String agent = oneOf(OPENAI_AGENTS);
            int topLogprobs = 3 + random.nextInt(3);
            int largestBias = 4 + random.nextInt(13);
            int maxTokens = List.of(64, 128, 256, 512).get(random.nextInt(4));
            OptionalDouble temperature = random.nextBoolean() ? OptionalDouble.of(0.0) : OptionalDouble.empty();
            for (int k = 0, keys = 2 + random.nextInt(3); k < keys; k++) {
                add(client(orgId, agent), origin, new TrafficCadence.Diurnal(end, 3 + 5 * random.nextDouble(),
                                offset(country)),
                        new TrafficThinProbes(prompts, pools, topLogprobs, largestBias, maxTokens, temperature),
                        new TrafficKeyLimit(60), Optional.of(campaign));
            }
        }
    }

    /**
     * Reasoning coercion by persona: three to five unlinked "study companion" organisations (own card, domain and
     * hosting /24, signed up 20–520 days ago), one to three keys each, every key with its own character in the system
     * prompt, sending maths (and code) items bare or after a few words at 20–50 an hour at the busiest of the working
     * day; thinking off, budgets unset or 3,000–6,000 tokens.
     */
    void personaReasoning() {
        String campaign = campaignId(ScenarioKind.PERSONA_REASONING);
        List<PromptSource.Pool> pools = random.nextBoolean() ? List.of(PromptSource.Pool.HARVEST_MATH)
                : List.of(PromptSource.Pool.HARVEST_MATH, PromptSource.Pool.HARVEST_CODE);
        for (int o = 0, orgCount = 3 + random.nextInt(3); o < orgCount; o++) {
            CompanyFront front = companyFront(ScenarioKind.PERSONA_REASONING, campaign, 20, 501,
                    List.of("standard", "self-serve"), false);
            String country = front.country();
            String orgId = front.orgId();
            TrafficOrigin origin = front.servers();
            String agent = oneOf(SDK_AGENTS);
            int maxTokens = List.of(0, 3_000, 4_096, 6_000).get(random.nextInt(4));
            OptionalDouble temperature = random.nextBoolean() ? OptionalDouble.empty()
                    : OptionalDouble.of(0.6 + 0.4 * random.nextDouble());
            for (int k = 0, keys = 1 + random.nextInt(3); k < keys; k++) {
                String persona = TrafficPersonaHarvest.persona(capitalised(word()) + " " + capitalised(word()), random);
                add(client(orgId, agent), origin, new TrafficCadence.Diurnal(end, 20 + random.nextInt(31), offset(country)),
                        new TrafficPersonaHarvest(prompts, pools, persona, USER_PREFIXES, maxTokens, temperature),
                        new TrafficKeyLimit(60), Optional.of(campaign));
            }
        }
    }

    /**
     * Grading as product questions: two to four unlinked "customer-experience" organisations (own card, domain and
     * hosting /24, signed up 30–730 days ago), one to three keys each at 25–60 requests an hour at the busiest of the
     * working day, each request a customer's message (an item) with one or two draft replies and a question about
     * which the customer would prefer; half the organisations have a short system prompt of their own.
     */
    void replyPreference() {
        String campaign = campaignId(ScenarioKind.REPLY_PREFERENCE);
        List<PromptSource.Pool> pools = harvestPools();
        for (int o = 0, orgCount = 2 + random.nextInt(3); o < orgCount; o++) {
            CompanyFront front = companyFront(ScenarioKind.REPLY_PREFERENCE, campaign, 30, 701,
                    List.of("standard", "self-serve"), false);
            String country = front.country();
            String orgId = front.orgId();
            TrafficOrigin origin = front.servers();
            Optional<String> system = random.nextBoolean() ? Optional.empty()
                    : Optional.of("You help the support team at " + capitalised(word()) + " write better replies to"
                    + " customers.");
            int maxTokens = List.of(400, 512, 800, 1_024).get(random.nextInt(4));
            OptionalDouble temperature = random.nextBoolean() ? OptionalDouble.of(0.0) : OptionalDouble.empty();
            String agent = oneOf(SDK_AGENTS);
            for (int k = 0, keys = 1 + random.nextInt(3); k < keys; k++) {
                add(client(orgId, agent), origin, new TrafficCadence.Diurnal(end, 25 + random.nextInt(36), offset(country)),
                        new TrafficReplyPreference(prompts, pools, system, maxTokens, temperature),
                        new TrafficKeyLimit(60), Optional.of(campaign));
            }
        }
    }

    /**
     * A distiller diluting its focus: two or three established organisations (own card, domain and hosting /24,
     * 60–960 days old), two to four keys each. On every key, the same script sends the campaign's items from every
     * harvesting pool (12–30 an hour at the busiest of the working day, mostly bare) and, interleaved, ordinary chat
     * conversations it makes up from human-written prompts so that 40–65 % of the key's requests are decoys. The
     * organisations are mixed: only the items are harvesting.
     */
    void decoyMix() {
        String campaign = campaignId(ScenarioKind.DECOY_MIX);
        for (int o = 0, orgCount = 2 + random.nextInt(2); o < orgCount; o++) {
            CompanyFront front = companyFront(ScenarioKind.DECOY_MIX, campaign, 60, 901, List.of("standard"), true);
            String country = front.country();
            String orgId = front.orgId();
            TrafficOrigin origin = front.servers();
            String agent = oneOf(SDK_AGENTS);
            int maxTokens = List.of(0, 1_024, 2_048, 4_096).get(random.nextInt(4));
            OptionalDouble temperature = random.nextBoolean() ? OptionalDouble.empty() : OptionalDouble.of(0.7);
            for (int k = 0, keys = 2 + random.nextInt(3); k < keys; k++) {
                TrafficSource.Client client = client(orgId, agent);
                TrafficKeyLimit limit = new TrafficKeyLimit(60);
                double itemsPerHour = 12 + random.nextInt(19);
                double decoyShare = 0.4 + 0.25 * random.nextDouble();
                // a made-up conversation has about 2.5 requests, so this many a working hour make the decoy share
                double conversationsPerHour = itemsPerHour * decoyShare / (1 - decoyShare) / 2.5;
                add(client, origin, new TrafficCadence.Diurnal(end, itemsPerHour, offset(country)),
                        new TrafficAppHarvest(prompts, EVERY_HARVEST_POOL, Optional.empty(), USER_PREFIXES, maxTokens,
                                temperature), limit, Optional.of(campaign));
                add(client, origin, new TrafficCadence.Sessions(end, conversationsPerHour, 15_000 + random.nextInt(45_000),
                                offset(country)),
                        new TrafficConversation(prompts, Optional.empty(), maxTokens, temperature, false), limit,
                        Optional.empty());
            }
        }
    }
}
