package dev.moat.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Traces a suspected leaked dataset back to the accounts that received its responses, from stored
 * {@link ResponseFingerprint}s alone (no response text needed, so it works after retention expired).
 *
 * <h2>How</h2>
 * The dataset is the small side, so it is what gets indexed: each item's MinHash bins are cut into
 * {@value #BANDS} bands of {@value #ROWS} bins, and each band is a locality-sensitive-hashing bucket. The
 * gateway's fingerprints are then streamed through {@link #accept} (any number, in any order, memory
 * independent of their count); a fingerprint that shares a bucket with an item is compared on all bins
 * and counts as a match when the estimated similarity reaches {@value #MATCH_AT}. With 16 bands of 2 bins
 * a pair at similarity 0.5 meets in some bucket with probability 0.99, while unrelated texts meet only by
 * a 32-bit coincidence.
 *
 * <h2>Attribution and confidence</h2>
 * An item matched by responses to several accounts (a stock refusal, a common answer) is shared between
 * them (1/m each), so generic text cannot pin a dataset on anyone. An account's confidence is its mean
 * match similarity times 1 − e^(−w/3), where w is its shared-out item count: one weak match is a
 * coincidence, a dozen close ones are not.
 */
public final class ProvenanceTracer {

    static final int ROWS = 2;
    static final int BANDS = ResponseFingerprint.BINS / ROWS;
    static final double MATCH_AT = 0.5;
    private static final int MAX_ACCOUNTS_PER_ITEM = 32;

    private final List<short[]> items = new ArrayList<>();
    private final Map<Long, List<Integer>> buckets = new HashMap<>();
    private final List<Map<String, Match>> matches = new ArrayList<>();
    private int datasetItems;
    private long fingerprintsSeen;

    /** One received response matching one dataset item. */
    private record Match(String accountId, String orgId, String eventId, double similarity) {
    }

    /** Adds one dataset item (a response text); items too short to fingerprint are counted but not traced. */
    public void addDatasetItem(String responseText) {
        datasetItems++;
        ResponseFingerprint.signature(responseText).ifPresent(bins -> {
            int index = items.size();
            items.add(bins);
            matches.add(new HashMap<>(2));
            for (int band = 0; band < BANDS; band++) {
                buckets.computeIfAbsent(bandKey(bins, band), k -> new ArrayList<>(1)).add(index);
            }
        });
    }

    /** Compares one stored fingerprint with the dataset. */
    public void accept(ResponseFingerprint fingerprint) {
        fingerprintsSeen++;
        short[] bins = new short[ResponseFingerprint.BINS];
        for (int b = 0; b < bins.length; b++) {
            bins[b] = fingerprint.bin(b);
        }
        Set<Integer> candidates = null;
        for (int band = 0; band < BANDS; band++) {
            List<Integer> bucket = buckets.get(bandKey(bins, band));
            if (bucket != null) {
                if (candidates == null) {
                    candidates = new HashSet<>();
                }
                candidates.addAll(bucket);
            }
        }
        if (candidates == null) {
            return;
        }
        for (int item : candidates) {
            double similarity = fingerprint.similarity(items.get(item));
            if (similarity < MATCH_AT) {
                continue;
            }
            Map<String, Match> byAccount = matches.get(item);
            Match before = byAccount.get(fingerprint.accountId());
            if (before == null && byAccount.size() >= MAX_ACCOUNTS_PER_ITEM) {
                continue;
            }
            if (before == null || similarity > before.similarity()) {
                byAccount.put(fingerprint.accountId(), new Match(fingerprint.accountId(), fingerprint.orgId(),
                        fingerprint.eventId(), similarity));
            }
        }
    }

    /**
     * The attribution so far.
     *
     * @param clusterOf the cluster of each organisation (e.g. from the detector's report); organisations
     *                  not in it are reported without a cluster
     */
    public ProvenanceReport report(Map<String, String> clusterOf) {
        Map<String, Tally> accounts = new LinkedHashMap<>();
        Map<String, Tally> orgs = new LinkedHashMap<>();
        Map<String, Tally> clusters = new LinkedHashMap<>();
        int matched = 0;
        for (Map<String, Match> byAccount : matches) {
            if (byAccount.isEmpty()) {
                continue;
            }
            matched++;
            double share = 1.0 / byAccount.size();
            Set<String> itemOrgs = new HashSet<>();
            Set<String> itemClusters = new HashSet<>();
            for (Match match : byAccount.values()) {
                accounts.computeIfAbsent(match.accountId(), Tally::new).add(share, match);
                itemOrgs.add(match.orgId());
                String cluster = clusterOf.get(match.orgId());
                if (cluster != null) {
                    itemClusters.add(cluster);
                }
            }
            for (Match match : byAccount.values()) {
                if (itemOrgs.remove(match.orgId())) {
                    orgs.computeIfAbsent(match.orgId(), Tally::new).add(1.0 / orgCount(byAccount), match);
                }
                String cluster = clusterOf.get(match.orgId());
                if (cluster != null && itemClusters.remove(cluster)) {
                    clusters.computeIfAbsent(cluster, Tally::new).add(1.0 / clusterCount(byAccount, clusterOf), match);
                }
            }
        }
        int fingerprinted = items.size();
        return new ProvenanceReport(datasetItems, fingerprinted, matched, fingerprintsSeen,
                attributions(accounts, fingerprinted), attributions(orgs, fingerprinted),
                attributions(clusters, fingerprinted));
    }

    private static int orgCount(Map<String, Match> byAccount) {
        Set<String> orgs = new HashSet<>();
        byAccount.values().forEach(m -> orgs.add(m.orgId()));
        return orgs.size();
    }

    private static int clusterCount(Map<String, Match> byAccount, Map<String, String> clusterOf) {
        Set<String> clusters = new HashSet<>();
        byAccount.values().forEach(m -> {
            String cluster = clusterOf.get(m.orgId());
            clusters.add(cluster == null ? "org:" + m.orgId() : cluster);
        });
        return clusters.size();
    }

    private static List<ProvenanceReport.Attribution> attributions(Map<String, Tally> tallies, int fingerprinted) {
        List<ProvenanceReport.Attribution> out = new ArrayList<>();
        for (Tally tally : tallies.values()) {
            double meanSimilarity = tally.similarity / tally.items;
            double confidence = meanSimilarity * (1 - Math.exp(-tally.weighted / 3));
            out.add(new ProvenanceReport.Attribution(tally.id, tally.items, tally.weighted,
                    fingerprinted == 0 ? 0 : tally.weighted / fingerprinted, meanSimilarity, confidence, tally.examples));
        }
        out.sort(Comparator.comparingDouble(ProvenanceReport.Attribution::attributedItems).reversed()
                .thenComparing(ProvenanceReport.Attribution::id));
        return out;
    }

    private static long bandKey(short[] bins, int band) {
        long key = band;
        for (int r = 0; r < ROWS; r++) {
            key = (key << 16) | (bins[band * ROWS + r] & 0xffff);
        }
        return key;
    }

    private static final class Tally {
        final String id;
        int items;
        double weighted;
        double similarity;
        final List<String> examples = new ArrayList<>(3);

        Tally(String id) {
            this.id = id;
        }

        void add(double share, Match match) {
            items++;
            weighted += share;
            similarity += match.similarity();
            if (examples.size() < 3) {
                examples.add(match.eventId());
            }
        }
    }
}
