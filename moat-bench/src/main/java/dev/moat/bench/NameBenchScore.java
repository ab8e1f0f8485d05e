package dev.moat.bench;

import java.util.Locale;

/** A confusion matrix and the numbers derived from it. */
final class NameBenchScore {

    private int truePositives;
    private int falsePositives;
    private int trueNegatives;
    private int falseNegatives;

    void add(boolean predicted, boolean actual) {
        if (predicted && actual) {
            truePositives++;
        } else if (predicted) {
            falsePositives++;
        } else if (actual) {
            falseNegatives++;
        } else {
            trueNegatives++;
        }
    }

    int cases() {
        return truePositives + falsePositives + trueNegatives + falseNegatives;
    }

    double precision() {
        return ratio(truePositives, truePositives + falsePositives);
    }

    double recall() {
        return ratio(truePositives, truePositives + falseNegatives);
    }

    double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    double accuracy() {
        return ratio(truePositives + trueNegatives, cases());
    }

    String summary() {
        if (cases() == 0) {
            return "   0  (no rows)";
        }
        return String.format(Locale.ROOT, "%4d  P %.3f  R %.3f  F1 %.3f  acc %.3f", cases(), precision(), recall(), f1(),
                accuracy());
    }

    private static double ratio(int a, int b) {
        return b == 0 ? 0 : (double) a / b;
    }
}
