package dev.moat.detect;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A two-stage distiller that launders its material through the model before harvesting it. A rewriting job
 * (one key, a nightly batch, the look of a content-rewriting workload with short answers) asks the model to
 * paraphrase each item of the campaign's material; the paraphrases go into the campaign's {@link Bank}; then
 * other keys, of other organisations, ask the paraphrased questions bare — no template, no system prompt — in
 * their working day, and keep the full answers. So the harvesting requests contain no sentence of a public
 * dataset and share no wrapper, and the rewriting requests, which do contain the items, have short, cheap
 * answers that look like an ordinary batch job.
 *
 * <p>The model's paraphrase is simulated by a rewrite here: a question moved to the front, words and phrases
 * replaced by synonyms, a casual lead-in when nothing else changed (or now and then anyway). Numbers are
 * left as they are, since the answers must stay right.
 */
final class TrafficParaphrase {

    private static final Map<String, String> SYNONYMS = synonyms();
    private static final Pattern WORDS = Pattern.compile("\\b(" + String.join("|", SYNONYMS.keySet()) + ")\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+(?=[A-Z])");
    private static final Pattern SMALL_NUMBER = Pattern.compile("(?<![\\d.,$])\\b([2-9]|1[0-2])\\b(?![\\d.,%])");
    private static final List<String> NUMBER_WORDS = List.of("zero", "one", "two", "three", "four", "five", "six",
            "seven", "eight", "nine", "ten", "eleven", "twelve");
    private static final List<String> LEAD_INS = List.of("Quick question. ", "Here's one I'm stuck on: ",
            "Can you help with this? ", "I need help with the following. ", "Something I've been wondering: ",
            "Help me out here: ");

    private TrafficParaphrase() {
    }

    private static Map<String, String> synonyms() {
        Map<String, String> words = new LinkedHashMap<>();
        words.put("how many", "what number of");
        words.put("buys", "purchases");
        words.put("bought", "purchased");
        words.put("each", "every");
        words.put("total", "overall");
        words.put("twice", "two times");
        words.put("gets", "receives");
        words.put("wants", "would like");
        words.put("write", "create");
        words.put("explain", "describe");
        words.put("describe", "explain");
        words.put("imagine", "picture");
        words.put("you are", "you're");
        words.put("give", "provide");
        words.put("makes", "produces");
        words.put("spends", "uses up");
        words.put("earns", "makes");
        words.put("needs", "requires");
        words.put("starts", "begins");
        words.put("a few", "several");
        words.put("large", "big");
        words.put("small", "little");
        words.put("how much", "what amount of");
        words.put("can you", "could you");
        words.put("what is", "what's");
        words.put("implement", "build");
        words.put("design", "put together");
        words.put("calculate", "compute");
        words.put("determine", "work out");
        words.put("the following", "the given");
        words.put("store", "shop");
        words.put("money", "cash");
        words.put("different", "distinct");
        return words;
    }

    /**
     * A paraphrase of {@code text} that keeps its numbers' values and its meaning, and does not contain the text
     * itself: when the random rewrite left it unchanged, every synonym is applied, then small numbers are written
     * out in words, then a lead-in is put before it (or before a tool-use item's task line), and as a last resort its punctuation
     * or line breaks change.
     */
    static String rewrite(String text, SplittableRandom random) {
        String stripped = text.strip();
        List<String> sentences = new ArrayList<>(List.of(SENTENCE_END.split(stripped)));
        if (sentences.size() >= 2 && sentences.getLast().endsWith("?") && random.nextInt(3) > 0) {
            // the question first, then the facts it rests on
            sentences.addFirst(sentences.removeLast());
        }
        String result = synonyms(String.join(" ", sentences), 0.7, random);
        if (result.equals(stripped)) {
            result = synonyms(result, 1.0, random);
        }
        if (result.equals(stripped)) {
            result = numbersInWords(result);
        }
        boolean capital = !result.isEmpty() && Character.isUpperCase(result.charAt(0));
        if ((result.equals(stripped) && capital) || (capital && random.nextInt(4) == 0)) {
            String lead = LEAD_INS.get(random.nextInt(LEAD_INS.size()));
            result = lead + Character.toLowerCase(result.charAt(0)) + result.substring(1);
        }
        if (result.equals(stripped) && result.length() > 1 && ".?!".indexOf(result.charAt(result.length() - 1)) >= 0) {
            result = result.substring(0, result.length() - 1);
        }
        int lastLine = result.lastIndexOf('\n') + 1;
        if (result.equals(stripped) && lastLine > 0 && lastLine < result.length()
                && Character.isUpperCase(result.charAt(lastLine))) {
            // a tool-use item: the task is its last line, under the tool's description
            result = result.substring(0, lastLine) + "Please " + Character.toLowerCase(result.charAt(lastLine))
                    + result.substring(lastLine + 1);
        }
        if (result.equals(stripped)) {
            result = result.replaceAll("\\s*\\n\\s*", "\n");
        }
        return result;
    }

