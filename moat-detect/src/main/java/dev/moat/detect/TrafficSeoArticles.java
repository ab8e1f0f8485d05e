package dev.moat.detect;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A content-marketing agency's article pipeline: its account managers queue briefs for its clients (small
 * businesses in one niche each), and the pipeline turns each brief into a long SEO article under one fixed
 * system prompt and one fixed brief template — target length, keywords, audience, tone and a prescribed
 * structure — with a completion budget of 8–16 k tokens that the articles mostly use. To a naive harvest
 * detector this is a fixed template, single-shot requests and long, complete outputs at volume from servers;
 * it is an ordinary agency selling blog posts. Written for the held-out set ordinary2.
 */
final class TrafficSeoArticles implements TrafficContent {

    static final String TEMPLATE = """
            Write a {words}-word SEO blog article.
            Client: {client}
            Primary keyword: {keyword}
            Secondary keywords: {secondary}
            Audience: {audience}
            Tone: {tone}
            Structure: H1 title, an introduction, at least five H2 sections with H3 subsections, one comparison \
            table, an FAQ section with five questions, and a conclusion with a call to action.
            Notes from the client: {notes}""";
    private static final List<String> SYSTEMS = List.of(
            "You are a senior SEO content writer at {agency}. Write original, well-researched long-form articles in "
                    + "the client's brand voice, in Markdown, without keyword stuffing.",
            "You write blog content for {agency}'s clients. Follow the brief exactly, use natural language, "
                    + "include the keywords where they fit and never invent statistics.",
            "{agency} content engine. Produce publication-ready Markdown articles that follow the brief's "
                    + "structure and word count.");
    private static final List<String> AGENCIES = List.of("Rankwell", "Copyforge", "Bluequill Media", "Growthpage",
            "Searchlight Content");
    /** Client niches: a name, a primary keyword and secondary keywords. */
    private static final List<String[]> CLIENTS = List.of(
            new String[] {"SunRoof Solar", "home solar panels cost", "solar installation, net metering, battery storage"},
            new String[] {"Pawsome Kitchen", "best dog food for puppies", "grain-free, puppy nutrition, feeding schedule"},
            new String[] {"LedgerLeaf", "small business accounting software", "invoicing, bookkeeping, tax deadlines"},
            new String[] {"Stride Physio", "lower back pain exercises", "physiotherapy, posture, stretching routine"},
            new String[] {"NestMove", "moving checklist", "packing tips, moving company, change of address"},
            new String[] {"Brewhaus Supply", "home brewing kit", "beer recipes, fermentation, brewing equipment"},
            new String[] {"CloudCrew", "managed IT services", "cloud backup, cybersecurity, help desk"},
            new String[] {"Greenthumb Gardens", "raised garden beds", "vegetable garden, soil mix, companion planting"},
            new String[] {"Wanderlight Travel", "things to do in Lisbon", "Lisbon itinerary, day trips, travel tips"},
            new String[] {"FitForge", "home gym equipment", "adjustable dumbbells, workout plan, resistance bands"},
            new String[] {"BrightSmile Dental", "teeth whitening options", "dental hygiene, whitening strips, veneers"},
            new String[] {"CasaKeys Realty", "first-time home buyer tips", "mortgage pre-approval, down payment, closing costs"});
    private static final List<String> AUDIENCES = List.of("homeowners aged 30-55", "small business owners",
            "first-time buyers", "busy parents", "beginners", "IT managers at mid-sized companies");
    private static final List<String> TONES = List.of("friendly and practical", "authoritative but approachable",
            "conversational", "professional", "upbeat");
    private static final List<Integer> WORDS = List.of(1_500, 2_000, 2_500, 3_000);
    /** What account managers add to a brief, one to three notes each time. */
    private static final List<String> NOTES = List.of("Mention our free consultation.", "Link to the pricing page.",
            "Do not name competitors.", "Include a short customer story.", "Use British spelling.",
            "Add a checklist readers can print.", "Keep sentences short; many readers are on mobile.",
            "Mention the spring discount (15 % until the end of the month).", "Cite no statistics without a source.",
            "The client's last article on this topic ranked on page two; cover the questions it missed.");

    private final String system;
    private final List<String[]> roster;
    private final int maxTokens;
    private final double temperature;

    /**
     * @param agency the agency's name and {@code systemChoice} its system prompt, shared by its pipelines
     * @param random draws the pipeline's roster of three to eight clients and its temperature
     */
    TrafficSeoArticles(String agency, int systemChoice, int maxTokens, SplittableRandom random) {
        this.system = SYSTEMS.get(Math.floorMod(systemChoice, SYSTEMS.size())).replace("{agency}", agency);
        int first = random.nextInt(CLIENTS.size());
        int size = 3 + random.nextInt(6);
        this.roster = IntStream.range(0, size)
                .mapToObj(i -> CLIENTS.get((first + i) % CLIENTS.size())).toList();
        this.maxTokens = maxTokens;
        this.temperature = List.of(0.7, 0.8, 0.9).get(random.nextInt(3));
    }

    static int systemPrompts() {
        return SYSTEMS.size();
    }

    static String agency(SplittableRandom random) {
        return AGENCIES.get(random.nextInt(AGENCIES.size()));
    }

    @Override
    public TrafficExchange next(long now, SplittableRandom random) {
        String[] client = roster.get(random.nextInt(roster.size()));
        int words = WORDS.get(random.nextInt(WORDS.size()));
        StringBuilder notes = new StringBuilder();
        for (int i = 0, count = 1 + random.nextInt(3); i < count; i++) {
            notes.append(i == 0 ? "" : " ").append(NOTES.get(random.nextInt(NOTES.size())));
        }
        String text = TEMPLATE.replace("{words}", Integer.toString(words)).replace("{client}", client[0])
                .replace("{keyword}", client[1]).replace("{secondary}", client[2])
                .replace("{audience}", AUDIENCES.get(random.nextInt(AUDIENCES.size())))
                .replace("{tone}", TONES.get(random.nextInt(TONES.size())))
                .replace("{notes}", notes);
        RequestSummary request = new RequestSummary(Optional.of(system), List.of(new UsageEvent.Message("user", text)),
                1, maxTokens, OptionalDouble.of(temperature), 1, false, false, 0, 0, 0, false);
        // about 1.4 tokens a word of Markdown prose, plus headings and the table
        long completion = Math.min(maxTokens, TrafficText.tokensAround(1.4 * words + 200, 0.15, random));
        return new TrafficExchange(request, Optional.empty(), completion, 0, false);
    }
}
