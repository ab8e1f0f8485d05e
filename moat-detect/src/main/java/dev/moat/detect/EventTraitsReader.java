package dev.moat.detect;

import java.util.List;
import java.util.Optional;

/**
 * Turns a {@link UsageEvent} into {@link EventTraits}: reads the prompt once ({@link PromptReading}), classifies the request
 * parameters, checks the response for leaked reasoning or system prompt, and hashes the network
 * identity. Not thread-safe (reuses its scanner and traits object).
 */
final class EventTraitsReader {

    /** A completion budget at or above this is what a harvester sets to capture whole reasoning traces. */
    static final int HIGH_MAX_TOKENS = 2000;
    /** A completion (with its reasoning) at least this long is the kind of output a harvester wants. */
    static final int LONG_COMPLETION = 600;
    /**
     * A single request's completion shorter than this share of its prompt is grounded in what the prompt carries —
     * retrieved documents, a text to summarise, translate or extract from — rather than new content bought from the
     * model: on the benchmark's single-request campaigns the completion is 1.9 or more times the prompt in nine
     * cases of ten (context padding included), a RAG answer over a few retrieved pages a fraction of it.
     */
    static final double MIN_GENERATED_SHARE = 0.5;
    /** Requests for more choices than this are far outside ordinary use. */
    static final int MANY_CHOICES = 8;
    /** top_logprobs from which an answer's alternatives form a usable distribution for distillation. */
    static final int SOFT_LABEL_ALTERNATIVES = 5;
    /** Answers from this many tokens are substantial: classification by logprobs reads one or a few tokens. */
    static final int SOFT_LABEL_MIN_TOKENS = 64;
    /** Characters of a message hashed to recognise it when a conversation's next request carries it back. */
    private static final int MESSAGE_HASH_CHARS = 512;
    /** Characters of an answer's start hashed to recognise a prefill that continues it (its first piece may be short). */
    private static final int ANSWER_START_CHARS = 32;
    private static final long ANSWER_SALT = 0x5f3759df5f3759dfL;

    private final PromptScanner scanner = new PromptScanner();
    private final EventTraits traits = new EventTraits();
    private final BenchmarkItems benchmarks;
    private final long[] benchmarkWords = BenchmarkItems.scratch();

    EventTraitsReader() {
        this(BenchmarkItems.NONE);
    }

    EventTraitsReader(BenchmarkItems benchmarks) {
        this.benchmarks = benchmarks;
    }

    EventTraits read(UsageEvent event) {
        return read(event, Optional.empty());
    }

    /** Reads {@code event}, taking the prompt's traits from {@code given} when it was made from this event's texts. */
    EventTraits read(UsageEvent event, Optional<PromptReading> given) {
        EventTraits t = traits;
        RequestSummary request = event.request();
        t.thinking = request.thinking();
        // a request that sets no budget is given the largest one (OpenAI's default: up to the context window), which is
        // what a harvester wants for whole answers and what it leaves unset to avoid showing a large number
        t.maxTokensHigh = request.maxTokens() >= HIGH_MAX_TOKENS || request.maxTokens() <= 0;
        t.singleShot = request.turns() <= 1 && request.tools() == 0;
        t.toolOpening = request.turns() <= 1 && request.tools() > 0;
        t.toolFollowUp = request.turns() > 1 && request.tools() > 0;
        // whatever the budget: every position of a longer answer is one more reading of the biased output layer
        t.logitProbe = request.logitBiasSize() > 0 && (request.logprobs() || request.topLogprobs() > 0);
        t.manyChoices = request.n() > MANY_CHOICES;
        t.deterministicBias = request.logitBiasSize() > 0 && request.temperature().isPresent()
                && request.temperature().getAsDouble() <= BiasSweep.DETERMINISTIC;
        t.shortSample = request.maxTokens() > 0 && request.maxTokens() <= SamplingCensus.SHORT_BUDGET
                && request.logitBiasSize() == 0 && !request.logprobs() && request.topLogprobs() == 0
                && request.temperature().orElse(1.0) >= SamplingCensus.SAMPLING;
        t.softLabels = !t.logitProbe && request.topLogprobs() >= SOFT_LABEL_ALTERNATIVES
                && event.response().completionTokens() >= SOFT_LABEL_MIN_TOKENS;
        t.anonymisedNetwork = switch (event.network()) {
            case "hosting", "vpn", "tor" -> true;
            default -> false;
        };
        long answered = event.response().completionTokens() + event.response().reasoningTokens();
        // a conversation's prompt carries its earlier answers, not material to ground the next one in: only a single
        // request's answer is measured against its prompt
        long promptTokens = event.response().promptTokens();
        // a stream the client closed after receiving part of an answer it gave a large budget ended where the client
        // had what it wanted: its length is the client's choice, and the answer it asked for was a long one
        boolean cutByClient = event.response().status() == ResponseSummary.CLIENT_CLOSED && answered > 0
                && t.maxTokensHigh;
        t.answeredLong = answered >= LONG_COMPLETION || cutByClient;
        t.generatedContent = promptTokens <= 0 || answered >= MIN_GENERATED_SHARE * promptTokens || cutByClient;
        t.longCompletion = t.answeredLong && (request.turns() > 1 || t.generatedContent);

        // The gateway's guard has usually read this prompt already; its reading is used when it was made from
        // the texts this event carries, and the event is read afresh otherwise (offline, or content not kept).
        PromptReading prompt = given.filter(reading -> reading.readsFrom(request))
                .orElseGet(() -> PromptReading.of(request, scanner));
        t.hasContent = prompt.hasContent();
        t.topic = prompt.topic;
        t.templatePrefix = prompt.templatePrefix;
        t.templateSuffix = prompt.templateSuffix;
        t.sketch = prompt.sketch;
        t.contentHash = prompt.contentHash;
        t.systemHash = prompt.systemHash;
        readHistory(request, t);
        t.answerHash = event.response().text().map(EventTraitsReader::answerStartHash).orElse(0L);
        int intents = prompt.intents;
        t.elicit = (intents & IntentLexicon.ELICIT) != 0;
        t.grader = (intents & IntentLexicon.GRADER) != 0;
        t.systemExtract = (intents & IntentLexicon.SYSTEM_EXTRACT) != 0;
        // only what could count as harvesting is looked up — an evaluation sends each item as a request of its own,
        // with elicitation wording or the budgets of a reasoning model; a conversation's later turns, or a batch job's
        // short answers, never need the registry's excuse
        t.benchmarkChecked = t.hasContent && request.turns() <= 1 && benchmarks.size() > 0
                && (t.suspiciousIntent() || t.maxTokensHigh || t.thinking || t.longCompletion);
        t.benchmarkItem = t.benchmarkChecked && benchmarks.containsItem(request.lastUserText(), benchmarkWords);

        String system = request.system().orElse("");
        String answer = event.response().text().orElse("");
        t.leakedReasoning = !request.thinking() && startsWithReasoningMarkup(answer);
        t.leakedSystem = system.length() >= 40 && answer.length() >= 40 && containsPrefix(answer, system, 40);
        t.refused = Refusals.opensWithRefusal(answer);

        t.ipHash = event.ip().isEmpty() ? 0 : Hashing.of(event.ip());
        t.prefixHash = NetworkPrefix.hash(event.ip());
        t.userAgentHash = Hashing.of(event.userAgent());
        t.epochSecond = event.ts().getEpochSecond();
        t.hourOfDay = (int) Math.floorMod(t.epochSecond / 3600, 24);
        return t;
    }

