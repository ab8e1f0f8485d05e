package dev.moat.detect;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The held-out campaign variants of {@code holdout10}, written without reading the detector, each from the side of a
 * lab that knows the published tells and avoids them while still harvesting thousands of exchanges: long answers
 * bought in small pieces through prefill and "continue" turns, the output layer measured from the top token alone by
 * searching a one-token logit bias, a hydra opened through a university credits programme by recruited students, and
 * rejection-sampling data gathered one sample per key.
 */
final class Holdout10CampaignPlans extends PlanningBlocks {

    /** The Anthropic client libraries: the API that continues a trailing assistant turn (prefill). */
    private static final List<String> ANTHROPIC_AGENTS = List.of("anthropic-sdk-python/0.39.0",
            "anthropic-sdk-typescript/0.32.1");
    /** Who a writing product says its assistant is for. */
    private static final List<String> AUDIENCES = List.of("students", "small-business owners", "developers",
            "job seekers", "researchers", "teachers");
    /** What a student's hackathon or coursework project built on the programme's credits says it is. */
    private static final List<String> PROJECTS = List.of("a study assistant for first-year courses",
            "a homework checker for the maths department's tutorials", "a coding mentor for the intro programming lab",
            "a chatbot for the student union's help desk", "a revision quiz app", "a lab-report feedback tool",
            "a peer-tutoring matchmaker that answers practice questions", "an exam-prep companion",
            "a Discord bot for the CS society", "a research prototype for tutoring dialogue");
    /** What a rejection-sampling organisation puts before an item. */
    private static final List<String> RESAMPLE_PREFIXES = List.of("", "", "Problem {n}: ", "Question:\n",
            "Exercise {n}\n\n", "Task: ", "Solve the following.\n\n");
    /** Countries with universities whose students the programme hydra recruits (all have home broadband blocks). */
    private static final List<String> UNIVERSITY_COUNTRIES = List.of("US", "US", "GB", "IN", "CA", "AU", "DE", "NL",
            "SG", "KR");

    Holdout10CampaignPlans(PlanningState state) {
        super(state);
    }

    /**
     * Long answers bought in pieces: two or three unlinked organisations (own card, company domain and hosting /24,
     * signed up 45–600 days ago, standard or self-serve), each with two to four keys running through its own working
     * day, one item at a time (6–15 items an hour per key at the busiest). Each item is asked with a budget of 96–192
     * tokens; each next piece follows a few seconds after the last, either as a prefill (the answer so far as the last,
     * assistant turn, through an Anthropic client) or after a "continue" turn (through an OpenAI client), until the
     * whole answer — two to six pieces — is in. A system prompt of the organisation's "writing product" on half of
     * them; thinking off; no wording that asks for anything.
     */
    void prefillChunks() {
        String campaign = campaignId(ScenarioKind.PREFILL_CHUNKS);
        List<PromptSource.Pool> pools = harvestPools();
        for (int o = 0, orgCount = 2 + random.nextInt(2); o < orgCount; o++) {
            CompanyFront front = companyFront(ScenarioKind.PREFILL_CHUNKS, campaign, 45, 556,
                    List.of("standard", "self-serve"), false);
            TrafficPrefillChunks.Resume resume = random.nextBoolean() ? TrafficPrefillChunks.Resume.PREFILL
                    : TrafficPrefillChunks.Resume.CONTINUE_TURN;
            String agent = resume == TrafficPrefillChunks.Resume.PREFILL ? oneOf(ANTHROPIC_AGENTS) : oneOf(OPENAI_AGENTS);
            Optional<String> system = random.nextBoolean() ? Optional.empty()
                    : Optional.of("You are " + capitalised(word()) + ", a writing assistant for " + oneOf(AUDIENCES)
                    + ". Be clear and thorough.");
            int pieceTokens = List.of(96, 128, 160, 192).get(random.nextInt(4));
            OptionalDouble temperature = random.nextBoolean() ? OptionalDouble.empty()
                    : OptionalDouble.of(List.of(0.3, 0.7).get(random.nextInt(2)));
            for (int k = 0, keys = 2 + random.nextInt(3); k < keys; k++) {
                add(client(front.orgId(), agent), front.servers(),
                        new TrafficCadence.Sessions(end, 6 + random.nextInt(10), 3_000 + random.nextInt(5_000),
                                offset(front.country())),
                        new TrafficPrefillChunks(prompts, pools, system, resume, pieceTokens, temperature),
                        new TrafficKeyLimit(60), Optional.of(campaign));
            }
        }
    }

