package dev.moat.detect;

import java.util.Objects;
import java.util.Optional;

/**
 * A generated organisation with its ground-truth label.
 *
 * @param profile    its sign-up facts, as written to the organisation file
 * @param kind       the scenario kind that produced it
 * @param campaignId the campaign it belongs to or serves; empty for an ordinary organisation
 * @param mixed      whether its traffic mixes ordinary and campaign exchanges (a reseller, a partner whose
 *                   key leaked): then only the events labelled with the campaign are harvesting
 */
public record SimulatedOrg(OrgProfile profile, ScenarioKind kind, Optional<String> campaignId, boolean mixed) {

    public SimulatedOrg {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(kind, "kind");
        campaignId = campaignId == null ? Optional.empty() : campaignId;
        if (kind.campaign() != campaignId.isPresent()) {
            throw new IllegalArgumentException("campaignId: " + campaignId + " for kind " + kind
                    + " (expected: a campaign id exactly for campaign kinds)");
        }
    }

    public String orgId() {
        return profile.orgId();
    }

    public boolean benign() {
        return campaignId.isEmpty();
    }
}
