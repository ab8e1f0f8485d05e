package dev.moat.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * A cluster of linked organisations: its members, the sum of their behaviour profiles (scored as one
 * principal), and its action, which every member carries and every new member inherits.
 */
final class ClusterState {

    final String id;
    final List<OrgState> members = new ArrayList<>();
    BehaviourProfile aggregate = new BehaviourProfile();
    private double trustSum;
    private double trustWeight;
    double risk;
    /** Sticky once at throttle or above, like an organisation's own action. */
    Action action = Action.NONE;
    long firstActionEvent = -1;
    String strongestLink = "";
    /** Harvest-like exchanges of all members while the cluster stood at review. */
    final UnreviewedHarvest unreviewed = new UnreviewedHarvest();

    ClusterState(String id) {
        this.id = id;
    }

    /** Event-weighted mean trust of the members. */
    double trust() {
        return trustWeight == 0 ? TrustModel.UNKNOWN : trustSum / trustWeight;
    }

    void addTrust(double trust, double weight) {
        trustSum += trust * weight;
        trustWeight += weight;
    }

    void absorb(ClusterState other) {
        members.addAll(other.members);
        aggregate.addAll(other.aggregate);
        trustSum += other.trustSum;
        trustWeight += other.trustWeight;
        action = action.atLeast(other.action);
        if (other.firstActionEvent >= 0 && (firstActionEvent < 0 || other.firstActionEvent < firstActionEvent)) {
            firstActionEvent = other.firstActionEvent;
        }
    }

    void addMember(OrgState org) {
        members.add(org);
        aggregate.addAll(org.behaviour);
        addTrust(org.trust, org.behaviour.events + 1);
    }

    void rebuildAggregate() {
        aggregate = new BehaviourProfile();
        trustSum = 0;
        trustWeight = 0;
        for (OrgState member : members) {
            aggregate.addAll(member.behaviour);
            addTrust(member.trust, member.behaviour.events + 1);
        }
    }

    List<String> memberIds() {
        List<String> ids = new ArrayList<>(members.size());
        for (OrgState member : members) {
            ids.add(member.id);
        }
        ids.sort(null);
        return ids;
    }
}
