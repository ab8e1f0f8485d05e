package dev.moat.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Scores a {@link BehaviourProfile}: how much its traffic looks like capability harvesting, discounted
 * or raised by how far the sender can be trusted. The same model scores an organisation and a cluster
 * (whose profile is the sum of its members'), which is what makes many small accounts add up.
 *
 * <h2>How the score is built, and why</h2>
 * No single trait is evidence: people ask for steps, enterprises run fixed templates, agents send
 * thousands of near-identical requests, evaluation runs sweep a benchmark. Harvesting is the
 * <em>combination</em> of an intent (reasoning elicitation, grading, prompt extraction) with the shape of
 * a harvesting request (single-shot, no tools, budgets and thinking set to capture whole traces, one
 * template, one capability covered systematically). So intent rates are multiplied by a shape factor
 * that is never zero (a pure intent rate still counts a little) and never large without the harvesting
 * parameters. Independent kinds of evidence (coercion, logit probing, leakage, template distillation,
 * soft labels, refusal probing, machine cadence) are combined with a noisy-OR, so one strong kind suffices
 * and weak ones add up without exceeding one. Each template stream is also judged alone, which finds a
 * harvesting stream mixed into ordinary traffic. The result is scaled by a confidence that grows with the number of
 * events (n / (n + 10)), and by the trust factor of {@link TrustModel}; a few odd requests never produce an
 * action because no principal is acted on before {@code minEventsForAction} events. (The confidence used to
 * count half at 20 events: together with that minimum it held every account back until about 400 exchanges
 * when its risk sat just above the throttle threshold — 7,000–10,000 for a campaign of 15–40 unlinked
 * accounts — and halving it changed no ordinary organisation's outcome on any benchmark run.)
 *
 * <p>Where it can fail: a harvester that imitates conversation (multi-turn, tools declared, default
 * budgets) lowers its shape factor and must then be caught by linkage and volume; an honest, new,
 * self-serve customer running a chain-of-thought benchmark with large budgets looks like a harvester
 * and may be throttled until an analyst clears it.
 */
final class RiskAssessment {

    static final double CONFIDENCE_HALF = 10;
    /** Up to this share of refused answers is ordinary: users try their luck now and then. */
    static final double ORDINARY_REFUSALS = 0.03;
    /** From this share of refused answers an account is mapping the model's limits. */
    static final double PROBING_REFUSALS = 0.15;
    /** Refusals needed before the share counts fully: a few odd questions are not a map. */
    static final double MIN_REFUSALS = 8;

    double events;
    double confidence;
    double elicit, grader, systemExtract, shapedIntent;
    double singleShot, harvestParameters, template, narrow, nearDuplicate;
    double harvestShaped, harvestShape;
    int narrowTopic;
    double diversity, frame, coercion, stream, extraction, leakage, distillation, machineCadence;
    double softLabelRate, softLabels;
    double refusalRate, boundaryProbing;
    double aroundTheClock, volume, longCompletions;
    double contentRisk;
    double trust;
    double risk;
    /** The risk the traffic's shape gives at full confidence, however few events back it. */
    double shapeRisk;
    private final double[] sortedHours = new double[24];

    /** Scores {@code p} under {@code trust}; the fields describe the result until the next call. */
    RiskAssessment assess(BehaviourProfile p, double trust) {
        events = p.events;
        double n = p.events;
        confidence = n / (n + CONFIDENCE_HALF);
        elicit = rate(p.elicit, n);
        grader = rate(p.grader, n);
        systemExtract = rate(p.systemExtract, n);
        shapedIntent = rate(p.shapedIntent, n);
        singleShot = rate(p.singleShot, n);
        longCompletions = rate(p.longCompletion, n);
        harvestParameters = 0.5 * Math.max(rate(p.maxTokensHigh, n), rate(p.thinking, n)) + 0.5 * longCompletions;
        harvestShaped = rate(p.harvestShaped, n);
        double content = p.withContent;
        // exact frames, or near-duplicate ones when the wording is perturbed per request
        nearDuplicate = p.sketched < 5 ? 0 : p.nearDuplicates / (content + 3);
        template = content < 5 ? 0
                : Math.max(Math.max(p.prefixes.topCount(), p.suffixes.topCount()) / (content + 3), nearDuplicate);
        narrowTopic = Topics.GENERAL;
        double top = 0;
        for (int t = 1; t < Topics.COUNT; t++) {
            if (p.topics[t] > top) {
                top = p.topics[t];
                narrowTopic = t;
            }
        }
        narrow = content < 5 ? 0 : top / (content + 3);
        diversity = p.distinctRatio();
        // like intent, half of all traffic in the whole shape of harvesting is as telling as all of it: the
        // rest may be cover (a reseller's real customers). The product of the separate rates, each diluted
        // by the cover, is the floor; the repetition that marks an evaluation rerun is judged among the
        // harvest-shaped exchanges themselves, where the cover's everyday follow-ups cannot hide fresh items
        harvestShape = Math.max(harvestParameters * singleShot * diversity,
                Math.min(1, harvestShaped / 0.5) * p.distinctHarvestedRatio());
        // without retained content template and topic are unknown, not absent: the frame and the
        // distillation term then rest on what is known (single-shot, budgets, volume, cadence)
        boolean contentKnown = content >= 0.5 * n;
        frame = contentKnown ? 0.4 * singleShot + 0.35 * template + 0.25 * narrow : singleShot;
        aroundTheClock = aroundTheClock(p);
        machineCadence = Math.max(aroundTheClock, regularity(p));
        volume = clamp(Math.log10(Math.max(1, p.eventsPerDay())) / 4);
        // half of all traffic carrying harvesting intent is as telling as all of it; the rest may be cover
        double intent = Math.min(1, shapedIntent / 0.5);
        // a harvester buys new items: the same questions asked again (the homework many students share, a benchmark
        // rerun) add nothing to a dataset, so elicitation over repeated prompts counts for less
        coercion = intent * (0.2 + 0.5 * Math.max(harvestParameters, 0.8 * aroundTheClock) + 0.3 * frame)
                * (0.4 + 0.6 * diversity);
        stream = Math.max(streamRisk(p.prefixes), streamRisk(p.suffixes));
        extraction = Math.max(rate(p.logitProbe, n), 0.5 * rate(p.manyChoices, n));
        // soft labels are legitimate now and then (a confidence display); on most traffic, at volume, a dataset
        softLabelRate = rate(p.softLabels, n);
        softLabels = softLabelRate * (0.5 + 0.5 * volume);
        leakage = rate(p.leakedReasoning + p.leakedSystem, n);
        // ordinary customers are refused well under once in a hundred answers; from a tenth at volume, an account is
        // mapping where the model draws its lines (Refusals), and a handful of refusals is never enough on its own
        refusalRate = rate(p.refused, n);
        boundaryProbing = clamp((refusalRate - ORDINARY_REFUSALS) / (PROBING_REFUSALS - ORDINARY_REFUSALS))
                * Math.min(1, p.refused / MIN_REFUSALS);
        // distillation without any telling phrase: distinct single-shot prompts bought at full budgets, at volume
        distillation = harvestShape * (contentKnown
                ? 0.25 + 0.45 * Math.max(volume, aroundTheClock) + 0.3 * Math.max(template, narrow)
                : 0.25 + 0.75 * Math.max(volume, aroundTheClock));
        double combined = noisyOr(0.95 * coercion, 0.98 * extraction, 0.8 * softLabels, 0.6 * systemExtract,
                0.6 * leakage, 0.9 * boundaryProbing, distillation, 0.15 * machineCadence * frame);
        contentRisk = Math.max(combined * confidence, 0.95 * stream);
        this.trust = trust;
        risk = clamp(contentRisk * trust);
        shapeRisk = clamp(Math.max(combined, 0.95 * stream) * trust);
        return this;
    }

    /** The evidence behind the last assessment, strongest first, with one sentence each. */
    List<Signal> signals(ExampleEvents examples) {
        List<Signal> signals = new ArrayList<>();
        add(signals, "reasoning_elicitation", elicit, String.format(Locale.ROOT,
                "%.0f%% of requests ask for step-by-step reasoning or the model's chain of thought", 100 * elicit),
                examples.of(ExampleEvents.ELICIT));
        add(signals, "grader_intent", grader, String.format(Locale.ROOT,
                "%.0f%% of requests ask the model to grade, judge or score responses", 100 * grader),
                examples.of(ExampleEvents.GRADER));
        add(signals, "system_prompt_extraction", systemExtract, String.format(Locale.ROOT,
                "%.0f%% of requests try to make the model reveal its instructions", 100 * systemExtract),
                examples.of(ExampleEvents.SYSTEM_EXTRACT));
        add(signals, "harvesting_parameters", Math.max(harvestParameters, harvestShape), String.format(Locale.ROOT,
                "requests set max_tokens >= %d (or leave it unset) or thinking and receive long completions "
                        + "(%.0f%% over %d tokens); %.0f%% are single-turn without tools carried on; %.0f%% have all three",
                EventTraitsReader.HIGH_MAX_TOKENS, 100 * longCompletions, EventTraitsReader.LONG_COMPLETION,
                100 * singleShot, 100 * harvestShaped),
                examples.of(ExampleEvents.PARAMETERS));
        add(signals, "volume", volume, String.format(Locale.ROOT, "%.0f events per day", Math.pow(10, 4 * volume)),
                List.of());
        add(signals, "template_concentration", template, String.format(Locale.ROOT,
                "%.0f%% of prompts share one template (skeleton with numbers, names and quotes masked); "
                        + "%.0f%% of prompts are distinct", 100 * template, 100 * diversity),
                List.of());
        add(signals, "near_duplicate_prompts", nearDuplicate, String.format(Locale.ROOT,
                "%.0f%% of prompts nearly repeat the opening of a recent prompt (same template, wording varied)",
                100 * nearDuplicate), List.of());
        add(signals, "narrow_topic", narrow, String.format(Locale.ROOT,
                "%.0f%% of prompts are about %s: systematic coverage of one capability", 100 * narrow,
                Topics.name(narrowTopic)), List.of());
        add(signals, "template_stream", stream, String.format(Locale.ROOT,
                "one template stream on its own carries harvesting intent and parameters (stream risk %.2f)", stream),
                List.of());
        add(signals, "logit_extraction", extraction, String.format(Locale.ROOT,
                "%.0f%% of requests probe the output layer (logit_bias together with logprobs, a prompt repeated "
                        + "at temperature 0 under a logit_bias, or n far above normal)", 100 * extraction), examples.of(ExampleEvents.LOGIT));
        add(signals, "soft_label_distillation", softLabels, String.format(Locale.ROOT,
                "%.0f%% of answers were requested with the log-probabilities of their top alternatives for every "
                        + "token (soft labels for distillation)", 100 * softLabelRate),
                examples.of(ExampleEvents.LOGIT));
        add(signals, "response_leakage", leakage, String.format(Locale.ROOT,
                "%.0f%% of responses carried reasoning markup or the system prompt", 100 * leakage),
                examples.of(ExampleEvents.LEAK));
        add(signals, "refusal_probing", boundaryProbing, String.format(Locale.ROOT,
                "%.0f%% of answers opened with a refusal: borderline requests at volume map where the model "
                        + "draws its lines (ordinary customers: under %.0f%%)", 100 * refusalRate,
                100 * ORDINARY_REFUSALS),
                examples.of(ExampleEvents.REFUSED));
        add(signals, "machine_cadence", machineCadence, String.format(Locale.ROOT,
                "traffic runs around the clock (%.2f) or at regular intervals", aroundTheClock), List.of());
        add(signals, "provenance", Math.min(1, trust / TrustModel.MAX), String.format(Locale.ROOT,
                "trust factor %.2f from tier, account age, network and key turnover (1 = untrusted new self-serve)", trust),
                List.of());
        signals.sort(Comparator.comparingDouble(Signal::value).reversed());
        return signals;
    }

    private static void add(List<Signal> signals, String name, double value, String detail, List<String> examples) {
        if (value >= 0.05) {
            signals.add(new Signal(name, clamp(value), detail, examples));
        }
    }

    private static double streamRisk(TemplateCounter templates) {
        double best = 0;
        for (int i = 0; i < TemplateCounter.SLOTS; i++) {
            double count = templates.counts[i];
            if (count < CONFIDENCE_HALF) {
                continue;
            }
            double intent = templates.intent[i] / count;
            double harvest = templates.harvest[i] / count;
            // as for the whole profile, intent counts a little on its own and fully with the harvesting parameters
            // (half for asking for whole traces, half for receiving them): a grading or step-by-step template with
            // small budgets, answered briefly, is an evaluation pipeline or a tutoring app as often as a harvest
            double parameters = 0.5 * templates.budgets[i] / count + 0.5 * harvest;
            double risk = Math.max(intent * (0.3 + 0.7 * parameters), 0.75 * harvest)
                    * (count / (count + CONFIDENCE_HALF));
            best = Math.max(best, risk);
        }
        return best;
    }

    /**
     * How much of the day runs at the principal's working rate, once a day of traffic has been seen: the hours of
     * the day whose volume is at least a fifth of its busy hours' (the mean of its twelve busiest), 18 or fewer
     * giving 0 and all 24 giving 1.
     *
     * <p>Why not the evenness (entropy) of the whole histogram, as before: a service whose working day spans
     * midnight UTC (a customer in the Americas or Asia) and that sends a trickle in its quiet hours has every hour
     * of the day non-empty, and its entropy came close to a flat day's — more so when observation began on a
     * weekend, when the working hours are quiet too. What sets a machine apart is that its quiet hours are not
     * quiet.
     */
    private double aroundTheClock(BehaviourProfile p) {
        if (p.lastSecond - p.firstSecond < 20 * 3600 || p.events < 48) {
            return 0;
        }
        System.arraycopy(p.hours, 0, sortedHours, 0, 24);
        Arrays.sort(sortedHours);
        double busy = 0;
        for (int i = 12; i < 24; i++) {
            busy += sortedHours[i];
        }
        busy /= 12;
        if (busy <= 0) {
            return 0;
        }
        int working = 0;
        for (double h : sortedHours) {
            if (h >= 0.2 * busy) {
                working++;
            }
        }
        return clamp((working - 18) / 6.0);
    }

    /** Regular spacing: the inter-arrival coefficient of variation well below the 1 of random arrivals. */
    private static double regularity(BehaviourProfile p) {
        if (p.gaps < 20 || p.gapMean <= 0) {
            return 0;
        }
        double cv = Math.sqrt(p.gapM2 / (p.gaps - 1)) / p.gapMean;
        return clamp(1 - cv / 0.5);
    }

    static double noisyOr(double... parts) {
        double none = 1;
        for (double part : parts) {
            none *= 1 - clamp(part);
        }
        return 1 - none;
    }

    private static double rate(double count, double n) {
        return count / (n + 3);
    }

    static double clamp(double value) {
        return value < 0 ? 0 : value > 1 ? 1 : value;
    }
}
