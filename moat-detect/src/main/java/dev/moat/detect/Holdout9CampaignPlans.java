package dev.moat.detect;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The held-out campaign variants of {@code holdout9}, written without reading the detector, each from the side of a lab
 * that knows the published tells and avoids them while still harvesting thousands of exchanges: a hydra of burner
 * accounts that each live for one session, reasoning coerced by worked examples instead of instructions, a reward model
 * distilled through a classifier's label probabilities, and a small business's key resold to several buyers at once
 * through the seller's relay.
 */
final class Holdout9CampaignPlans extends PlanningBlocks {

    /** What a person might type before pasting a question; each burner account uses a few of them. */
    private static final List<String> OPENERS = List.of("", "", "", "hi, ", "quick question\n", "Can you help? ",
            "pls answer this:\n", "ok so\n\n", "Hello!\n", "need help with this one\n\n", "question for you: ",
            "one more\n");
    /** The "exam-prep content" products whose organisations send the few-shot requests. */
    private static final List<String> CONTENT_BUSINESSES = List.of("Prep", "Tutor", "Learn", "Study", "Academy");

    Holdout9CampaignPlans(PlanningState state) {
        super(state);
    }

    /**
     * A hydra of burners: self-serve accounts signed up one at a time, a new one every 12–30 minutes on average through
     * the whole period (a Poisson stream, no waves), each with a free-mail address, a card and a residential-proxy /24
     * of its own in some customer country (it signs up through that exit too). Each account is used once: a single
     * session starting 2–20 minutes after sign-up and lasting one to three hours, one item every two to five minutes
     * through a chat client, with its own few casual openers; then it is abandoned. Only the chain of accounts, all
     * drawing on the campaign's material, makes a harvest (about 250–600 accounts and 7–20 thousand items in five
     * days).
     */
    void burnerChain() {
        String campaign = campaignId(ScenarioKind.BURNER_CHAIN);
        List<PromptSource.Pool> pools = harvestPools();
        double meanGap = (12 + random.nextInt(19)) * TrafficCadence.MINUTE;
        Set<String> slash24s = new HashSet<>();
        for (long signup = start - 2 * TrafficCadence.HOUR + TrafficCadence.exponential(meanGap, random);
             signup < end - TrafficCadence.HOUR; signup += TrafficCadence.exponential(meanGap, random)) {
            String country = TrafficNetworks.customerCountry(random);
            TrafficNetworks.Block exit = unusedSlash24(TrafficNetworks.residential(country, random), slash24s);
            String orgId = campaignOrg(ScenarioKind.BURNER_CHAIN, campaign, signup, country, "self-serve",
                    oneOf(FREE_MAIL), payment(), exit.address(random), false);
            List<String> openers = new ArrayList<>();
            for (int o = 0, count = 2 + random.nextInt(2); o < count; o++) {
                openers.add(oneOf(OPENERS));
            }
            int maxTokens = List.of(0, 0, 1_024, 2_048, 4_096).get(random.nextInt(5));
            OptionalDouble temperature = random.nextBoolean() ? OptionalDouble.empty()
                    : OptionalDouble.of(List.of(0.2, 0.7, 1.0).get(random.nextInt(3)));
            long from = signup + (2 + random.nextInt(19)) * TrafficCadence.MINUTE;
            long life = TrafficCadence.HOUR + random.nextLong(2 * TrafficCadence.HOUR);
            add(client(orgId, oneOf(CHAT_AGENTS)), TrafficOrigin.of(TrafficOrigin.addresses(exit, 1, random)),
                    new TrafficCadence.Steady(from, Math.min(end, from + life), 0.2 + 0.3 * random.nextDouble(), 0.8,
                            0.05),
                    new TrafficAppHarvest(prompts, pools, Optional.empty(), openers, maxTokens, temperature),
                    new TrafficKeyLimit(20), Optional.of(campaign));
        }
    }

