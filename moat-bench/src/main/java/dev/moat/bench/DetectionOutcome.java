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
     * @param accounts                 the campaign's accounts that sent at least one exchange
     * @param accountsActioned         those of them that became subject to a customer-affecting action
     * @param harvestBeforeAction      campaign exchanges served to accounts not (yet) subject to a
     *                                 customer-affecting action, all its accounts together: what the
     *                                 campaign got away with
     * @param harvestBeforeFirstAction campaign exchanges, all accounts together, before the first
     *                                 customer-affecting action on any of its accounts
     * @param harvestTotal             all of the campaign's exchanges
     */
    record Campaign(String id, String kind, int accounts, int accountsActioned, long harvestBeforeAction,
                    long harvestBeforeFirstAction, long harvestTotal) {

        boolean detected() {
            return accountsActioned > 0;
        }
    }

    double eventsPerSecond() {
        return detectorNanos == 0 ? 0 : events * 1e9 / detectorNanos;
    }
}
