package dev.moat.detect;

/**
 * The fixed-size behavioural summary of one principal or cluster: decayed counts of each trait, the
 * top templates, topic and hour-of-day histograms, inter-arrival statistics and HyperLogLogs of
 * distinct prompts (all, and those of harvest-shaped exchanges). Every field is additive, so a cluster's
 * profile is the sum of its members' and
 * 200 small accounts doing one job add up to one big one.
 *
 * <p>Decay is by volume, not time: when the count reaches {@value #HALVING_AT} every counter is halved,
 * so the profile reflects roughly the last few thousand events and no counter grows without bound.
 * The distinct-prompt sketches ({@link DistinctShare}) are not halved; the ratios they feed are capped at one.
 */
final class BehaviourProfile {

    static final double HALVING_AT = 4096;
    /** Share of the prompts looked up that carry registered benchmark items, from which traffic is an evaluation. */
    static final double EVALUATION_SHARE = 0.9;
    static final double EVALUATION_MIN_PROMPTS = 20;

    double events;
    double elicit, grader, systemExtract;
    double singleShot, maxTokensHigh, thinking, longCompletion;
    /** Events ever added, not decayed: with the active span it gives the volume per day. */
    long totalEvents;
    /** Events with suspicious intent that were also single-shot: intent in the shape of harvesting. */
    double shapedIntent;
    /**
     * Events that on their own have the whole shape of a harvesting exchange: single-shot, a budget or
     * thinking set to capture whole traces, and a long completion received. Counted jointly, because
     * cover traffic dilutes each of those rates and the product of diluted rates is diluted twice.
     */
    double harvestShaped;
    double logitProbe, manyChoices, softLabels, leakedReasoning, leakedSystem;
    /** Answers that opened with a refusal: mapping where the model draws its lines ({@link Refusals}). */
    double refused;
    double anonymised, withContent;
    /** Prompts looked up in the registered benchmarks, and those carrying one of their items ({@link BenchmarkItems}). */
    double benchmarkChecked, benchmarkItems;
    final double[] topics = new double[Topics.COUNT];
    final double[] hours = new double[24];
    final TemplateCounter prefixes = new TemplateCounter();
    final TemplateCounter suffixes = new TemplateCounter();
    /** Prompts with a sketch, and those nearly repeating one of the last few (a perturbed template). */
    double sketched, nearDuplicates;
    final NearDuplicateWindow recentSketches = new NearDuplicateWindow();
    /** Whether the last prompt added nearly repeated a recent one. */
    boolean lastNearDuplicate;
    final DistinctShare distinctPrompts = new DistinctShare();
    /**
     * Distinct prompts among the harvest-shaped exchanges alone: an evaluation rerun repeats its items,
     * a harvester does not, and a reseller's customers repeating "thanks, shorter please" must not hide that.
     */
    final DistinctShare distinctHarvested = new DistinctShare();

    long firstSecond = Long.MAX_VALUE;
    long lastSecond = Long.MIN_VALUE;
    /** Welford statistics of inter-arrival gaps in seconds (only for single principals, not clusters). */
    long gaps;
    double gapMean, gapM2;

    void add(EventTraits t) {
        if (events + 1 > HALVING_AT) {
            scale(0.5);
        }
        events++;
        totalEvents++;
        if (t.longCompletion) longCompletion++;
        if (t.elicit) elicit++;
        if (t.grader) grader++;
        if (t.systemExtract) systemExtract++;
        if (t.singleShot) singleShot++;
        if (t.maxTokensHigh) maxTokensHigh++;
        if (t.thinking) thinking++;
        if (t.suspiciousIntent() && t.singleShot) shapedIntent++;
        if (t.harvestShaped()) harvestShaped++;
        if (t.logitProbe) logitProbe++;
        if (t.manyChoices) manyChoices++;
        if (t.softLabels) softLabels++;
        if (t.leakedReasoning) leakedReasoning++;
        if (t.leakedSystem) leakedSystem++;
        if (t.refused) refused++;
        if (t.anonymisedNetwork) anonymised++;
        if (t.hasContent) {
            withContent++;
            if (t.benchmarkChecked) benchmarkChecked++;
            if (t.benchmarkItem) benchmarkItems++;
            topics[t.topic]++;
            boolean intent = t.suspiciousIntent() && t.singleShot;
            // a stream is harvesting-shaped when it sets the budgets and actually receives long outputs
            boolean budgets = t.maxTokensHigh || t.thinking;
            boolean harvest = t.longCompletion && budgets;
            prefixes.add(t.templatePrefix, 1, intent, budgets, harvest);
            suffixes.add(t.templateSuffix, 1, intent, budgets, harvest);
            distinctPrompts.offer(t.contentHash);
            if (t.harvestShaped()) {
                distinctHarvested.offer(t.contentHash);
            }
        }
        lastNearDuplicate = false;
        if (t.sketch != 0) {
            sketched++;
            lastNearDuplicate = recentSketches.offer(t.sketch);
            if (lastNearDuplicate) {
                nearDuplicates++;
            }
        }
        hours[t.hourOfDay]++;
        if (lastSecond != Long.MIN_VALUE && t.epochSecond >= lastSecond) {
            double gap = t.epochSecond - lastSecond;
            gaps++;
            double delta = gap - gapMean;
            gapMean += delta / gaps;
            gapM2 += delta * (gap - gapMean);
        }
        firstSecond = Math.min(firstSecond, t.epochSecond);
        lastSecond = Math.max(lastSecond, t.epochSecond);
    }

