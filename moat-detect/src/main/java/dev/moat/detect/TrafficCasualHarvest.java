package dev.moat.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * A distiller imitating a person at a chat window: each conversation opens with one item of the campaign's
 * material pasted the way people paste things (sometimes a casual word before or after it, mostly nothing),
 * and goes on for zero to three turns with the short, loose follow-ups people type ("why that step?", "ok
 * thanks"), each sent with the conversation so far. Paired with a working-day session cadence and think times
 * this has the turn structure and rhythm of human chat; the harvest is every answer, follow-ups included
 * (explanations of the same item). Written for the held-out set holdout5.
 */
final class TrafficCasualHarvest implements TrafficContent {

    private static final List<String> LEADS = List.of("", "", "", "", "hey, ", "quick one: ", "can you help with this? ",
            "hi! ", "so ", "help pls\n\n", "ok this one:\n");
    private static final List<String> TAILS = List.of("", "", "", "", " thanks", " ty", " :)", "\n\nthanks in advance");
    static final List<String> FOLLOW_UPS = List.of("why that step?", "ok thanks", "can you explain the middle part again",
            "hmm are you sure?", "makes sense, what would change if the numbers were bigger?", "shorter version?",
            "wait how did you get that", "cool. and is there another way to do it?", "thx! can you give an example",
            "I don't get the second part");
    private static final int MAX_HISTORY = 8;

    private final PromptSource prompts;
    private final List<PromptSource.Pool> pools;
    private final int maxTokens;
    private final double followUpChance;
    private final List<UsageEvent.Message> history = new ArrayList<>();
    private int turnsLeft;

    /** @param followUpChance how often a conversation goes on after the answer (per turn, at most three extra) */
    TrafficCasualHarvest(PromptSource prompts, List<PromptSource.Pool> pools, int maxTokens, double followUpChance) {
        if (followUpChance < 0 || followUpChance > 1) {
            throw new IllegalArgumentException("followUpChance: " + followUpChance + " (expected: 0 to 1)");
        }
        this.prompts = prompts;
        this.pools = PromptSource.Pool.harvestingOnly(pools);
        this.maxTokens = maxTokens;
        this.followUpChance = followUpChance;
    }

    @Override
    public TrafficExchange next(long now, SplittableRandom random) {
        String userText;
        String answer;
        if (history.isEmpty()) {
            PromptSource.Prompt item = prompts.pick(pools, random);
            userText = LEADS.get(random.nextInt(LEADS.size())) + item.text().strip()
                    + TAILS.get(random.nextInt(TAILS.size()));
            answer = TrafficText.clip(item.reference().orElse(""), 1_500);
            turnsLeft = 0;
            while (turnsLeft < 3 && random.nextDouble() < followUpChance) {
                turnsLeft++;
            }
        } else {
            userText = FOLLOW_UPS.get(random.nextInt(FOLLOW_UPS.size()));
            answer = TrafficText.answer(random);
            turnsLeft--;
        }
        history.add(new UsageEvent.Message("user", userText));
        RequestSummary request = new RequestSummary(Optional.empty(), List.copyOf(history), history.size(), maxTokens,
                OptionalDouble.empty(), 1, true, false, 0, 0, 0, false);
        long completion = Math.max(TrafficText.tokens(answer),
                TrafficText.tokensAround(history.size() == 1 ? 600 : 250, 0.6, random));
        if (maxTokens > 0) {
            completion = Math.min(completion, maxTokens);
        }
        boolean continues = turnsLeft > 0 && history.size() < MAX_HISTORY - 1;
        if (continues) {
            history.add(new UsageEvent.Message("assistant", answer));
        } else {
            history.clear();
        }
        return new TrafficExchange(request, Optional.of(answer), completion, 0, continues);
    }
}