    /**
     * Reasoning coercion by example: two or three unlinked "exam-prep content" organisations (own card, company domain
     * and hosting /24, signed up 20–500 days ago), one to three keys each through their working day at 20–50 requests
     * an hour at the busiest. Every request shows two worked solutions of the material before the item — as earlier
     * conversation turns or as a few-shot block with the organisation's own labels — and nothing else: no system
     * prompt, no instruction, thinking off, budgets of 1,500–3,000 tokens. Maths, and code for a third of campaigns.
     */
    void fewShotReasoning() {
        String campaign = campaignId(ScenarioKind.FEW_SHOT_REASONING);
        List<PromptSource.Pool> pools = random.nextInt(3) == 0
                ? List.of(PromptSource.Pool.HARVEST_MATH, PromptSource.Pool.HARVEST_CODE)
                : List.of(PromptSource.Pool.HARVEST_MATH);
        for (int o = 0, orgCount = 2 + random.nextInt(2); o < orgCount; o++) {
            String country = TrafficNetworks.customerCountry(random);
            TrafficNetworks.Block block = TrafficNetworks.hosting(country, random).narrow(random);
            String orgId = campaignOrg(ScenarioKind.FEW_SHOT_REASONING, campaign,
                    start - (20 + random.nextInt(481)) * DAY - random.nextLong(DAY), country,
                    random.nextBoolean() ? "standard" : "self-serve",
                    word() + oneOf(CONTENT_BUSINESSES).toLowerCase(Locale.ROOT) + ".com", payment(),
                    TrafficNetworks.residential(country, random).address(random), false);
            TrafficOrigin origin = TrafficOrigin.of(TrafficOrigin.addresses(block, 1 + random.nextInt(2), random));
            TrafficFewShotHarvest.Layout layout = random.nextBoolean() ? TrafficFewShotHarvest.Layout.TURNS
                    : TrafficFewShotHarvest.Layout.BLOCK;
            List<String> labels = oneOf(TrafficFewShotHarvest.LABELS);
            int maxTokens = List.of(1_500, 2_048, 3_000).get(random.nextInt(3));
            OptionalDouble temperature = random.nextBoolean() ? OptionalDouble.of(0.0) : OptionalDouble.empty();
            String agent = oneOf(SDK_AGENTS);
            for (int k = 0, keys = 1 + random.nextInt(3); k < keys; k++) {
                add(client(orgId, agent), origin, new TrafficCadence.Diurnal(end, 20 + random.nextInt(31), offset(country)),
                        new TrafficFewShotHarvest(prompts, pools, layout, labels, maxTokens, temperature),
                        new TrafficKeyLimit(60), Optional.of(campaign));
            }
        }
    }

    /**
     * A reward model distilled through label probabilities: two to four unlinked organisations (own card, company
     * domain and hosting /24, signed up 30–700 days ago), two or three keys each with an OpenAI client (the API that
     * returns log-probabilities), through their working day at 40–120 requests an hour at the busiest. Every request an
     * item and one candidate answer, asking for a one-word label in the organisation's own phrasing, with
     * {@code logprobs}, {@code top_logprobs} of 2–5, no {@code logit_bias}, temperature 0 and a budget of 4–16 tokens.
     */
    void verdictLogprobs() {
        String campaign = campaignId(ScenarioKind.VERDICT_LOGPROBS);
        List<PromptSource.Pool> pools = harvestPools();
        for (int o = 0, orgCount = 2 + random.nextInt(3); o < orgCount; o++) {
            CompanyFront front = companyFront(ScenarioKind.VERDICT_LOGPROBS, campaign, 30, 671,
                    List.of("standard", "self-serve"), false);
            String country = front.country();
            String orgId = front.orgId();
            TrafficOrigin origin = front.servers();
            TrafficVerdictProbe.Classifier classifier = TrafficVerdictProbe.classifier(capitalised(word()), random);
            int maxTokens = List.of(4, 8, 16).get(random.nextInt(3));
            int topLogprobs = 2 + random.nextInt(4);
            String agent = oneOf(OPENAI_AGENTS);
            for (int k = 0, keys = 2 + random.nextInt(2); k < keys; k++) {
                add(client(orgId, agent), origin, new TrafficCadence.Diurnal(end, 40 + random.nextInt(81), offset(country)),
                        new TrafficVerdictProbe(prompts, pools, classifier, maxTokens, topLogprobs),
                        new TrafficKeyLimit(120), Optional.of(campaign));
            }
        }
    }

