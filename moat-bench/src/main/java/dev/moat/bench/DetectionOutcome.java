package dev.moat.bench;

import java.util.List;
import java.util.Map;

/**
 * What one benchmark run measured.
 *
 * @param scenario         the scenario's name
 * @param seed             the simulation seed
 * @param events           events generated and analysed
 * @param detectorNanos    CPU time of the analyser's thread inside {@code addOrg} and {@code accept}
 * @param campaigns        one line per campaign
 * @param benignOrgs       ordinary organisations in the run
 * @param benignByAction   ordinary organisations by the strongest outcome: flag, review, affected
 * @param affectedBenign   the ordinary organisations that were throttled, degraded or suspended, with their kind
 */
record DetectionOutcome(String scenario, long seed, long events, long detectorNanos, List<Campaign> campaigns,
                        int benignOrgs, Map<String, Integer> benignByAction, Map<String, String> affectedBenign,
                        Map<String, String> reviewedBenign) {

    /**
     * One campaign's result.
     *
     * @param harvestBeforeAction campaign exchanges served to accounts not (yet) subject to a
     *                            customer-affecting action, all its accounts together
     * @param harvestTotal        all of the campaign's exchanges
     */
    record Campaign(String id, String kind, int accounts, int accountsActioned, long harvestBeforeAction,
                    long harvestTotal) {

        boolean detected() {
            return accountsActioned > 0;
        }
    }

    double eventsPerSecond() {
        return detectorNanos == 0 ? 0 : events * 1e9 / detectorNanos;
    }
}