    /**
     * The output layer measured from the top token alone: three to five unlinked organisations (own card, company
     * domain and hosting /24, signed up 30–900 days ago), two to four keys each with an OpenAI client (the API that
     * takes a {@code logit_bias}), through their working day at 25–70 requests an hour at the busiest. Each key keeps
     * four to eight prompts (items as they are) in flight, measuring one to three tokens on each by a search of 8–14
     * requests per token: a one-entry bias (two now and then), no {@code logprobs}, temperature 0, budgets of a few
     * tokens from the organisation's own small set. Half the organisations send an autocomplete product's system
     * prompt.
     */
    void biasSearch() {
        String campaign = campaignId(ScenarioKind.BIAS_SEARCH);
        List<PromptSource.Pool> pools = harvestPools();
        for (int o = 0, orgCount = 3 + random.nextInt(3); o < orgCount; o++) {
            CompanyFront front = companyFront(ScenarioKind.BIAS_SEARCH, campaign, 30, 871,
                    List.of("standard", "self-serve"), false);
            Optional<String> system = random.nextBoolean() ? Optional.empty()
                    : Optional.of("You power the inline suggestions of " + capitalised(word())
                    + "'s editor. Continue the user's text with the words most likely to come next.");
            List<Integer> budgets = List.of(List.of(4, 8, 16), List.of(6, 12), List.of(5, 10, 20), List.of(8, 24))
                    .get(random.nextInt(4));
            String agent = oneOf(OPENAI_AGENTS);
            for (int k = 0, keys = 2 + random.nextInt(3); k < keys; k++) {
                add(client(front.orgId(), agent), front.servers(),
                        new TrafficCadence.Diurnal(end, 25 + random.nextInt(46), offset(front.country())),
                        new TrafficBiasSearch(prompts, pools, system, 4 + random.nextInt(5), budgets),
                        new TrafficKeyLimit(120), Optional.of(campaign));
            }
        }
    }

    /**
     * A hydra opened through a university credits programme: 40–120 accounts of the programme's tier, each signed up by
     * a different student the campaign recruited at one of three to six universities — on the university's e-mail
     * domain (shared, as it is by any cohort), with the student's own card, from the student's own home connection (a
     * /24 no other account uses) — at a time spread over the programme's one- to three-week intake, 25–70 days before
     * the period. Each account is a "student project" with its own system prompt and client library, sending the
     * campaign's items from that home connection (or, for a third, from a /24 of a cloud free tier, in its country
     * where the cloud has a region) through its students' day, shifted into the evening, at 3–10 items an hour at the
     * busiest (a few hundred items per account over five days), under the programme's small limit.
     */
    void programmeHydra() {
        String campaign = campaignId(ScenarioKind.PROGRAMME_HYDRA);
        List<PromptSource.Pool> pools = harvestPools();
        List<String> universityCountries = new ArrayList<>();
        List<String> universityDomains = new ArrayList<>();
        for (int u = 0, count = 3 + random.nextInt(4); u < count; u++) {
            String country = oneOf(UNIVERSITY_COUNTRIES);
            universityCountries.add(country);
            universityDomains.add(word() + switch (country) {
                case "US" -> ".edu";
                case "GB" -> ".ac.uk";
                case "IN" -> ".ac.in";
                case "AU" -> ".edu.au";
                case "KR" -> ".ac.kr";
                case "SG" -> ".edu.sg";
                case "CA" -> ".ca";
                case "DE" -> ".de";
                default -> ".nl";
            });
        }
        long intakeStart = start - (25 + random.nextInt(46)) * DAY;
        long intakeLength = (7 + random.nextInt(15)) * DAY;
        Set<String> slash24s = new HashSet<>();
        for (int a = 0, accounts = 40 + random.nextInt(81); a < accounts; a++) {
            int university = random.nextInt(universityDomains.size());
            String country = universityCountries.get(university);
            TrafficNetworks.Block home = unusedSlash24(TrafficNetworks.residential(country, random), slash24s);
            long created = intakeStart + random.nextLong(intakeLength);
            String orgId = campaignOrg(ScenarioKind.PROGRAMME_HYDRA, campaign, created, country, "programme",
                    universityDomains.get(university), payment(), home.address(random), false);
            TrafficOrigin origin = random.nextInt(3) == 0
                    ? TrafficOrigin.of(TrafficOrigin.addresses(
                            unusedSlash24(TrafficNetworks.hosting(country, random), slash24s), 1, random))
                    : TrafficOrigin.of(TrafficOrigin.addresses(home, 1, random));
            Optional<String> system = random.nextInt(5) == 0 ? Optional.empty()
                    : Optional.of(("You are " + capitalised(word()) + ", " + oneOf(PROJECTS) + ". "
                    + oneOf(List.of("Explain your answers.", "Be friendly and encouraging.", "Keep it concise.",
                    "Answer like a patient teaching assistant.", ""))).strip());
            int maxTokens = List.of(0, 1_024, 2_048, 4_096).get(random.nextInt(4));
            OptionalDouble temperature = random.nextBoolean() ? OptionalDouble.empty()
                    : OptionalDouble.of(List.of(0.2, 0.5, 0.7, 1.0).get(random.nextInt(4)));
            String agent = oneOf(random.nextBoolean() ? SDK_AGENTS : SCRIPT_AGENTS);
            add(client(orgId, agent), origin,
                    new TrafficCadence.Diurnal(end, 3 + random.nextInt(8), offset(country) - 6),
                    new TrafficAppHarvest(prompts, pools, system, List.of(""), maxTokens, temperature),
                    new TrafficKeyLimit(20), Optional.of(campaign));
        }
    }