    /**
     * A small business's key resold on a key marketplace: the owner (an established standard or self-serve
     * organisation, 200–1,500 days old) has three to ten staff chatting with its assistant from the office. From a
     * point 10–40 % into the period the key is also sold to four to seven buyers, who reach it through the seller's
     * relay: residential-proxy addresses of the owner's own country (another /24 than the office), the owner's client
     * library, under the key's own limit. One or two buyers only chat; the others harvest, each with its own templates,
     * budget and material, 30–80 items an hour at the busiest of its own country's day, starting up to half a day
     * after the sale. Mixed: only the harvesting buyers' exchanges are the campaign's.
     */
    void keyRelay() {
        String campaign = campaignId(ScenarioKind.KEY_RELAY);
        String country = TrafficNetworks.customerCountry(random);
        String orgId = campaignOrg(ScenarioKind.KEY_RELAY, campaign,
                start - (200 + random.nextInt(1_301)) * DAY - random.nextLong(DAY), country,
                random.nextBoolean() ? "standard" : "self-serve", companyDomain(country), payment(),
                TrafficNetworks.residential(country, random).address(random), true);
        Set<String> slash24s = new HashSet<>();
        TrafficOrigin office = TrafficOrigin.of(TrafficOrigin.addresses(
                unusedSlash24(TrafficNetworks.residential(country, random), slash24s), 1 + random.nextInt(2), random));
        TrafficSource.Client key = client(orgId, oneOf(SDK_AGENTS));
        TrafficKeyLimit limit = new TrafficKeyLimit(60);
        Optional<String> system = Optional.of("You are the assistant of " + capitalised(word()) + ". Help the team "
                + "with emails, documents and questions about our products.");
        for (int s = 0, staff = 3 + random.nextInt(8); s < staff; s++) {
            add(key, office, new TrafficCadence.Sessions(end, 0.3 + 0.5 * random.nextDouble(),
                            30_000 + random.nextInt(60_000), offset(country)),
                    new TrafficConversation(prompts, system, 2_048, OptionalDouble.empty(), false), limit,
                    Optional.empty());
        }
        long sale = start + (long) ((0.1 + 0.3 * random.nextDouble()) * (end - start));
        TrafficOrigin relay = TrafficOrigin.of(TrafficOrigin.addresses(
                unusedSlash24(TrafficNetworks.residential(country, random), slash24s), 2 + random.nextInt(3), random));
        int buyers = 4 + random.nextInt(4);
        int chatting = 1 + random.nextInt(2);
        for (int b = 0; b < buyers; b++) {
            int buyerOffset = offset(TrafficNetworks.customerCountry(random));
            long from = sale + random.nextLong(DAY / 2);
            if (b < chatting) {
                add(key, relay, new TrafficCadence.Starting(from, new TrafficCadence.Sessions(end,
                                0.5 + random.nextDouble(), 20_000 + random.nextInt(40_000), buyerOffset)),
                        conversation(Optional.empty()), limit, Optional.empty());
            } else {
                add(key, relay, new TrafficCadence.Starting(from, new TrafficCadence.Diurnal(end,
                                30 + random.nextInt(51), buyerOffset)),
                        harvest(TrafficHarvest.Style.WRAPPED, random.nextBoolean(),
                                List.of(2_048, 4_096, 8_192).get(random.nextInt(3))), limit, Optional.of(campaign));
            }
        }
    }
}
