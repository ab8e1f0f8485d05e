package dev.moat.detect;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * Harvesting that wears a real app's clothes: the request has exactly the shape of the app's own traffic on
 * the same key — the app's system prompt, completion budget and temperature — and, as the user message, one
 * item of the campaign's material, single-turn. Used where a campaign routes its items through keys that also
 * carry genuine traffic (a network of small businesses' apps, an enterprise's internal pipeline), so nothing in
 * the request's frame differs from the cover traffic. Written for the held-out set holdout5.
 */
final class TrafficAppHarvest implements TrafficContent {

    private final PromptSource prompts;
    private final List<PromptSource.Pool> pools;
    private final Optional<String> system;
    private final List<String> prefixes;
    private final int maxTokens;
    private final OptionalDouble temperature;

    /**
     * @param system   the system prompt of the app whose traffic this blends into
     * @param prefixes what may precede the item on the user line (a record header the app adds); "" for nothing
     */
    TrafficAppHarvest(PromptSource prompts, List<PromptSource.Pool> pools, Optional<String> system,
                      List<String> prefixes, int maxTokens, OptionalDouble temperature) {
        if (prefixes.isEmpty()) {
            throw new IllegalArgumentException("prefixes: empty (expected: at least \"\")");
        }
        this.prompts = prompts;
        this.pools = PromptSource.Pool.harvestingOnly(pools);
        this.system = system;
        this.prefixes = List.copyOf(prefixes);
        this.maxTokens = maxTokens;
        this.temperature = temperature;
    }

    @Override
    public TrafficExchange next(long now, SplittableRandom random) {
        PromptSource.Prompt item = prompts.pick(pools, random);
        String prefix = prefixes.get(random.nextInt(prefixes.size()))
                .replace("{n}", Integer.toString(10_000 + random.nextInt(90_000)));
        RequestSummary request = new RequestSummary(system,
                List.of(new UsageEvent.Message("user", prefix + item.text().strip())), 1, maxTokens, temperature, 1,
                random.nextInt(10) < 7, false, 0, 0, 0, false);
        String answer = TrafficText.clip(item.reference().orElse(""), 1_500);
        long completion = Math.max(TrafficText.tokens(answer), TrafficText.tokensAround(650, 0.6, random));
        if (maxTokens > 0) {
            completion = Math.min(completion, maxTokens);
        }
        return new TrafficExchange(request, Optional.of(answer), completion, 0, false);
    }
}