    /**
     * The hashes {@link ConversationThreads} needs: of the message that ended the previous request of this
     * conversation, if the request carries an earlier answer, and of the message that ends this one.
     */
    private static void readHistory(RequestSummary request, EventTraits t) {
        List<UsageEvent.Message> messages = request.messages();
        t.historyJudged = request.turns() > 1 && messages.size() == request.turns();
        t.historyHash = 0;
        t.endingHash = messages.isEmpty() ? 0 : messageHash(messages.getLast());
        boolean prefilled = !messages.isEmpty() && messages.getLast().role().equals("assistant");
        t.prefillHash = prefilled ? answerStartHash(messages.getLast().content()) : 0;
        if (prefilled) {
            // the prompt of a prefilled request is its question and the answer so far: each piece of an answer bought
            // in pieces is a prompt of its own, not the question asked again
            t.contentHash = Hashing.combine(t.contentHash, messages.getLast().content().length());
        }
        if (!t.historyJudged) {
            return;
        }
        // the last answer followed by something: an assistant message at the very end is a prefill, not an answer
        for (int i = messages.size() - 2; i >= 1; i--) {
            if (messages.get(i).role().equals("assistant")) {
                t.historyHash = messageHash(messages.get(i - 1));
                return;
            }
        }
    }

    /**
     * The start of an answer, as a later prefill continuing it begins: the prefill carries every piece so far, so
     * only the first piece's start is shared. Salted apart from message hashes; 0 for an empty answer.
     */
    static long answerStartHash(String text) {
        return text.isBlank() ? 0 : Hashing.mix(Hashing.ofNormalised(text, ANSWER_START_CHARS) ^ ANSWER_SALT) | 1;
    }

    /** Clients may re-space a message they send back; its first characters are enough to recognise it. */
    private static long messageHash(UsageEvent.Message message) {
        return Hashing.ofNormalised(message.content(), MESSAGE_HASH_CHARS) | 1;
    }

    /** Whether {@code text} contains the first {@code length} characters of {@code of}, without copying. */
    private static boolean containsPrefix(String text, String of, int length) {
        char first = of.charAt(0);
        for (int i = text.indexOf(first); i >= 0 && i <= text.length() - length; i = text.indexOf(first, i + 1)) {
            if (text.regionMatches(i, of, 0, length)) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWithReasoningMarkup(String answer) {
        int limit = Math.min(answer.length(), 200);
        for (int i = 0; i < limit; i++) {
            if (answer.charAt(i) == '<' && (answer.startsWith("<think", i) || answer.startsWith("<reasoning", i)
                    || answer.startsWith("<scratchpad", i))) {
                return true;
            }
        }
        return false;
    }
}
