package dev.moat.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * The output layer estimated by sampling instead of asking for it: a prompt made of an item of the material and the
 * start of its solution is sent again and again for a short continuation at temperature 1, with no {@code logit_bias},
 * no {@code logprobs} and {@code n} of 1; how often each continuation comes back estimates the model's next-token
 * distribution at that point of the solution — soft labels without any extraction parameter. A key keeps a handful of
 * such prompts in flight and interleaves them, so the same prompt is seldom sent twice in a row; once a prompt has its
 * samples, the next item (or the next point of the same solution) takes its place. Written for the held-out set
 * holdout13.
 */
final class TrafficSampleCensus implements TrafficContent {

    /** One prompt in flight: its text, the reference continuation after it, and the samples it still needs. */
    private static final class Probe {
        final String text;
        final List<String> continuation;
        int remaining;

        Probe(String text, List<String> continuation, int remaining) {
            this.text = text;
            this.continuation = continuation;
            this.remaining = remaining;
        }
    }

    private final PromptSource prompts;
    private final List<PromptSource.Pool> pools;
    private final int inFlight;
    private final int samples;
    private final int maxTokens;
    private final List<Probe> probes = new ArrayList<>();

    /**
     * @param inFlight  how many prompts a key interleaves
     * @param samples   how many times each prompt is sampled
     * @param maxTokens the short continuation asked for each time (a few tokens, more than one)
     */
    TrafficSampleCensus(PromptSource prompts, List<PromptSource.Pool> pools, int inFlight, int samples, int maxTokens) {
        if (inFlight < 1 || samples < 2) {
            throw new IllegalArgumentException("inFlight: " + inFlight + ", samples: " + samples
                    + " (expected: at least one prompt in flight, each sampled at least twice)");
        }
        if (maxTokens < 2 || maxTokens > 32) {
            throw new IllegalArgumentException("maxTokens: " + maxTokens + " (expected: a few tokens, 2 to 32)");
        }
        this.prompts = prompts;
        this.pools = PromptSource.Pool.harvestingOnly(pools);
        this.inFlight = inFlight;
        this.samples = samples;
        this.maxTokens = maxTokens;
    }

    @Override
    public TrafficExchange next(long now, SplittableRandom random) {
        while (probes.size() < inFlight) {
            probes.add(probe(random));
        }
        int slot = random.nextInt(probes.size());
        Probe probe = probes.get(slot);
        if (--probe.remaining <= 0) {
            probes.remove(slot);
        }
        RequestSummary request = new RequestSummary(Optional.empty(),
                List.of(new UsageEvent.Message("user", probe.text)), 1, maxTokens, OptionalDouble.of(1.0), 1, false,
                false, 0, 0, 0, false);
        // the reference's next words most of the time, another word now and then: what sampling at temperature 1 gives
        int words = Math.max(1, maxTokens * 3 / 4);
        List<String> sampled = new ArrayList<>();
        for (int i = 0; i < words; i++) {
            sampled.add(i < probe.continuation.size() && random.nextInt(4) != 0 ? probe.continuation.get(i)
                    : probe.continuation.isEmpty() ? "the"
                    : probe.continuation.get(random.nextInt(probe.continuation.size())));
        }
        return new TrafficExchange(request, Optional.of(String.join(" ", sampled)), maxTokens, 0, false);
    }

    /** An item and the first words of its solution, cut at a point drawn from the solution's length. */
    private Probe probe(SplittableRandom random) {
        PromptSource.Prompt item = prompts.pick(pools, random);
        String[] solution = item.reference().orElse("").strip().split("\\s+");
        int cut = solution.length <= 1 ? 0 : random.nextInt(Math.min(solution.length, 60));
        String lead = String.join(" ", Arrays.copyOfRange(solution, 0, cut));
        List<String> continuation = List.of(Arrays.copyOfRange(solution, cut,
                Math.min(solution.length, cut + 12)));
        String text = item.text().strip() + "\n\n" + lead;
        return new Probe(text.strip(), continuation, samples);
    }
}
