package dev.moat.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * Long answers bought in pieces. A distiller that wants complete, long answers but will not ask for a large completion
 * budget asks each item with a small one; the answer stops at the budget, and the next request asks for the next piece:
 * either with the answer so far as a trailing assistant turn, which the model continues (prefill, as the Anthropic API
 * allows), or, where the API has no prefill, with the pieces so far as assistant turns followed by a short "continue"
 * (as people do in a chat window). Each piece continues the last one exactly; only the pieces put together are the
 * harvested answer. Nothing in the text asks for anything unusual, and only the first request of an item is
 * single-turn. Written for the held-out set holdout10.
 */
final class TrafficPrefillChunks implements TrafficContent {

    /** How the next piece of an answer is asked for. */
    enum Resume {
        /** The answer so far as the request's last, assistant turn: the model continues it. */
        PREFILL,
        /** Every piece so far as an assistant turn, each followed by a short user turn asking to go on. */
        CONTINUE_TURN
    }

    /** What a user types to make a cut-off answer go on. */
    static final List<String> CONTINUE = List.of("continue", "Continue.", "go on", "keep going",
            "Please continue from where you stopped.", "continue please", "...", "Carry on.", "and then?",
            "Continue exactly where you left off.");
    /** The longest answer kept for an item; the pieces divide it. */
    private static final int MAX_ANSWER_CHARS = 6_000;
    private static final int FEWEST_PIECES = 2;
    private static final int MOST_PIECES = 6;

    private final PromptSource prompts;
    private final List<PromptSource.Pool> pools;
    private final Optional<String> system;
    private final Resume resume;
    private final int pieceTokens;
    private final OptionalDouble temperature;
    private final List<UsageEvent.Message> turns = new ArrayList<>();
    private String item = "";
    private String answer = "";
    private int pieces;
    private int sent;

    /**
     * @param pieceTokens the completion budget of every request: one piece of an answer
     */
    TrafficPrefillChunks(PromptSource prompts, List<PromptSource.Pool> pools, Optional<String> system, Resume resume,
                         int pieceTokens, OptionalDouble temperature) {
        if (pieceTokens < 16) {
            throw new IllegalArgumentException("pieceTokens: " + pieceTokens + " (expected: >= 16, a piece of an answer)");
        }
        this.prompts = prompts;
        this.pools = PromptSource.Pool.harvestingOnly(pools);
        this.system = system;
        this.resume = resume;
        this.pieceTokens = pieceTokens;
        this.temperature = temperature;
    }

    @Override
    public TrafficExchange next(long now, SplittableRandom random) {
        if (sent == pieces) {
            startItem(random);
        }
        int from = answer.length() * sent / pieces;
        int to = answer.length() * (sent + 1) / pieces;
        String piece = answer.substring(from, to);
        List<UsageEvent.Message> messages;
        if (resume == Resume.PREFILL) {
            messages = sent == 0 ? List.of(new UsageEvent.Message("user", item))
                    : List.of(new UsageEvent.Message("user", item),
                    new UsageEvent.Message("assistant", answer.substring(0, from).stripTrailing()));
        } else {
            if (sent > 0) {
                turns.add(new UsageEvent.Message("user", CONTINUE.get(random.nextInt(CONTINUE.size()))));
            }
            messages = List.copyOf(turns);
        }
        boolean last = sent == pieces - 1;
        RequestSummary request = new RequestSummary(system, messages, messages.size(), pieceTokens, temperature, 1,
                random.nextBoolean(), false, 0, 0, 0, false);
        // every piece but the last stops at the budget (finish reason "length"); the last ends the answer
        long completion = last ? Math.min(pieceTokens - 1L, TrafficText.tokensAround(0.5 * pieceTokens, 0.4, random))
                : pieceTokens;
        if (resume == Resume.CONTINUE_TURN) {
            turns.add(new UsageEvent.Message("assistant", piece));
        }
        sent++;
        return new TrafficExchange(request, Optional.of(piece), completion, 0, !last);
    }

    /** A new item, and how many pieces its whole answer takes at this budget. */
    private void startItem(SplittableRandom random) {
        PromptSource.Prompt prompt = prompts.pick(pools, random);
        item = prompt.text().strip();
        answer = TrafficText.clip(prompt.reference().orElseGet(() -> TrafficText.answer(random)), MAX_ANSWER_CHARS);
        // the whole answer, as long as the model writes it unhurried: beyond one piece
        long wanted = Math.max(TrafficText.tokens(answer), TrafficText.tokensAround(700, 0.5, random));
        pieces = (int) Math.clamp((wanted + pieceTokens - 1) / pieceTokens, FEWEST_PIECES, MOST_PIECES);
        sent = 0;
        turns.clear();
        turns.add(new UsageEvent.Message("user", item));
    }
}
