package dev.moat.detect;

import java.time.Instant;
import java.util.List;

/**
 * What the detector keeps about one API key of an organisation: a fixed-size behaviour profile of the
 * key's traffic, a drift profile of its traffic from infrastructure outside the organisation's baseline,
 * example events and the key's own action.
 *
 * <p>Why keys are judged apart from their organisation: a leaked or resold key inside an honest
 * organisation is diluted in the organisation's totals (its other keys are ordinary) and, when the
 * organisation is a trusted partner, discounted by its trust. The key's own profile is not diluted, and
 * its drift profile judges a stranger's traffic as a stranger's. Stopping the key leaves the
 * organisation's other keys running. The organisation's trust still applies to the key's own-baseline
 * traffic: a key is part of its organisation, not a new customer.
 */
final class KeyState {

    /** At most this many keys per organisation have state; the least recently active one makes room. */
    static final int MAX_PER_ORG = 64;

    final String id;
    final String orgId;
    final BehaviourProfile behaviour = new BehaviourProfile();
    /** Traffic on this key from outside the organisation's infrastructure baseline; lazily made. */
    BehaviourProfile drift;
    final ExampleEvents examples = new ExampleEvents();
    long events;
    long lastSecond;
    double risk;
    double driftRisk;
    /** The larger of its own and its drift profile's risk at full confidence (how harvest-like its traffic is). */
    double shapeRisk;
    /** The key's own action, from its own signals; sticky once at throttle or above. */
    Action action = Action.NONE;
    long firstActionEvent = -1;
    Instant firstActionTs;
    double peakRisk;
    List<Signal> peakSignals;
    final UnreviewedHarvest unreviewed = new UnreviewedHarvest();
    final ToolCallFollowUps toolCalls = new ToolCallFollowUps();

    KeyState(String id, String orgId) {
        this.id = id;
        this.orgId = orgId;
    }

    double ownRisk() {
        return Math.max(risk, driftRisk);
    }
}