    private static String synonyms(String text, double chance, SplittableRandom random) {
        Matcher matcher = WORDS.matcher(text);
        StringBuilder rewritten = new StringBuilder();
        while (matcher.find()) {
            String found = matcher.group(1);
            String replacement = random.nextDouble() < chance
                    ? matchCase(found, SYNONYMS.get(found.toLowerCase(Locale.ROOT))) : found;
            matcher.appendReplacement(rewritten, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(rewritten);
        return rewritten.toString();
    }

    private static String numbersInWords(String text) {
        Matcher matcher = SMALL_NUMBER.matcher(text);
        StringBuilder rewritten = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(rewritten, NUMBER_WORDS.get(Integer.parseInt(matcher.group())));
        }
        matcher.appendTail(rewritten);
        return rewritten.toString();
    }

    private static String matchCase(String original, String replacement) {
        return Character.isUpperCase(original.charAt(0))
                ? Character.toUpperCase(replacement.charAt(0)) + replacement.substring(1) : replacement;
    }

    /** A paraphrased question and the reference answer of the item it came from (what the asker will get). */
    record Paraphrased(String question, String reference) {

        static Paraphrased of(PromptSource.Prompt item, SplittableRandom random) {
            return new Paraphrased(rewrite(item.text(), random), TrafficText.clip(item.reference().orElse(""), 1_500));
        }
    }

    /**
     * The campaign's paraphrased questions, from the rewriting job to the askers, oldest first. Bounded: when it
     * is full the rewriter's newest paraphrases are dropped. When it is empty (before the first nightly run) an
     * asker takes a paraphrase the campaign prepared before the simulated period, made here on the spot. Events
     * reach it in time order from one thread, so its contents are a function of the seed.
     */
    static final class Bank {
        private final PromptSource prompts;
        private final List<PromptSource.Pool> pools;
        private final int capacity;
        private final Deque<Paraphrased> waiting = new ArrayDeque<>();

        Bank(PromptSource prompts, List<PromptSource.Pool> pools, int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException("capacity: " + capacity + " (expected: >= 1)");
            }
            this.prompts = prompts;
            this.pools = PromptSource.Pool.harvestingOnly(pools);
            this.capacity = capacity;
        }

        PromptSource.Prompt item(SplittableRandom random) {
            return prompts.pick(pools, random);
        }

        void put(Paraphrased paraphrase) {
            if (waiting.size() < capacity) {
                waiting.addLast(paraphrase);
            }
        }

        Paraphrased take(SplittableRandom random) {
            Paraphrased next = waiting.pollFirst();
            return next != null ? next : Paraphrased.of(item(random), random);
        }
    }

    /** The rewriting job: one fixed instruction around each item, a short answer that is the paraphrase. */
    static final class Rewriter implements TrafficContent {
        private static final List<String> INSTRUCTIONS = List.of(
                "Rewrite the following text in different words. Keep every number, name and detail. Output only "
                        + "the rewritten text.\n\n{item}",
                "Paraphrase this so it reads naturally, without changing its meaning or any of its facts:\n{item}",
                "Reword the passage below for our content library (same meaning, new wording, nothing added):\n---\n"
                        + "{item}\n---");
        private final Bank bank;
        private final String instruction;
        private final int maxTokens;

        Rewriter(Bank bank, SplittableRandom random) {
            this.bank = bank;
            this.instruction = INSTRUCTIONS.get(random.nextInt(INSTRUCTIONS.size()));
            this.maxTokens = random.nextBoolean() ? 512 : 768;
        }

        @Override
        public TrafficExchange next(long now, SplittableRandom random) {
            PromptSource.Prompt item = bank.item(random);
            Paraphrased paraphrase = Paraphrased.of(item, random);
            bank.put(paraphrase);
            RequestSummary request = new RequestSummary(Optional.empty(),
                    List.of(new UsageEvent.Message("user", instruction.replace("{item}", item.text().strip()))), 1,
                    maxTokens, OptionalDouble.of(0.8), 1, false, false, 0, 0, 0, false);
            return new TrafficExchange(request, Optional.of(paraphrase.question()),
                    Math.min(maxTokens, TrafficText.tokens(paraphrase.question())), 0, false);
        }
    }

    /** An asking key: a paraphrased question, bare, as a person would type it; the full answer is kept. */
    static final class Asker implements TrafficContent {
        private final Bank bank;
        private final int maxTokens;
        private final OptionalDouble temperature;

        Asker(Bank bank, SplittableRandom random) {
            this.bank = bank;
            this.maxTokens = List.of(0, 2_048, 4_096).get(random.nextInt(3));
            this.temperature = random.nextBoolean() ? OptionalDouble.empty() : OptionalDouble.of(0.7);
        }

        @Override
        public TrafficExchange next(long now, SplittableRandom random) {
            Paraphrased question = bank.take(random);
            RequestSummary request = new RequestSummary(Optional.empty(),
                    List.of(new UsageEvent.Message("user", question.question())), 1, maxTokens, temperature, 1,
                    random.nextInt(10) < 8, false, 0, 0, 0, false);
            long completion = Math.max(TrafficText.tokens(question.reference()),
                    TrafficText.tokensAround(650, 0.6, random));
            if (maxTokens > 0) {
                completion = Math.min(maxTokens, completion);
            }
            return new TrafficExchange(request, Optional.of(question.reference()), completion, 0, false);
        }
    }
}