    void scale(double factor) {
        events *= factor;
        elicit *= factor;
        grader *= factor;
        systemExtract *= factor;
        singleShot *= factor;
        maxTokensHigh *= factor;
        thinking *= factor;
        longCompletion *= factor;
        shapedIntent *= factor;
        harvestShaped *= factor;
        logitProbe *= factor;
        manyChoices *= factor;
        softLabels *= factor;
        leakedReasoning *= factor;
        leakedSystem *= factor;
        refused *= factor;
        anonymised *= factor;
        withContent *= factor;
        benchmarkChecked *= factor;
        benchmarkItems *= factor;
        for (int i = 0; i < topics.length; i++) {
            topics[i] *= factor;
        }
        for (int i = 0; i < hours.length; i++) {
            hours[i] *= factor;
        }
        prefixes.scale(factor);
        suffixes.scale(factor);
        sketched *= factor;
        nearDuplicates *= factor;
    }

    /**
     * Whether this traffic is an evaluation over registered public benchmarks: at least {@value #EVALUATION_SHARE}
     * of its prompts that could count as harvesting (of {@value #EVALUATION_MIN_PROMPTS} or more) carry a registered
     * item.
     */
    boolean evaluatesBenchmarks() {
        return benchmarkChecked >= EVALUATION_MIN_PROMPTS && benchmarkItems >= EVALUATION_SHARE * benchmarkChecked;
    }

    /** Adds another profile's counts (for a cluster aggregate); gap statistics are not merged. */
    void addAll(BehaviourProfile other) {
        events += other.events;
        elicit += other.elicit;
        grader += other.grader;
        systemExtract += other.systemExtract;
        singleShot += other.singleShot;
        maxTokensHigh += other.maxTokensHigh;
        thinking += other.thinking;
        longCompletion += other.longCompletion;
        totalEvents += other.totalEvents;
        shapedIntent += other.shapedIntent;
        harvestShaped += other.harvestShaped;
        logitProbe += other.logitProbe;
        manyChoices += other.manyChoices;
        softLabels += other.softLabels;
        leakedReasoning += other.leakedReasoning;
        leakedSystem += other.leakedSystem;
        refused += other.refused;
        anonymised += other.anonymised;
        withContent += other.withContent;
        benchmarkChecked += other.benchmarkChecked;
        benchmarkItems += other.benchmarkItems;
        for (int i = 0; i < topics.length; i++) {
            topics[i] += other.topics[i];
        }
        for (int i = 0; i < hours.length; i++) {
            hours[i] += other.hours[i];
        }
        prefixes.addAll(other.prefixes);
        suffixes.addAll(other.suffixes);
        sketched += other.sketched;
        nearDuplicates += other.nearDuplicates;
        distinctPrompts.addAll(other.distinctPrompts);
        distinctHarvested.addAll(other.distinctHarvested);
        firstSecond = Math.min(firstSecond, other.firstSecond);
        lastSecond = Math.max(lastSecond, other.lastSecond);
    }

    /** Events per day over the active span (at least six hours, so a burst is not extrapolated). */
    double eventsPerDay() {
        if (totalEvents == 0) {
            return 0;
        }
        double span = Math.max(6 * 3600, lastSecond - firstSecond);
        return totalEvents * 86_400.0 / span;
    }

    /** Distinct prompts over prompts seen (1 = never repeats), or 1 with too few prompts to say. */
    double distinctRatio() {
        return distinctPrompts.share();
    }

    /** Distinct prompts over harvest-shaped exchanges seen, or 1 with too few to say. */
    double distinctHarvestedRatio() {
        return distinctHarvested.share();
    }
}
