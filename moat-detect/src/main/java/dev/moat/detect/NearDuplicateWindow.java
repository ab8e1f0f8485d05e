package dev.moat.detect;

/**
 * The prompt sketches ({@link PromptScanner#sketch()}) of a principal's last {@value #SIZE} prompts, to
 * tell whether a new prompt nearly repeats one of them: same template, perhaps with a synonym, a
 * reordered clause or a filler sentence. Fixed size; a comparison is one XOR and one population count.
 *
 * <p>Why a window of recent prompts and not a table of all sketches: template concentration is about
 * the traffic's current shape, and a few dozen comparisons per event keep the detector's throughput.
 * Hand-written perturbations of one template (synonyms, reordered clauses, filler; see
 * {@code NearDuplicateSketchTest}) differ in 2–20 of the 64 bits, three-quarters of pairs in at most
 * {@value #MAX_DISTANCE}; unrelated prompts differ in about 30 (standard deviation 4), so
 * {@value #MAX_DISTANCE} bits is about four standard deviations from chance. With
 * {@value #SIZE} recent prompts to compare with, a template's prompt almost always finds a near twin.
 */
final class NearDuplicateWindow {

    static final int SIZE = 16;
    static final int MAX_DISTANCE = 16;

    private final long[] recent = new long[SIZE];
    private int next;

    /** Whether {@code sketch} is within {@value #MAX_DISTANCE} bits of a recent one; then remembers it. */
    boolean offer(long sketch) {
        boolean near = false;
        for (long other : recent) {
            if (near(other, sketch)) {
                near = true;
                break;
            }
        }
        recent[next] = sketch;
        next = (next + 1) % SIZE;
        return near;
    }

    /** Whether two sketches (0: none) are within {@value #MAX_DISTANCE} bits of each other. */
    static boolean near(long a, long b) {
        return a != 0 && b != 0 && Long.bitCount(a ^ b) <= MAX_DISTANCE;
    }
}
