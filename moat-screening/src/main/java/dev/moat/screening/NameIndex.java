package dev.moat.screening;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Candidate retrieval: which listed names are worth scoring against a query, found without
 * looking at every name. Every listed name (primary and aliases) is normalised once and filed
 * under blocking keys: the padded character trigrams of each word (catch typos and joined or
 * split words) and each word's phonetic key (catch transliteration variants whose letters
 * differ). A query collects the names sharing keys with it, ranks them by the Jaccard overlap
 * of key sets, and hands the best {@code maxCandidates} to the scorer. Particles and legal
 * forms are not keys: they would put half the list behind "al" or "ltd".
 *
 * <p>Immutable after construction; {@link #candidates} allocates its own counters, so any number
 * of threads may query at once.
 */
final class NameIndex {

    private final NormalisedName[] names;
    private final int[] owner;
    private final int[] keyCounts;
    private final Map<String, int[]> postings;

    NameIndex(List<ListedEntity> entities) {
        List<NormalisedName> all = new ArrayList<>();
        List<Integer> owners = new ArrayList<>();
        for (int e = 0; e < entities.size(); e++) {
            ListedEntity entity = entities.get(e);
            for (String name : entity.allNames()) {
                all.add(NameNormaliser.normalise(name, java.util.Optional.of(entity.type())));
                owners.add(e);
            }
        }
        names = all.toArray(NormalisedName[]::new);
        owner = owners.stream().mapToInt(Integer::intValue).toArray();
        keyCounts = new int[names.length];
        Map<String, IntList> building = new HashMap<>();
        for (int id = 0; id < names.length; id++) {
            Set<String> keys = keys(names[id]);
            keyCounts[id] = keys.size();
            for (String k : keys) {
                building.computeIfAbsent(k, x -> new IntList()).add(id);
            }
        }
        Map<String, int[]> frozen = new HashMap<>(building.size() * 2);
        building.forEach((k, v) -> frozen.put(k, v.toArray()));
        postings = frozen;
    }

    int size() {
        return names.length;
    }

    NormalisedName name(int id) {
        return names[id];
    }

    int owner(int id) {
        return owner[id];
    }

    /** Ids of the listed names most like the query, best first, at most {@code limit}. */
    int[] candidates(NormalisedName query, int limit) {
        Set<String> keys = keys(query);
        if (keys.isEmpty()) {
            return new int[0];
        }
        int[] shared = new int[names.length];
        IntList touched = new IntList();
        for (String k : keys) {
            int[] ids = postings.get(k);
            if (ids == null) {
                continue;
            }
            for (int id : ids) {
                if (shared[id]++ == 0) {
                    touched.add(id);
                }
            }
        }
        PriorityQueue<double[]> best = new PriorityQueue<>(limit + 1,
                (p, q) -> p[0] != q[0] ? Double.compare(p[0], q[0]) : Double.compare(q[1], p[1]));
        // A name sharing under a fifth of the query's keys cannot score as a match; skip ranking it.
        int minShared = Math.max(1, keys.size() / 5);
        for (int i = 0; i < touched.size; i++) {
            int id = touched.values[i];
            if (shared[id] < minShared) {
                continue;
            }
            double jaccard = (double) shared[id] / (keys.size() + keyCounts[id] - shared[id]);
            best.add(new double[] {jaccard, id});
            if (best.size() > limit) {
                best.poll();
            }
        }
        int[] out = new int[best.size()];
        for (int i = out.length - 1; i >= 0; i--) {
            out[i] = (int) best.poll()[1];
        }
        return out;
    }

    static Set<String> keys(NormalisedName name) {
        Set<String> keys = new LinkedHashSet<>();
        for (NameToken t : name.tokens()) {
            if (t.kind() == NameToken.Kind.PARTICLE) {
                continue;
            }
            String padded = " " + t.text() + " ";
            for (int i = 0; i + 3 <= padded.length(); i++) {
                keys.add(padded.substring(i, i + 3));
            }
            if (t.skeleton().length() >= 2) {
                keys.add("#" + t.skeleton());
            }
        }
        return keys;
    }

    /** A growable int array: postings for 25,000 names would otherwise box a million Integers. */
    private static final class IntList {
        int[] values = new int[4];
        int size;

        void add(int v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
