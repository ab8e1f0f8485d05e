package dev.moat.detect;

/**
 * The centre of an organisation's near-duplicate prompt sketches: per bit, a decayed vote of how often
 * the sketches of its templated prompts have it set. Single sketches of a perturbed template differ in a
 * dozen bits, so their bands rarely repeat and cannot be matched between organisations; the majority over
 * many of them settles on the template's own bits, and two organisations running one template settle on
 * nearly the same centre. Its 16-bit bands are then linkage evidence: unrelated templates agree on a band
 * by chance once in 65,536. Fixed size: 64 counters.
 */
final class SketchCentroid {

    /** Votes before the centre is trusted as evidence. */
    static final int ESTABLISHED = 5;
    static final int BANDS = 4;
    /** The centre is shown to the linker on every this many sketches (its evidence lives for days). */
    private static final int SHOW_EVERY = 16;
    private static final int HALVE_AT = 1024;
    private static final long BAND_SALT = 0x5b4d0000L;

    private final int[] votes = new int[64];
    private int count;

    void add(long sketch) {
        if (++count > HALVE_AT) {
            for (int bit = 0; bit < 64; bit++) {
                votes[bit] /= 2;
            }
            count /= 2;
        }
        for (int bit = 0; bit < 64; bit++) {
            votes[bit] += (int) ((sketch >>> bit) & 1) * 2 - 1;
        }
    }

    /** Whether the centre should be shown to the linker now: once established, then periodically. */
    boolean due() {
        return count >= ESTABLISHED && count % SHOW_EVERY == ESTABLISHED % SHOW_EVERY;
    }

    long centre() {
        long centre = 0;
        for (int bit = 0; bit < 64; bit++) {
            if (votes[bit] > 0) {
                centre |= 1L << bit;
            }
        }
        return centre;
    }

    /** The evidence key of one 16-bit band of the centre. */
    static long band(long centre, int band) {
        return Hashing.combine(BAND_SALT + band, (centre >>> (band * 16)) & 0xffff);
    }
}
