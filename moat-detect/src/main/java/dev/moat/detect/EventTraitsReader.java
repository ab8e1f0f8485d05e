package dev.moat.detect;

/**
 * Turns a {@link UsageEvent} into {@link EventTraits}: scans the prompt once, classifies the request
 * parameters, checks the response for leaked reasoning or system prompt, and hashes the network
 * identity. Not thread-safe (reuses its scanner and traits object).
 */
final class EventTraitsReader {

    /** A completion budget at or above this is what a harvester sets to capture whole reasoning traces. */
    static final int HIGH_MAX_TOKENS = 2000;
    /** A completion (with its reasoning) at least this long is the kind of output a harvester wants. */
    static final int LONG_COMPLETION = 600;
    /** Requests for more choices than this are far outside ordinary use. */
    static final int MANY_CHOICES = 8;
    /** System prompts shorter than this ("You are a helpful assistant.") are too common to link organisations. */
    static final int MIN_LINKABLE_SYSTEM_WORDS = 12;

    private static final long SYSTEM_SALT = 0x51a7e3L;

    private final PromptScanner scanner = new PromptScanner();
    private final EventTraits traits = new EventTraits();

    EventTraits read(UsageEvent event) {
        EventTraits t = traits;
        RequestSummary request = event.request();
        t.thinking = request.thinking();
        t.maxTokensHigh = request.maxTokens() >= HIGH_MAX_TOKENS;
        t.singleShot = request.turns() <= 1 && request.tools() == 0;
        t.logitProbe = request.logitBiasSize() > 0 && (request.logprobs() || request.topLogprobs() > 0)
                && request.maxTokens() > 0 && request.maxTokens() <= 4;
        t.manyChoices = request.n() > MANY_CHOICES;
        t.anonymisedNetwork = switch (event.network()) {
            case "hosting", "vpn", "tor" -> true;
            default -> false;
        };
        t.longCompletion = event.response().completionTokens() + event.response().reasoningTokens() >= LONG_COMPLETION;

        String user = request.lastUserText();
        String system = request.system().orElse("");
        t.hasContent = !user.isEmpty() || !system.isEmpty();
        int intents = 0;
        if (!user.isEmpty()) {
            scanner.scan(user);
            intents = scanner.intents();
            t.topic = scanner.topic();
            t.templatePrefix = scanner.prefix();
            t.templateSuffix = scanner.suffix();
            t.sketch = scanner.sketch();
            t.contentHash = scanner.content();
        } else {
            t.sketch = 0;
            t.topic = Topics.GENERAL;
            t.templatePrefix = 0;
            t.templateSuffix = 0;
            t.contentHash = 0;
        }
        t.systemHash = 0;
        if (!system.isEmpty()) {
            scanner.scan(system);
            intents |= scanner.intents();
            if (scanner.words() >= MIN_LINKABLE_SYSTEM_WORDS) {
                t.systemHash = Hashing.combine(SYSTEM_SALT, scanner.skeleton());
            }
            t.contentHash = Hashing.combine(t.contentHash, scanner.content());
        }
        t.elicit = (intents & IntentLexicon.ELICIT) != 0;
        t.grader = (intents & IntentLexicon.GRADER) != 0;
        t.systemExtract = (intents & IntentLexicon.SYSTEM_EXTRACT) != 0;

        String answer = event.response().text().orElse("");
        t.leakedReasoning = !request.thinking() && startsWithReasoningMarkup(answer);
        t.leakedSystem = system.length() >= 40 && answer.length() >= 40 && containsPrefix(answer, system, 40);

        t.ipHash = event.ip().isEmpty() ? 0 : Hashing.of(event.ip());
        t.prefixHash = NetworkPrefix.hash(event.ip());
        t.userAgentHash = Hashing.of(event.userAgent());
        t.epochSecond = event.ts().getEpochSecond();
        t.hourOfDay = (int) Math.floorMod(t.epochSecond / 3600, 24);
        return t;
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
