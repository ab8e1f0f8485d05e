package dev.moat.detect;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * A game studio's content pass over its non-player characters: the build farm sends one request per character under
 * one template — the character sheet (name, role, place, faction, mood, quest hook) and an order for ambient lines and
 * a greeting tree as JSON — with the studio's style bible as the system prompt, a high temperature and two to four
 * variants per request ({@code n}) for the writers to choose from. At volume, single-turn, one template, long
 * generated output: ordinary work that shares every surface trait with template harvesting. Written for the held-out
 * set holdout8 (an ordinary kind).
 */
final class TrafficNpcDialogue implements TrafficContent {

    /** One character sheet. */
    record Npc(String name, String role, String place, String faction, String mood, String hook) {
    }

    static final List<String> ROLES = List.of("blacksmith", "harbour master", "tavern keeper", "city guard",
            "herbalist", "smuggler", "temple acolyte", "cartographer", "stable hand", "bounty hunter", "archive scribe",
            "fisherwoman", "travelling merchant", "retired soldier", "lighthouse keeper", "mine foreman");
    static final List<String> PLACES = List.of("the salt market", "Greywater docks", "the north gate",
            "a roadside shrine", "the Old Quarter", "a mountain waystation", "the flooded mine",
            "the academy courtyard", "Ember Hollow", "a smugglers' cove", "the royal archive", "a border fort");
    private static final List<String> FACTIONS = List.of("the Lantern Guild", "the Free Crews", "the Crown Watch",
            "the Ashen Circle", "no faction", "the River Houses");
    private static final List<String> MOODS = List.of("wary", "cheerful", "grieving", "boastful", "exhausted",
            "suspicious", "nervous", "sardonic", "kind but busy");
    private static final List<String> HOOKS = List.of("a missing shipment of lamp oil",
            "a debt owed to the wrong people", "strange lights on the hill at night",
            "a sibling who never came back from the mine",
            "a forged seal on an old letter", "a rival who cheats at cards", "a map with a torn corner",
            "wolves that are too clever", "a bell that rings by itself");
    private static final List<String> BIBLES = List.of(
            "Grounded low fantasy; people talk plainly, with dry humour. No modern idioms, no fourth-wall breaks.",
            "Warm, cosy tone for all ages. Characters are quirky but never cruel. Keep lines under 20 words.",
            "Bleak and tense. Short sentences, lots of subtext, nobody explains themselves fully.",
            "Swashbuckling and theatrical. Characters love wordplay. Avoid anachronisms.");
    private static final List<String> LINES = List.of("Keep your voice down around here.",
            "Fine weather for trouble, isn't it?", "You're not from the valley, I can tell.",
            "If you're buying, I'm talking.", "I've seen that look before. It never ends well.",
            "The tide waits for no one, least of all you.", "Mind the third step, it bites.",
            "Ask the old woman by the well. She knows everything and tells half.", "Coin first. Questions after.",
            "Another one chasing stories, eh?", "We don't get many visitors. The ones we get don't stay.");
    private static final List<String> GIVEN_NAMES = List.of("Maren", "Tobin", "Isolde", "Garrick", "Wenna", "Osric",
            "Liesel", "Bram", "Catrin", "Halvard", "Nessa", "Corwin", "Ysolt", "Dunstan", "Petra", "Alaric");
    private static final List<String> BYNAMES = List.of("Ashdown", "the Younger", "Pike", "Marrow", "of the Ford",
            "Tallow", "Reedley", "Quill", "Stonehand", "Vane", "Hollis", "Brackwater");
    private static final List<String> GAMES = List.of("Ashes of Veyra", "Tidebound", "The Lantern Road",
            "Hollow Crown", "Saltmarch");

    private final String system;
    private final String order;
    private final int maxTokens;
    private final int variants;
    private final OptionalDouble temperature;

    /**
     * @param system    the studio's style bible
     * @param order     what the template asks for after the character sheet
     * @param variants  choices per request ({@code n})
     */
    TrafficNpcDialogue(String system, String order, int maxTokens, int variants, OptionalDouble temperature) {
        if (variants < 1) {
            throw new IllegalArgumentException("variants: " + variants + " (expected: >= 1)");
        }
        this.system = system;
        this.order = order;
        this.maxTokens = maxTokens;
        this.variants = variants;
        this.temperature = temperature;
    }

    /** A studio's style bible as a system prompt: its name, its game and one of the bibles. */
    static String styleBible(String studio, SplittableRandom random) {
        return "You are a narrative designer at " + studio + ", writing for " + oneOf(GAMES, random) + ". Style bible: "
                + oneOf(BIBLES, random);
    }

    /** A studio's order after the sheet: how many barks, the greeting tree, the JSON shape. */
    static String order(SplittableRandom random) {
        return "Write " + (6 + random.nextInt(10)) + " ambient barks and a greeting dialogue tree with "
                + (2 + random.nextInt(3)) + " player options. Output JSON: {\"barks\": [...], \"greeting\": "
                + "{\"npc\": \"...\", \"options\": [{\"player\": \"...\", \"npc\": \"...\"}]}}.";
    }

    static Npc npc(SplittableRandom random) {
        String name = oneOf(GIVEN_NAMES, random) + " " + oneOf(BYNAMES, random);
        return new Npc(name, oneOf(ROLES, random), oneOf(PLACES, random), oneOf(FACTIONS, random), oneOf(MOODS, random),
                oneOf(HOOKS, random));
    }

    @Override
    public TrafficExchange next(long now, SplittableRandom random) {
        Npc npc = npc(random);
        String text = "NPC: " + npc.name() + "\nRole: " + npc.role() + "\nLocation: " + npc.place() + "\nFaction: "
                + npc.faction() + "\nMood: " + npc.mood() + "\nQuest hook: " + npc.hook() + "\n\n" + order;
        RequestSummary request = new RequestSummary(Optional.of(system), List.of(new UsageEvent.Message("user", text)),
                1, maxTokens, temperature, variants, false, false, 0, 0, 0, false);
        StringBuilder answer = new StringBuilder("{\"barks\": [");
        for (int i = 0, barks = 4 + random.nextInt(4); i < barks; i++) {
            answer.append(i == 0 ? "" : ", ").append('"').append(oneOf(LINES, random)).append('"');
        }
        answer.append("], \"greeting\": {\"npc\": \"").append(oneOf(LINES, random)).append("\", \"options\": [...]}}");
        // the budget holds for each choice; the usage counts all of them
        long completion = variants * Math.min(maxTokens, TrafficText.tokensAround(700, 0.4, random));
        return new TrafficExchange(request, Optional.of(answer.toString()), completion, 0, false);
    }

    static <T> T oneOf(List<T> values, SplittableRandom random) {
        return values.get(random.nextInt(values.size()));
    }
}
