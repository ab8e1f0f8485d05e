package dev.moat.detect;

import java.util.Arrays;

/**
 * Whether a request's conversation was held through this gateway: the message just before its last answer ended one
 * of the organisation's recent requests.
 *
 * <p>Why: a conversation carries its earlier answers, and the detector judges such requests as conversation, not as
 * single shots. But the gateway saw every earlier turn of a real conversation: each request repeats the previous
 * one's messages, the model's answer to it, and one new message. A history whose turns never passed through here —
 * worked examples laid out as earlier turns before the item, a transcript made up for the occasion — is a single
 * request in a conversation's clothes, and is judged as one.
 *
 * <p>Kept as two generations of a small Bloom filter (512 bytes in all) of hashes of the messages that ended the
 * organisation's requests, each generation {@link #GENERATION_SECONDS} of event time, so a conversation's next turn
 * is recognised for two to four hours. Fixed size whatever the traffic; a filter filled by heavy traffic answers
 * "seen" more often, which errs towards conversation, the benign side.
 */
final class ConversationThreads {

    static final long GENERATION_SECONDS = 2 * 3600;
    private static final int BITS = 2048;
    private static final int MASK = BITS - 1;

    private long[] current = new long[BITS / 64];
    private long[] previous = new long[BITS / 64];
    private long generationStart = Long.MIN_VALUE;

    /**
     * Whether a message with hash {@code message} ended one of the organisation's requests in the last hours (in the
     * organisation's second instance, kept for prefills: whether one of its answers began so).
     */
    boolean ended(long message, long epochSecond) {
        rotate(epochSecond);
        return contains(current, message) || contains(previous, message);
    }

    /** Records that a request of the organisation ended with a message of hash {@code message}. */
    void recordEnding(long message, long epochSecond) {
        rotate(epochSecond);
        int first = (int) (message & MASK);
        int second = (int) ((message >>> 32) & MASK);
        current[first >>> 6] |= 1L << first;
        current[second >>> 6] |= 1L << second;
    }

    private static boolean contains(long[] bits, long message) {
        int first = (int) (message & MASK);
        int second = (int) ((message >>> 32) & MASK);
        return (bits[first >>> 6] & 1L << first) != 0 && (bits[second >>> 6] & 1L << second) != 0;
    }

    private void rotate(long epochSecond) {
        if (generationStart == Long.MIN_VALUE) {
            generationStart = epochSecond;
        } else if (epochSecond - generationStart >= 2 * GENERATION_SECONDS) {
            Arrays.fill(current, 0);
            Arrays.fill(previous, 0);
            generationStart = epochSecond;
        } else if (epochSecond - generationStart >= GENERATION_SECONDS) {
            long[] recycled = previous;
            Arrays.fill(recycled, 0);
            previous = current;
            current = recycled;
            generationStart += GENERATION_SECONDS;
        }
    }
}