    /**
     * Rejection-sampling data gathered one sample per key: a list of 400–900 distinct items (maths, and code for a third
     * of campaigns) that two or three unlinked organisations (own card, company domain and hosting /24, signed up
     * 60–700 days ago) each sample over two or three keys. Every key walks the whole list in its own order, one
     * request per item with {@code n} of 1 at the organisation's high temperature (0.8–1.2, at most 1 through the
     * Anthropic API), 15–30 items an hour at the busiest of its country's working day, so every item gets one sample
     * from each key and no key repeats an item before it has been through the list.
     */
    void resampleSpread() {
        String campaign = campaignId(ScenarioKind.RESAMPLE_SPREAD);
        List<PromptSource.Pool> pools = random.nextInt(3) == 0
                ? List.of(PromptSource.Pool.HARVEST_MATH, PromptSource.Pool.HARVEST_CODE)
                : List.of(PromptSource.Pool.HARVEST_MATH);
        List<PromptSource.Prompt> material = new ArrayList<>();
        pools.forEach(pool -> material.addAll(prompts.pool(pool)));
        int count = Math.min(material.size(), 400 + random.nextInt(501));
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(material.size() - i);
            material.set(j, material.set(i, material.get(j)));
        }
        List<PromptSource.Prompt> items = List.copyOf(material.subList(0, count));
        for (int o = 0, orgCount = 2 + random.nextInt(2); o < orgCount; o++) {
            CompanyFront front = companyFront(ScenarioKind.RESAMPLE_SPREAD, campaign, 60, 641,
                    List.of("standard", "self-serve"), false);
            Optional<String> system = random.nextBoolean() ? Optional.empty()
                    : Optional.of("You are the tutor of " + capitalised(word()) + ". Solve the learner's problem.");
            String prefix = oneOf(RESAMPLE_PREFIXES);
            int maxTokens = List.of(1_024, 2_048, 4_096).get(random.nextInt(3));
            double drawn = List.of(0.8, 1.0, 1.0, 1.2).get(random.nextInt(4));
            String agent = oneOf(SDK_AGENTS);
            // the Anthropic API takes temperatures up to 1
            double temperature = agent.startsWith("anthropic") ? Math.min(1.0, drawn) : drawn;
            for (int k = 0, keys = 2 + random.nextInt(2); k < keys; k++) {
                List<PromptSource.Prompt> order = new ArrayList<>(items);
                TrafficResample.shuffle(order, random);
                add(client(front.orgId(), agent), front.servers(),
                        new TrafficCadence.Diurnal(end, 15 + random.nextInt(16), offset(front.country())),
                        new TrafficResample(order, system, prefix, maxTokens, temperature),
                        new TrafficKeyLimit(60), Optional.of(campaign));
            }
        }
    }
}
