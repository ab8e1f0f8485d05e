package dev.moat.bench;

import dev.moat.detect.Analyzer;
import dev.moat.detect.BenchmarkItems;
import dev.moat.detect.DetectorSettings;
import dev.moat.detect.SimulatedEvent;
import dev.moat.detect.SimulatedOrg;
import dev.moat.detect.Simulation;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs one simulation through the offline analyser and scores the report against the ground truth.
 *
 * <p>Organisations are registered with the analyser when they sign up (their {@code created_at} has
 * passed in simulated time), not all up front, so that no sign-up fact from the future is visible —
 * the same no-look-ahead rule the analyser follows for events. Events are generated in batches and
 * the analyser's work on each batch is measured in thread CPU time, so the throughput reported is
 * the analyser's alone and does not depend on what else the machine is doing.
 */
final class DetectionRun {

    /** Events generated ahead and then analysed, so that only the analyser's CPU time is measured. */
    private static final int BATCH = 10_000;

    private DetectionRun() {
    }

    static DetectionOutcome run(Simulation simulation, DetectorSettings settings, BenchmarkItems benchmarks) {
        Analyzer analyzer = new Analyzer(settings, benchmarks);
        Deque<SimulatedOrg> signUps = new ArrayDeque<>(simulation.orgs());
        Map<String, SimulatedOrg> orgs = new HashMap<>();
        simulation.orgs().forEach(org -> orgs.put(org.orgId(), org));
        Map<String, Map<String, IndexList>> harvestIndices = new HashMap<>();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<SimulatedEvent> batch = new ArrayList<>(BATCH);
        long nanos = 0;
        long index = 0;
        while (simulation.hasNext()) {
            batch.clear();
            while (batch.size() < BATCH && simulation.hasNext()) {
                SimulatedEvent simulated = simulation.next();
                batch.add(simulated);
                if (simulated.harvesting()) {
                    harvestIndices.computeIfAbsent(simulated.event().orgId(), id -> new HashMap<>())
                            .computeIfAbsent(simulated.event().keyId(), id -> new IndexList())
                            .add(index + batch.size() - 1);
                }
            }
            long begin = threads.getCurrentThreadCpuTime();
            for (SimulatedEvent simulated : batch) {
                Instant now = simulated.event().ts();
                while (!signUps.isEmpty() && !signUps.peekFirst().profile().createdAt().orElseThrow().isAfter(now)) {
                    analyzer.addOrg(signUps.pollFirst().profile());
                }
                analyzer.accept(simulated.event());
            }
            nanos += threads.getCurrentThreadCpuTime() - begin;
            index += batch.size();
        }
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        analyzer.report().writeJson(json);
        DetectionReport report = DetectionReport.parse(json.toByteArray());
        if (report.eventsProcessed() != index) {
            throw new IllegalStateException("the analyser reports " + report.eventsProcessed()
                    + " events processed, but " + index + " were fed");
        }
        return score(simulation, report, harvestIndices, index, nanos);
    }

    private static DetectionOutcome score(Simulation simulation, DetectionReport report,
                                          Map<String, Map<String, IndexList>> harvestIndices, long events,
                                          long nanos) {
        Map<String, List<SimulatedOrg>> campaigns = new LinkedHashMap<>();
        Map<String, Integer> benignByAction = new TreeMap<>(Map.of("flag", 0, "review", 0, "affected", 0));
        Map<String, String> affected = new TreeMap<>();
        Map<String, String> reviewed = new TreeMap<>();
        int benign = 0;
        for (SimulatedOrg org : simulation.orgs()) {
            if (org.campaignId().isPresent()) {
                campaigns.computeIfAbsent(org.campaignId().get(), id -> new ArrayList<>()).add(org);
                continue;
            }
            benign++;
            // an ordinary organisation counts as affected, reviewed or flagged if it or any of its keys was
            String action = report.strongestAction(org.orgId());
            if (report.affectedAnywhere(org.orgId())) {
                benignByAction.merge("affected", 1, Integer::sum);
                affected.put(org.orgId(), org.kind().label());
            } else if (action.equals("review")) {
                benignByAction.merge("review", 1, Integer::sum);
                reviewed.put(org.orgId(), org.kind().label());
            } else if (action.equals("flag")) {
                benignByAction.merge("flag", 1, Integer::sum);
            }
        }
        List<DetectionOutcome.Campaign> results = new ArrayList<>();
        for (Map.Entry<String, List<SimulatedOrg>> campaign : campaigns.entrySet()) {
            int actioned = 0;
            long before = 0;
            long total = 0;
            long firstAnywhere = campaign.getValue().stream()
                    .mapToLong(org -> firstActionOnHarvest(report, org.orgId(), harvestIndices)).min()
                    .orElse(Long.MAX_VALUE);
            long beforeFirst = 0;
            int active = 0;
            for (SimulatedOrg org : campaign.getValue()) {
                Map<String, IndexList> byKey = harvestIndices.getOrDefault(org.orgId(), Map.of());
                if (!byKey.isEmpty()) {
                    active++;
                    if (firstActionOnHarvest(report, org.orgId(), harvestIndices) < Long.MAX_VALUE) {
                        actioned++;
                    }
                }
                // a harvesting exchange counts as served unless its organisation or its key was already stopped
                for (Map.Entry<String, IndexList> key : byKey.entrySet()) {
                    IndexList indices = key.getValue();
                    before += indices.countBelow(report.firstActionOn(org.orgId(), key.getKey()));
                    beforeFirst += indices.countBelow(firstAnywhere);
                    total += indices.size();
                }
            }
            results.add(new DetectionOutcome.Campaign(campaign.getKey(), campaign.getValue().getFirst().kind().label(),
                    active, actioned, before, beforeFirst, total));
        }
        return new DetectionOutcome(simulation.scenario().name(), simulation.settings().seed(), events, nanos, results,
                benign, benignByAction, affected, reviewed);
    }

    /** The first action on the organisation or on any key it harvested through ({@code MAX_VALUE}: never). */
    private static long firstActionOnHarvest(DetectionReport report, String orgId,
                                             Map<String, Map<String, IndexList>> harvestIndices) {
        long first = report.outcome(orgId).firstActionEvent().orElse(Long.MAX_VALUE);
        for (String keyId : harvestIndices.getOrDefault(orgId, Map.of()).keySet()) {
            first = Math.min(first, report.firstActionOn(orgId, keyId));
        }
        return first;
    }

    /** A growable, ascending list of event indices. */
    private static final class IndexList {
        private long[] values = new long[16];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int size() {
            return size;
        }

        /** How many indices are below {@code limit}; the list is ascending, so a binary search. */
        long countBelow(long limit) {
            int position = Arrays.binarySearch(values, 0, size, limit);
            return position >= 0 ? position : -position - 1;
        }
    }
}
