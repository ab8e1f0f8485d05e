package dev.moat.detect;

/**
 * The few most frequent prompt templates of a principal, with how many of each template's requests
 * carried harvesting intent and parameters: a Misra–Gries frequent-items summary of fixed size
 * ({@value #SLOTS} slots), so each template stream can be judged on its own. That is what finds a
 * harvesting stream mixed into otherwise ordinary traffic (a reseller), where rates over the whole
 * principal are diluted.
 *
 * <p>Misra–Gries undercounts each item by at most n/(k+1); for the streams that matter (a template
 * carrying a large share of the traffic) that error is small. Counts are doubles so the summary can be
 * halved together with the other decayed counters and merged into a cluster's summary.
 */
final class TemplateCounter {

    static final int SLOTS = 8;

    final long[] ids = new long[SLOTS];
    final double[] counts = new double[SLOTS];
    final double[] intent = new double[SLOTS];
    /** Requests of the template that asked for whole traces: a harvesting budget or thinking. */
    final double[] budgets = new double[SLOTS];
    /** Requests of the template that also received a long completion. */
    final double[] harvest = new double[SLOTS];

    void add(long id, double weight, boolean suspiciousIntent, boolean harvestBudgets, boolean harvestParameters) {
        if (id == 0) {
            return;
        }
        int free = -1;
        for (int i = 0; i < SLOTS; i++) {
            if (ids[i] == id) {
                bump(i, weight, suspiciousIntent, harvestBudgets, harvestParameters);
                return;
            }
            if (free < 0 && counts[i] <= 0) {
                free = i;
            }
        }
        if (free >= 0) {
            ids[free] = id;
            counts[free] = 0;
            intent[free] = 0;
            budgets[free] = 0;
            harvest[free] = 0;
            bump(free, weight, suspiciousIntent, harvestBudgets, harvestParameters);
            return;
        }
        double smallest = Double.MAX_VALUE;
        for (int i = 0; i < SLOTS; i++) {
            smallest = Math.min(smallest, counts[i]);
        }
        double decrement = Math.min(weight, smallest);
        for (int i = 0; i < SLOTS; i++) {
            double before = counts[i];
            counts[i] -= decrement;
            if (before > 0) {
                // keep the side counters proportional to what is left of the count
                double keep = counts[i] / before;
                intent[i] *= keep;
                budgets[i] *= keep;
                harvest[i] *= keep;
            }
        }
    }

    private void bump(int i, double weight, boolean suspiciousIntent, boolean harvestBudgets,
                      boolean harvestParameters) {
        counts[i] += weight;
        if (suspiciousIntent) {
            intent[i] += weight;
        }
        if (harvestBudgets) {
            budgets[i] += weight;
        }
        if (harvestParameters) {
            harvest[i] += weight;
        }
    }

    double count(long id) {
        for (int i = 0; i < SLOTS; i++) {
            if (ids[i] == id && counts[i] > 0) {
                return counts[i];
            }
        }
        return 0;
    }

    double topCount() {
        double top = 0;
        for (double count : counts) {
            top = Math.max(top, count);
        }
        return top;
    }

    void scale(double factor) {
        for (int i = 0; i < SLOTS; i++) {
            counts[i] *= factor;
            intent[i] *= factor;
            budgets[i] *= factor;
            harvest[i] *= factor;
        }
    }

    void addAll(TemplateCounter other) {
        for (int i = 0; i < SLOTS; i++) {
            if (other.counts[i] <= 0) {
                continue;
            }
            int slot = slotFor(other.ids[i]);
            if (slot >= 0) {
                counts[slot] += other.counts[i];
                intent[slot] += other.intent[i];
                budgets[slot] += other.budgets[i];
                harvest[slot] += other.harvest[i];
            }
        }
    }

    /** The slot holding {@code id}, a free or weaker slot taken over for it, or -1 if all are stronger. */
    private int slotFor(long id) {
        int weakest = -1;
        for (int i = 0; i < SLOTS; i++) {
            if (ids[i] == id && counts[i] > 0) {
                return i;
            }
            if (weakest < 0 || counts[i] < counts[weakest]) {
                weakest = i;
            }
        }
        if (counts[weakest] <= 0) {
            ids[weakest] = id;
            counts[weakest] = 0;
            intent[weakest] = 0;
            budgets[weakest] = 0;
            harvest[weakest] = 0;
            return weakest;
        }
        return -1;
    }
}
