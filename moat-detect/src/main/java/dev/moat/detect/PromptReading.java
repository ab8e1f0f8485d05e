package dev.moat.detect;

import java.util.Objects;

/**
 * One reading of a request's prompt — its last user message and its system prompt — by {@link PromptScanner}:
 * everything the request guard and the detector take from the text.
 *
 * <p>The gateway's guard makes the reading on the request path ({@link #of}), and the detector reuses it when
 * the request's usage event reaches it ({@link Detector#accept(UsageEvent, java.util.Optional)}), so a prompt is
 * scanned once per request rather than twice. Each scan had cost about 5 % of the gateway's CPU per request
 * (docs/benchmarks.md). The detector uses a reading only for an event that carries the very texts it was made
 * from ({@link #readsFrom}); an event stored without its content is read from what it carries, exactly as
 * {@code moat analyze} reads it, so online and offline verdicts stay the same. Immutable and thread-safe.
 */
public final class PromptReading {

    /** System prompts shorter than this ("You are a helpful assistant.") are too common to link organisations. */
    static final int MIN_LINKABLE_SYSTEM_WORDS = 12;

    private static final long SYSTEM_SALT = 0x51a7e3L;

    private final String user;
    private final String system;
    /** The intents of the user message and the system prompt together ({@link IntentLexicon} bits). */
    final int intents;
    final int topic;
    final long templatePrefix;
    final long templateSuffix;
    final long sketch;
    /** Hash of the user message's and the system prompt's words; 0 when there are none. */
    final long contentHash;
    /** Hash of a linkable system prompt's skeleton; 0 when there is none or it is too short to link by. */
    final long systemHash;

    private PromptReading(String user, String system, int intents, int topic, long templatePrefix,
                          long templateSuffix, long sketch, long contentHash, long systemHash) {
        this.user = user;
        this.system = system;
        this.intents = intents;
        this.topic = topic;
        this.templatePrefix = templatePrefix;
        this.templateSuffix = templateSuffix;
        this.sketch = sketch;
        this.contentHash = contentHash;
        this.systemHash = systemHash;
    }

    /** Reads the last user message and the system prompt of {@code request} (empty readings when it has none). */
    public static PromptReading of(RequestSummary request) {
        return of(request, new PromptScanner());
    }

    static PromptReading of(RequestSummary request, PromptScanner scanner) {
        Objects.requireNonNull(request, "request");
        String user = request.lastUserText();
        String system = request.system().orElse("");
        int intents = 0;
        int topic = Topics.GENERAL;
        long prefix = 0;
        long suffix = 0;
        long sketch = 0;
        long content = 0;
        long systemHash = 0;
        if (!user.isEmpty()) {
            scanner.scan(user);
            intents = scanner.intents();
            topic = scanner.topic();
            prefix = scanner.prefix();
            suffix = scanner.suffix();
            sketch = scanner.sketch();
            content = scanner.content();
        }
        if (!system.isEmpty()) {
            scanner.scan(system);
            intents |= scanner.intents();
            if (scanner.words() >= MIN_LINKABLE_SYSTEM_WORDS) {
                systemHash = Hashing.combine(SYSTEM_SALT, scanner.skeleton());
            }
            content = Hashing.combine(content, scanner.content());
        }
        return new PromptReading(user, system, intents, topic, prefix, suffix, sketch, content, systemHash);
    }

    /** Whether there was any text to read. */
    public boolean hasContent() {
        return !user.isEmpty() || !system.isEmpty();
    }

    /** Whether this reading was made from exactly the last user message and system prompt of {@code request}. */
    public boolean readsFrom(RequestSummary request) {
        return user.equals(request.lastUserText()) && system.equals(request.system().orElse(""));
    }
}
