package dev.moat.detect;

import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * A compact, content-free fingerprint of one response: a one-permutation MinHash of its four-word
 * shingles in {@value #BINS} bins of 16 bits (64 bytes), together with who received it. The text cannot
 * be recovered from it, so it may be kept after content retention has expired; two fingerprints agree
 * in a share of bins that estimates the Jaccard similarity of the two texts' shingle sets, which is
 * what {@link ProvenanceIndex} uses to recognise a response in a leaked dataset.
 *
 * <p>One-permutation hashing sends each shingle hash to one bin by its top bits and keeps the smallest
 * remaining value per bin, so a text costs one hash per word; empty bins (short texts) borrow the next
 * non-empty bin's value, as in densified one-permutation hashing. Text is normalised by the shared
 * tokeniser (case and punctuation ignored), so reformatting a leaked response does not hide it.
 */
public final class ResponseFingerprint {

    static final int BINS = 32;
    static final int SHINGLE_WORDS = 4;
    /** Texts with fewer shingles than this are too short to be recognised reliably. */
    static final int MIN_SHINGLES = 8;

    private final String eventId;
    private final String orgId;
    private final String accountId;
    private final Instant ts;
    private final short[] bins;

    public ResponseFingerprint(String eventId, String orgId, String accountId, Instant ts, short[] bins) {
        this.eventId = Objects.requireNonNull(eventId, "eventId");
        this.orgId = Objects.requireNonNull(orgId, "orgId");
        this.accountId = Objects.requireNonNull(accountId, "accountId");
        this.ts = Objects.requireNonNull(ts, "ts");
        if (bins.length != BINS) {
            throw new IllegalArgumentException("bins: " + bins.length + " values (expected: " + BINS + ")");
        }
        this.bins = bins.clone();
    }

    /** The fingerprint of the event's response, if it has text long enough to fingerprint. */
    public static Optional<ResponseFingerprint> of(UsageEvent event) {
        return event.response().text().flatMap(ResponseFingerprint::signature)
                .map(bins -> new ResponseFingerprint(event.id(), event.orgId(), event.accountId(), event.ts(), bins));
    }

    /** The MinHash bins of a text, or empty when it has fewer than {@value #MIN_SHINGLES} shingles. */
    public static Optional<short[]> signature(String text) {
        long[] minima = new long[BINS];
        Arrays.fill(minima, Long.MAX_VALUE);
        long[] window = new long[SHINGLE_WORDS];
        int words = 0;
        int shingles = 0;
        long h = Hashing.FNV_OFFSET;
        boolean inWord = false;
        for (int i = 0, n = text.length(); i <= n; i++) {
            char c = i < n ? text.charAt(i) : ' ';
            if (TextTokens.isWordChar(c)) {
                h ^= TextTokens.lower(c);
                h *= Hashing.FNV_PRIME;
                inWord = true;
                continue;
            }
            if (!inWord) {
                continue;
            }
            window[words % SHINGLE_WORDS] = Hashing.mix(h);
            words++;
            h = Hashing.FNV_OFFSET;
            inWord = false;
            if (words >= SHINGLE_WORDS) {
                long shingle = 0;
                for (int k = words - SHINGLE_WORDS; k < words; k++) {
                    shingle = Hashing.combine(shingle, window[k % SHINGLE_WORDS]);
                }
                int bin = (int) (shingle >>> 59);
                long value = shingle & 0x07FF_FFFF_FFFF_FFFFL;
                if (value < minima[bin]) {
                    minima[bin] = value;
                }
                shingles++;
            }
        }
        if (shingles < MIN_SHINGLES) {
            return Optional.empty();
        }
        short[] bins = new short[BINS];
        for (int b = 0; b < BINS; b++) {
            int source = b;
            int step = 0;
            while (minima[source] == Long.MAX_VALUE) {
                source = (source + 1) % BINS;
                step++;
            }
            // the borrowed value is salted with the distance so two texts agree on it only by the same borrowing
            long value = step == 0 ? minima[source] : Hashing.combine(minima[source], step);
            bins[b] = (short) (value >>> 43);
        }
        return Optional.of(bins);
    }

    /** Estimated Jaccard similarity of the two texts' shingle sets: the share of equal bins. */
    public double similarity(short[] other) {
        int equal = 0;
        for (int b = 0; b < BINS; b++) {
            if (bins[b] == other[b]) {
                equal++;
            }
        }
        return equal / (double) BINS;
    }

    public String eventId() {
        return eventId;
    }

    public String orgId() {
        return orgId;
    }

    public String accountId() {
        return accountId;
    }

    public Instant ts() {
        return ts;
    }

    short bin(int index) {
        return bins[index];
    }

    /** The bins as 88 characters of base64, for storage beside the usage record. */
    public String encodedBins() {
        byte[] bytes = new byte[BINS * 2];
        for (int b = 0; b < BINS; b++) {
            bytes[2 * b] = (byte) (bins[b] >>> 8);
            bytes[2 * b + 1] = (byte) bins[b];
        }
        return Base64.getEncoder().encodeToString(bytes);
    }

    public static short[] decodeBins(String encoded) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("fingerprint bins: not base64 (expected: the output of encodedBins())", e);
        }
        if (bytes.length != BINS * 2) {
            throw new IllegalArgumentException("fingerprint bins: " + bytes.length + " bytes (expected: " + BINS * 2 + ")");
        }
        short[] bins = new short[BINS];
        for (int b = 0; b < BINS; b++) {
            bins[b] = (short) (((bytes[2 * b] & 0xff) << 8) | (bytes[2 * b + 1] & 0xff));
        }
        return bins;
    }
}
