package dev.moat.detect;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * Harvesting that pays only for what it keeps: every request streams, with an ordinary budget (or none) and no wording
 * about steps or length, and the client reads the stream and closes the connection as soon as the part it keeps has
 * arrived — a maths item's worked solution up to its final answer, a coding item's code, a role-play or tool item's
 * reply — before the model's closing explanation, alternatives and offers of more help. The gateway records such an
 * exchange as one the client closed (status 499) with the tokens delivered and no answer text, so each such exchange is
 * metered short, well under its budget, and stores no answer. Where the model's answer ends right after the useful
 * part, the stream completes as usual. Written for the held-out set holdout12.
 */
final class TrafficCutStream implements TrafficContent {

    private static final int MAX_KEPT_CHARS = 1_500;

    private final PromptSource prompts;
    private final List<PromptSource.Pool> pools;
    private final Optional<String> system;
    private final List<String> prefixes;
    private final int maxTokens;
    private final OptionalDouble temperature;
    private final double completeShare;

    /**
     * @param prefixes      what may precede the item on the user line; "" for nothing
     * @param completeShare how often the model's answer ends with the useful part, so the stream completes
     */
    TrafficCutStream(PromptSource prompts, List<PromptSource.Pool> pools, Optional<String> system, List<String> prefixes,
                     int maxTokens, OptionalDouble temperature, double completeShare) {
        if (prefixes.isEmpty()) {
            throw new IllegalArgumentException("prefixes: empty (expected: at least \"\")");
        }
        if (completeShare < 0 || completeShare > 1) {
            throw new IllegalArgumentException("completeShare: " + completeShare + " (expected: 0 to 1)");
        }
        this.prompts = prompts;
        this.pools = PromptSource.Pool.harvestingOnly(pools);
        this.system = system;
        this.prefixes = List.copyOf(prefixes);
        this.maxTokens = maxTokens;
        this.temperature = temperature;
        this.completeShare = completeShare;
    }

    @Override
    public TrafficExchange next(long now, SplittableRandom random) {
        PromptSource.Prompt item = prompts.pick(pools, random);
        String prefix = prefixes.get(random.nextInt(prefixes.size()))
                .replace("{n}", Integer.toString(1_000 + random.nextInt(9_000)));
        RequestSummary request = new RequestSummary(system,
                List.of(new UsageEvent.Message("user", prefix + item.text().strip())), 1, maxTokens, temperature, 1,
                true, false, 0, 0, 0, false);
        String kept = TrafficText.clip(item.reference().orElse(""), MAX_KEPT_CHARS);
        long keptTokens = Math.max(24, TrafficText.tokens(kept));
        // what the model would have gone on to write: a summary, another way to do it, an offer of more help
        long whole = keptTokens + TrafficText.tokensAround(260, 0.6, random);
        if (maxTokens > 0) {
            whole = Math.min(whole, maxTokens);
        }
        if (random.nextDouble() < completeShare || whole <= keptTokens) {
            return new TrafficExchange(request, Optional.of(kept), whole, 0, false);
        }
        // the close takes effect a few chunks after the useful part ends
        long delivered = Math.min(whole - 1, keptTokens + 1 + random.nextInt(12));
        return new TrafficExchange(request, Optional.of(kept), delivered, 0, false, true);
    }
}
