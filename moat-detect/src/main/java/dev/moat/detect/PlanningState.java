package dev.moat.detect;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * What the planning of one scenario accumulates and draws from: the planning random generator (seeded once, so a
 * seed fixes every parameter of every organisation), the organisations and traffic sources planned so far, the
 * identifiers handed out and the number of campaigns of each kind.
 */
final class PlanningState {

    final PromptSource prompts;
    final long seed;
    final long start;
    final long end;
    final SplittableRandom random;
    final List<SimulatedOrg> orgs = new ArrayList<>();
    final List<TrafficSource> sources = new ArrayList<>();
    final Set<String> ids = new HashSet<>();
    final Map<ScenarioKind, Integer> campaigns = new EnumMap<>(ScenarioKind.class);

    PlanningState(PromptSource prompts, long seed, Instant start, long durationMillis) {
        this.prompts = prompts;
        this.seed = seed;
        this.start = start.toEpochMilli();
        this.end = this.start + durationMillis;
        this.random = new SplittableRandom(TrafficSource.mix(seed));
    }
}
