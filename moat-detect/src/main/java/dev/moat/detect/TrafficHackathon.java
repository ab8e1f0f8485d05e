package dev.moat.detect;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * A hackathon team's demo app: one idea, its system prompt and its one template around what the demo's user types
 * (human-written questions and instructions, or the short inputs the team keeps typing while they test). Testing
 * comes in bursts: the same input sent again after a change to the code, a few new ones in a row, then a pause while
 * they write code. Many similar prompts through one template, a fixed budget, JSON asked for by half the ideas —
 * and a weekend's project, not a pipeline.
 */
final class TrafficHackathon implements TrafficContent {

    /** An idea: its system prompt, its template around the user's input ({input}), and inputs the team tests with. */
    record Idea(String system, String template, List<String> testInputs) {
    }

    private static final List<Idea> IDEAS = List.of(
            new Idea("You are {app}, a cooking assistant. Suggest one recipe using mostly the ingredients given. "
                    + "Reply as JSON with keys title, ingredients, steps.",
                    "Ingredients in my fridge: {input}", List.of("eggs, spinach, feta", "rice, chicken, soy sauce",
                    "pasta, tomatoes, garlic, basil", "leftover potatoes and cheese", "tofu, broccoli, ginger")),
            new Idea("You are {app}, a study buddy. Turn the user's notes or question into three short quiz "
                    + "questions with answers, as JSON: [{\"q\":..., \"a\":...}].",
                    "Make a quiz from this: {input}", List.of("photosynthesis", "the French revolution",
                    "binary search trees", "supply and demand", "the water cycle")),
            new Idea("You are {app}. Plan a short trip: a day-by-day itinerary with one budget tip per day. Keep it "
                    + "under 200 words.", "Plan my trip: {input}", List.of("3 days in Lisbon, cheap",
                    "weekend in Tokyo with kids", "Berlin for 2 days, museums", "road trip in Scotland, 4 days")),
            new Idea("You are {app}, a meeting assistant. Summarise the text into decisions, action items with "
                    + "owners, and open questions. Reply as JSON.", "Summarise:\n{input}", List.of(
                    "we agreed to ship friday, sam does the slides, api keys still missing",
                    "standup: frontend done, backend blocked on auth, demo at 5")),
            new Idea("You are {app}, a friendly explainer for kids aged 8-12. Explain in three short sentences "
                    + "with one everyday example.", "Explain to a kid: {input}", List.of("why is the sky blue",
                    "how do vaccines work", "what is the internet", "why do cats purr")),
            new Idea("You are {app}. Rewrite the user's text to be clearer and kinder, keeping its meaning. Return "
                    + "only the rewritten text.", "{input}", List.of("you're late again, fix it",
                    "this code is garbage", "pls send the report asap i need it now")),
            new Idea("You are {app}, a career coach. Give three concrete suggestions to improve the CV bullet or "
                    + "question below, as a JSON list of strings.", "CV help: {input}", List.of(
                    "did stuff with python at my internship", "led a team of 4 on a uni project",
                    "how do I explain a gap year")));

    private final PromptSource prompts;
    private final Idea idea;
    private final String system;
    private final int maxTokens;
    private final OptionalDouble temperature;
    private String lastInput = "";
    private int burstLeft;

    TrafficHackathon(PromptSource prompts, String appName, int ideaChoice, int maxTokens, OptionalDouble temperature) {
        this.prompts = prompts;
        this.idea = IDEAS.get(Math.floorMod(ideaChoice, IDEAS.size()));
        this.system = idea.system().replace("{app}", appName);
        this.maxTokens = maxTokens;
        this.temperature = temperature;
    }

    static int ideas() {
        return IDEAS.size();
    }

    /** The template of the idea chosen by {@code ideaChoice}, before the input is put in. */
    static String template(int ideaChoice) {
        return IDEAS.get(Math.floorMod(ideaChoice, IDEAS.size())).template();
    }

    @Override
    public TrafficExchange next(long now, SplittableRandom random) {
        if (burstLeft <= 0) {
            burstLeft = 2 + random.nextInt(12);
        }
        burstLeft--;
        String input;
        if (!lastInput.isEmpty() && random.nextInt(3) == 0) {
            input = lastInput; // the same input again, after a change to the code
        } else if (random.nextBoolean()) {
            input = idea.testInputs().get(random.nextInt(idea.testInputs().size()));
        } else {
            input = TrafficText.clip(prompts.pick(PromptSource.Pool.CHAT, random).text(), 600);
        }
        lastInput = input;
        RequestSummary request = new RequestSummary(Optional.of(system),
                List.of(new UsageEvent.Message("user", idea.template().replace("{input}", input))), 1, maxTokens,
                temperature, 1, random.nextBoolean(), false, 0, 0, 0, false);
        String answer = TrafficText.answer(random);
        long completion = Math.min(maxTokens, TrafficText.tokensAround(260, 0.6, random));
        return new TrafficExchange(request, Optional.of(answer), completion, 0, burstLeft > 0);
    }
}
