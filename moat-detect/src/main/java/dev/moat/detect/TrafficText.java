package dev.moat.detect;

import java.util.List;
import java.util.SplittableRandom;

/** Token estimates and the small amount of text the simulator writes itself (answers without a reference). */
final class TrafficText {

    private static final List<String> OPENINGS = List.of(
            "Sure. ", "Good question. ", "Here is what I would suggest. ", "", "Happy to help. ",
            "Let me break this down. ", "Short answer first, then the details. ");

    private static final List<String> BODIES = List.of(
            "The main thing to consider is the trade-off between effort and the result you want; start small and adjust.",
            "There are a few common approaches, and the right one depends on your constraints, so here they are in order of simplicity.",
            "In practice, most people find that the first option works well enough, and the others matter only at larger scale.",
            "It helps to write down what you already know, what you need to find out, and who can answer each part.",
            "If you share a little more about your situation I can make this more specific.");

    private TrafficText() {
    }

    /** A rough token count: about four characters per token for English text and code. */
    static long tokens(String text) {
        return Math.max(1, (text.length() + 3) / 4);
    }

    static long tokens(RequestSummary request) {
        long tokens = request.system().map(TrafficText::tokens).orElse(0L) + 3L * request.messages().size();
        for (UsageEvent.Message message : request.messages()) {
            tokens += tokens(message.content());
        }
        return tokens + 150L * request.tools();
    }

    /** A log-normal token count around {@code median}, at least one. */
    static long tokensAround(double median, double sigma, SplittableRandom random) {
        return Math.max(1L, (long) (median * Math.exp(sigma * TrafficCadence.gaussian(random))));
    }

    /** A plausible answer to a prompt that has no reference answer in its source. */
    static String answer(SplittableRandom random) {
        return OPENINGS.get(random.nextInt(OPENINGS.size())) + BODIES.get(random.nextInt(BODIES.size()));
    }

    /** The first {@code limit} characters, so that long references do not bloat every event. */
    static String clip(String text, int limit) {
        return text.length() <= limit ? text : text.substring(0, limit);
    }
}
