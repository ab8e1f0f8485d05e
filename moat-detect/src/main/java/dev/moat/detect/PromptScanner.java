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
 * <p>Those exact hashes break when a campaign perturbs its wording per request (a synonym, a reordered
 * clause, a filler sentence). {@link #sketch()} is a 64-bit SimHash of the skeleton's words and word
 * pairs in its opening frame — the first {@value #SKETCH_HEAD} skeleton words, where a template's
 * instructions usually sit — so prompts of one template with a few words changed differ in a few bits,
 * while unrelated prompts differ in about half of them. Words survive reordered clauses, pairs keep some
 * word order. The majority vote per bit is counted bit-sliced (six bit-planes of 64 counters each, a
 * ripple-carry add per shingle), so the sketch costs a handful of operations per word rather than 64.
 *
 * <p>Long texts are read only in their first {@value #HEAD_CHARS} and last {@value #TAIL_CHARS} characters:
 * instructions sit at the ends of a prompt, and this bounds the work per event whatever clients send.
 * Not thread-safe: one scanner per detector thread.
 */
final class PromptScanner {

    static final int HEAD_CHARS = 1500;
    static final int TAIL_CHARS = 600;
    static final int FRAME_WORDS = 5;
    /** Skeleton words at the start of a prompt whose words and word pairs make the near-duplicate sketch. */
    static final int SKETCH_HEAD = 24;
    /** Fewer skeleton words than this give no sketch: short prompts resemble each other by chance. */
    static final int SKETCH_MIN_WORDS = 8;
    /** Enough bit-planes to count every word and word pair of the frame (at most 47 votes). */
    private static final int SKETCH_PLANES = 6;
    private static final long PAIR_SALT = 0x9a1e5L;

    private static final long NUMBER = Hashing.of("<num>");
    private static final long NAME = Hashing.of("<name>");
    private static final long QUOTED = Hashing.of("<quoted>");
    private static final long LONG_TOKEN = Hashing.of("<long>");

    /** grams[k] holds the hash of the k+1 words ending at the previous word; updated in place per word. */
    private final long[] grams = new long[IntentLexicon.MAX_PHRASE_WORDS];
    private final long[] head = new long[FRAME_WORDS];
    private final long[] tail = new long[FRAME_WORDS];
    private final int[] topicHits = new int[Topics.COUNT];
    /** Bit-sliced vote counters: plane p holds bit p of each of the 64 per-bit counts. */
    private final long[] planes = new long[SKETCH_PLANES];
    private int shingles;
    private long previousSkeletonWord;
    private long sketch = -1;

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
        shingles = 0;
        previousSkeletonWord = 0;
        sketch = -1;
        Arrays.fill(planes, 0);
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
            if (c >= 0x3040 && TextTokens.isIdeographic(c)) {
                if (length > 0) {
                    word(Hashing.mix(h), length, digit, capital);
                    digit = false;
                    capital = false;
                }
                word(TextTokens.ideographWord(c), 1, false, false);
                h = Hashing.FNV_OFFSET;
                length = 0;
                continue;
            }
            if (TextTokens.isWordChar(c)) {
                if (length == 0) {
                    capital = TextTokens.isUpper(c);
                }
                digit |= TextTokens.isDigit(c);
                h ^= TextTokens.lower(c);
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
        if (skeletonWords < SKETCH_HEAD) {
            vote(masked);
            if (skeletonWords > 0) {
                vote(Hashing.combine(PAIR_SALT ^ previousSkeletonWord, masked));
            }
        }
        previousSkeletonWord = masked;
        skeletonWords++;
        skeleton = Hashing.combine(skeleton, masked);
    }

    /** Adds one shingle's bits to the per-bit counts (ripple carry through the bit-planes). */
    private void vote(long shingle) {
        long carry = shingle;
        for (int p = 0; p < SKETCH_PLANES && carry != 0; p++) {
            long sum = planes[p] ^ carry;
            carry &= planes[p];
            planes[p] = sum;
        }
        shingles++;
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

    /**
     * SimHash of the words and word pairs of the skeleton's opening frame (its first {@value #SKETCH_HEAD}
     * words): bit i is set when most of those shingles' hashes have bit i set.
     * 0 when the skeleton has fewer than {@value #SKETCH_MIN_WORDS} words.
     */
    long sketch() {
        if (sketch == -1) {
            sketch = skeletonWords < SKETCH_MIN_WORDS ? 0 : majority();
        }
        return sketch;
    }

    private long majority() {
        long votes = 0;
        for (int bit = 0; bit < 64; bit++) {
            int count = 0;
            for (int p = 0; p < SKETCH_PLANES; p++) {
                count |= (int) ((planes[p] >>> bit) & 1) << p;
            }
            if (2 * count > shingles) {
                votes |= 1L << bit;
            }
        }
        // 0 means "no sketch" and -1 "not computed yet": neither may be a sketch
        return votes == 0 || votes == -1 ? 1 : votes;
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
