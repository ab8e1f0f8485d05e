package dev.moat.detect;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * An online marketplace enriching its merchants' product listings: every request is one product record (name,
 * category, brand, attributes the merchant typed) under the marketplace's one template, asking for a title, bullet
 * points, a long description and search keywords as JSON. Single-shot, one template, long answers, thousands a
 * day — and entirely the marketplace's own catalogue, nothing from any harvesting set. Written for the held-out set
 * holdout6 as an ordinary kind a naive harvest detector would mistake for harvesting.
 */
final class TrafficCatalogueEnrichment implements TrafficContent {

    static final String LEAD = "Enrich this product listing for ";
    private static final List<String> CATEGORIES = List.of("kitchen knives", "running shoes", "desk lamps",
            "garden hoses", "phone cases", "yoga mats", "coffee grinders", "backpacks", "bed linen", "dog harnesses",
            "wall clocks", "cycling gloves", "water bottles", "office chairs", "children's puzzles");
    private static final List<String> MATERIALS = List.of("stainless steel", "recycled polyester", "oak", "bamboo",
            "cotton", "aluminium", "silicone", "leather", "ABS plastic", "wool");
    private static final List<String> COLOURS = List.of("black", "white", "navy", "sage green", "terracotta", "grey",
            "red", "sand", "charcoal", "mustard");
    private static final List<String> FEATURES = List.of("dishwasher safe", "water resistant", "foldable",
            "adjustable", "BPA free", "machine washable", "two-year warranty", "lightweight", "non-slip base",
            "USB-C charging", "set of two", "eco packaging");
    private static final List<String> SYLLABLES = List.of("ka", "lo", "mi", "ner", "so", "tu", "vel", "ra", "din",
            "po", "bre", "qua");

    private final String marketplace;
    private final String languageNote;
    private final int maxTokens;
    private final OptionalDouble temperature;

    /**
     * @param marketplace  the marketplace's name, in its template
     * @param languageNote the marketplace's house-style sentence (its locale and tone), the same on every request
     */
    TrafficCatalogueEnrichment(String marketplace, String languageNote, int maxTokens, OptionalDouble temperature) {
        this.marketplace = marketplace;
        this.languageNote = languageNote;
        this.maxTokens = maxTokens;
        this.temperature = temperature;
    }

    @Override
    public TrafficExchange next(long now, SplittableRandom random) {
        String category = pick(CATEGORIES, random);
        String brand = capitalised(pick(SYLLABLES, random) + pick(SYLLABLES, random));
        String name = brand + " " + capitalised(pick(SYLLABLES, random) + pick(SYLLABLES, random)) + " "
                + (100 + random.nextInt(900));
        StringBuilder record = new StringBuilder();
        record.append("sku: ").append(brand.toUpperCase(Locale.ROOT)).append('-')
                .append(10_000 + random.nextInt(90_000)).append('\n')
                .append("name: ").append(name).append('\n')
                .append("category: ").append(category).append('\n')
                .append("material: ").append(pick(MATERIALS, random)).append('\n')
                .append("colour: ").append(pick(COLOURS, random)).append('\n')
                .append("price: ").append(5 + random.nextInt(300)).append(".").append(random.nextBoolean() ? "99" : "00")
                .append('\n').append("merchant notes: ");
        for (int f = 0, features = 1 + random.nextInt(4); f < features; f++) {
            record.append(f == 0 ? "" : ", ").append(pick(FEATURES, random));
        }
        String text = LEAD + marketplace + ". " + languageNote + " Return JSON with the keys title (max 80 characters),"
                + " bullets (five short points), description (150-250 words) and keywords (ten search terms). Do not"
                + " invent certifications or claims the merchant did not give.\n\n" + record;
        RequestSummary request = new RequestSummary(Optional.empty(), List.of(new UsageEvent.Message("user", text)), 1,
                maxTokens, temperature, 1, false, false, 0, 0, 0, false);
        String answer = "{\"title\": \"" + name + " – " + category + "\", \"bullets\": [\"…\"], \"description\": \""
                + "A dependable choice for everyday use.\", \"keywords\": [\"" + category + "\"]}";
        long completion = Math.min(maxTokens, Math.max(TrafficText.tokens(answer),
                TrafficText.tokensAround(520, 0.25, random)));
        return new TrafficExchange(request, Optional.of(answer), completion, 0, false);
    }

    private static String pick(List<String> values, SplittableRandom random) {
        return values.get(random.nextInt(values.size()));
    }

    private static String capitalised(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
