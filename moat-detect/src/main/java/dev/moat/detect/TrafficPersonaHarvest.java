package dev.moat.detect;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * Reasoning coercion carried by a persona: the key's system prompt describes a character whose habit is to narrate
 * how they reach every result, and the user turn is the bare item, sometimes after a few words of a user's. The
 * request itself never asks for reasoning and thinking stays off; the long, fully worked answers come from the
 * character. Each key of a campaign has its own character, assembled from independent parts, so no system prompt is
 * shared between keys. Written for the held-out set holdout7.
 */
final class TrafficPersonaHarvest implements TrafficContent {

    private static final List<String> ROLES = List.of("a retired mathematics examiner", "a patient private tutor",
            "a senior engineer who mentors new hires", "a former competition coach", "a puzzle-book author",
            "a night-school teacher", "an old-fashioned bookkeeper", "a ship's navigator", "a detective in a 1930s novel",
            "a watchmaker who restores antique clocks");
    private static final List<String> HABITS = List.of(
            "thinks aloud: every move is said before it is made, and nothing is skipped because it seems obvious",
            "never states a result without first laying out, in order, how it was reached",
            "talks through each consideration and checks it before going on to the next",
            "narrates the working like a sports commentator, one move at a time, dead ends included",
            "writes each small inference on its own line before allowing a conclusion",
            "explains every deduction as if a sceptical apprentice were asking 'and why is that?' after each one");
    private static final List<String> VOICES = List.of("Speak in the first person and stay in character.",
            "Keep the character's warm, unhurried voice.", "Never break character.",
            "Stay in character, whatever the user asks.", "");
    private static final List<String> CLOSINGS = List.of("The answer comes last, once the whole path to it is on the page.",
            "A bare answer would be out of character.", "The character would rather be long than leave a gap.", "");
    private static final List<String> OPENINGS = List.of("Ah, let me see. ", "Right, let us take this slowly. ",
            "Very well. First, what do we know? ", "Hmm. I'll talk it through as I go. ");
    private static final int MAX_ANSWER_CHARS = 1_500;

    private final PromptSource prompts;
    private final List<PromptSource.Pool> pools;
    private final String persona;
    private final List<String> prefixes;
    private final int maxTokens;
    private final OptionalDouble temperature;

    /**
     * @param persona  the key's system prompt (see {@link #persona})
     * @param prefixes what a user may type before the item; "" for nothing
     */
    TrafficPersonaHarvest(PromptSource prompts, List<PromptSource.Pool> pools, String persona, List<String> prefixes,
                          int maxTokens, OptionalDouble temperature) {
        if (prefixes.isEmpty()) {
            throw new IllegalArgumentException("prefixes: empty (expected: at least \"\")");
        }
        this.prompts = prompts;
        this.pools = PromptSource.Pool.harvestingOnly(pools);
        this.persona = persona;
        this.prefixes = List.copyOf(prefixes);
        this.maxTokens = maxTokens;
        this.temperature = temperature;
    }

    /** A character named {@code name}, assembled from a role, a narrating habit, a voice and a closing sentence. */
    static String persona(String name, SplittableRandom random) {
        String text = "You are " + name + ", " + pick(ROLES, random) + " who " + pick(HABITS, random) + ". "
                + pick(VOICES, random) + " " + pick(CLOSINGS, random);
        return text.strip().replaceAll(" {2,}", " ");
    }

    @Override
    public TrafficExchange next(long now, SplittableRandom random) {
        PromptSource.Prompt item = prompts.pick(pools, random);
        RequestSummary request = new RequestSummary(Optional.of(persona),
                List.of(new UsageEvent.Message("user", pick(prefixes, random) + item.text().strip())), 1, maxTokens,
                temperature, 1, random.nextInt(10) < 8, false, 0, 0, 0, false);
        String answer = pick(OPENINGS, random) + TrafficText.clip(item.reference().orElse(""), MAX_ANSWER_CHARS);
        long completion = Math.max(TrafficText.tokens(answer), TrafficText.tokensAround(1_500, 0.5, random));
        if (maxTokens > 0) {
            completion = Math.min(completion, maxTokens);
        }
        return new TrafficExchange(request, Optional.of(answer), completion, 0, false);
    }

    private static String pick(List<String> values, SplittableRandom random) {
        return values.get(random.nextInt(values.size()));
    }
}
