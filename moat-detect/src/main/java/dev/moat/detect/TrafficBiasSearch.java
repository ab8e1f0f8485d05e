package dev.moat.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * Output-layer extraction from the top token alone. Without log-probabilities an API still shows which token wins; a
 * {@code logit_bias} on one token, raised or lowered step by step until that token wins (or stops winning), measures
 * the gap between its logit and the top one's — a binary search of some eight to fourteen requests per token, at
 * temperature 0, on the same prompt. The client asks for no {@code logprobs}, biases one token (now and then two, to
 * search a pair at once), and sets a budget of a few tokens rather than one, since only the first token is read. Each
 * key keeps several prompts in flight and picks among their searches at random, so consecutive requests rarely repeat
 * a prompt. The prompts are the campaign's items as they are: any text serves, and the items are what it has. Written
 * for the held-out set holdout10.
 */
final class TrafficBiasSearch implements TrafficContent {

    /** One prompt whose tokens are being measured, and how many requests its searches still need. */
    private static final class Search {
        private final String prompt;
        private final String continuation;
        private int remaining;

        private Search(String prompt, String continuation, int remaining) {
            this.prompt = prompt;
            this.continuation = continuation;
            this.remaining = remaining;
        }
    }

    private final PromptSource prompts;
    private final List<PromptSource.Pool> pools;
    private final Optional<String> system;
    private final int inFlight;
    private final List<Integer> budgets;
    private final List<Search> searches = new ArrayList<>();

    /**
     * @param inFlight how many prompts' searches the key interleaves
     * @param budgets  the completion budgets it sets, a few tokens each
     */
    TrafficBiasSearch(PromptSource prompts, List<PromptSource.Pool> pools, Optional<String> system, int inFlight,
                      List<Integer> budgets) {
        if (inFlight < 1) {
            throw new IllegalArgumentException("inFlight: " + inFlight + " (expected: >= 1)");
        }
        if (budgets.isEmpty() || budgets.stream().anyMatch(budget -> budget < 2)) {
            throw new IllegalArgumentException("budgets: " + budgets + " (expected: one or more, each >= 2 tokens)");
        }
        this.prompts = prompts;
        this.pools = PromptSource.Pool.harvestingOnly(pools);
        this.system = system;
        this.inFlight = inFlight;
        this.budgets = List.copyOf(budgets);
    }

    @Override
    public TrafficExchange next(long now, SplittableRandom random) {
        while (searches.size() < inFlight) {
            searches.add(search(random));
        }
        int at = random.nextInt(searches.size());
        Search search = searches.get(at);
        if (--search.remaining == 0) {
            searches.remove(at);
        }
        int maxTokens = budgets.get(random.nextInt(budgets.size()));
        int biased = random.nextInt(5) == 0 ? 2 : 1;
        RequestSummary request = new RequestSummary(system, List.of(new UsageEvent.Message("user", search.prompt)), 1,
                maxTokens, OptionalDouble.of(0.0), 1, false, false, 0, biased, 0, false);
        // the text runs on to the budget; only its first token — the biased one or the natural one — is read
        String[] words = search.continuation.split("\\s+");
        String text = String.join(" ", List.of(words).subList(0, Math.min(words.length, Math.max(1, maxTokens * 3 / 4))));
        return new TrafficExchange(request, Optional.of(text), maxTokens, 0, false);
    }

    /** A new prompt — an item as it is — and one to three tokens to measure on it, 8–14 requests each. */
    private Search search(SplittableRandom random) {
        PromptSource.Prompt item = prompts.pick(pools, random);
        int steps = (1 + random.nextInt(3)) * (8 + random.nextInt(7));
        return new Search(item.text().strip(), item.reference().orElseGet(() -> TrafficText.answer(random)), steps);
    }
}
