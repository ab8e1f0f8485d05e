package dev.moat.detect;

import java.util.Objects;
import java.util.Optional;

/**
 * One generated event with its ground truth.
 *
 * @param event      the event as the gateway would record it
 * @param campaignId the campaign this exchange belongs to; empty for ordinary customers' traffic, also
 *                   inside an organisation that mixes both (a reseller, a partner whose key leaked)
 */
public record SimulatedEvent(UsageEvent event, Optional<String> campaignId) {

    public SimulatedEvent {
        Objects.requireNonNull(event, "event");
        campaignId = campaignId == null ? Optional.empty() : campaignId;
    }

    public boolean harvesting() {
        return campaignId.isPresent();
    }
}
