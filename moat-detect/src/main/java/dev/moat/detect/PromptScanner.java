package dev.moat.detect;

import java.util.Arrays;

/**
 * Reads one prompt text in a single pass and records what the detector needs from it, without
 * allocating: the intents its phrases reveal ({@link IntentLexicon}), its topic, and the hashes of its
 * <em>skeleton</em> — the words with the variable parts masked (numbers, capitalised names inside a
 * sentence, quoted or fenced spans, very long tokens). Two prompts made from one template with different
 * payloads share the skeleton's first and last words even when the payload differs throughout, so the
 * detector keeps {@link #prefix()} and {@link #suffix()} as template identifiers.
 *
 * <p>Long texts are read only in their first {@value #HEAD_CHARS} and last {@value #TAIL_CHARS} characters:
 * instructions sit at the ends of a prompt, and this bounds the work per event whatever clients send.
 * Not thread-safe: one scanner per detector thread.
 */
final class PromptScanner {

    static final int HEAD_CHARS = 1500;
    static final int TAIL_CHARS = 600;
    static final int FRAME_WORDS = 5;

    private static final long NUMBER = Hashing.of("<num>");
    private static final long NAME = Hashing.of("<name>");
    private static final long QUOTED = Hashing.of("<quoted>");
    private static final long LONG_TOKEN = Hashing.of("<long>");

    /** grams[k] holds the hash of the k+1 words ending at the previous word; updated in place per word. */
    private final long[] grams = new long[IntentLexicon.MAX_PHRASE_WORDS];
    private final long[] head = new long[FRAME_WORDS];
    private final long[] tail = new long[FRAME_WORDS];
    private final int[] topicHits = new int[Topics.COUNT];

    private int words;
    private int skeletonWords;
    private int intents;
    private long skeleton;
    private long content;
    private boolean inQuote;
    private boolean inFence;
    private boolean sentenceStart;
    private int topic;

    /** Scans {@code text} (may be empty); the accessors describe it until the next scan. */
    void scan(String text) {
        words = 0;
        content = text.length();
        skeletonWords = 0;
        intents = 0;
        skeleton = 0;
        inQuote = false;
        inFence = false;
        sentenceStart = true;
        Arrays.fill(topicHits, 0);
        int n = text.length();
        if (n <= HEAD_CHARS + TAIL_CHARS) {
            read(text, 0, n);
        } else {
            read(text, 0, HEAD_CHARS);
            sentenceStart = true;
            read(text, n - TAIL_CHARS, n);
        }
        topic = Topics.GENERAL;
        int best = 0;
        for (int t = 1; t < Topics.COUNT; t++) {
            if (topicHits[t] > best) {
                best = topicHits[t];
                topic = t;
            }
        }
    }

    private void read(String text, int from, int to) {
        long h = Hashing.FNV_OFFSET;
        int length = 0;
        boolean digit = false;
        boolean capital = false;
        for (int i = from; i <= to; i++) {
            char c = i < to ? text.charAt(i) : ' ';
            if (TextTokens.isWordChar(c)) {
                if (length == 0) {
                    capital = Character.isUpperCase(c);
                }
                digit |= Character.isDigit(c);
                h ^= Character.toLowerCase(c);
                h *= Hashing.FNV_PRIME;
                length++;
                continue;
            }
            if (length > 0) {
                word(Hashing.mix(h), length, digit, capital);
                h = Hashing.FNV_OFFSET;
                length = 0;
                digit = false;
                capital = false;
            }
            if (c == '`' && i + 2 < to && text.charAt(i + 1) == '`' && text.charAt(i + 2) == '`') {
                inFence = !inFence;
                skeletonWord(QUOTED);
                i += 2;
            } else if (c == '"' || c == '\u201c' || c == '\u201d') {
                inQuote = !inQuote;
                if (inQuote) {
                    skeletonWord(QUOTED);
                }
            } else if (c == '.' || c == '!' || c == '?' || c == ':' || c == '\n') {
                sentenceStart = true;
            }
        }
    }

    private void word(long hash, int length, boolean digit, boolean capital) {
        int available = Math.min(words + 1, grams.length);
        // the (k+1)-gram ending here extends the k-gram that ended at the previous word
        for (int k = available - 1; k >= 1; k--) {
            grams[k] = Hashing.combine(grams[k - 1], hash);
            intents |= IntentLexicon.intentOf(grams[k]);
        }
        grams[0] = Hashing.combine(0, hash);
        intents |= IntentLexicon.intentOf(grams[0]);
        words++;
        content = Hashing.combine(content, hash);
        topicHits[Topics.of(hash)]++;
        if (!inQuote && !inFence) {
            long masked = digit ? NUMBER
                    : length > 24 ? LONG_TOKEN
                    : capital && !sentenceStart ? NAME
                    : hash;
            skeletonWord(masked);
        }
        sentenceStart = false;
    }

    private void skeletonWord(long masked) {
        // a run of masked words (a number with its unit, a multi-word name) is one variable part
        if (isMask(masked) && skeletonWords > 0 && tail[(skeletonWords - 1) % FRAME_WORDS] == masked) {
            return;
        }
        if (skeletonWords < FRAME_WORDS) {
            head[skeletonWords] = masked;
        }
        tail[skeletonWords % FRAME_WORDS] = masked;
        skeletonWords++;
        skeleton = Hashing.combine(skeleton, masked);
    }

    private static boolean isMask(long hash) {
        return hash == NUMBER || hash == NAME || hash == QUOTED || hash == LONG_TOKEN;
    }

    int words() {
        return words;
    }

    int intents() {
        return intents;
    }

    int topic() {
        return topic;
    }

    /** Hash of the words read (case and punctuation ignored): equal for the same prompt. */
    long content() {
        return content;
    }

    /** Hash of the whole skeleton: equal for prompts that differ only in masked parts. */
    long skeleton() {
        return skeleton;
    }

    /** Hash of the skeleton's first words (the whole skeleton if it is short). */
    long prefix() {
        int count = Math.min(skeletonWords, FRAME_WORDS);
        long h = 0x5eedL;
        for (int i = 0; i < count; i++) {
            h = Hashing.combine(h, head[i]);
        }
        return h;
    }

    /** Hash of the skeleton's last words (the whole skeleton if it is short). */
    long suffix() {
        int count = Math.min(skeletonWords, FRAME_WORDS);
        long h = 0x7a11L;
        for (int i = skeletonWords - count; i < skeletonWords; i++) {
            h = Hashing.combine(h, tail[i % FRAME_WORDS]);
        }
        return h;
    }
}
