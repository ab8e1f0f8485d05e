package dev.moat.server.gateway;

import dev.moat.detect.Decision;
import dev.moat.policy.CredentialSharingMonitor;
import dev.moat.policy.IpAddress;
import dev.moat.policy.NetworkClassification;
import dev.moat.policy.NetworkIntelligence;
import dev.moat.policy.Policy;
import dev.moat.policy.PolicyDecision;
import dev.moat.policy.RequestFacts;
import dev.moat.policy.SharingSignal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Jurisdiction and network policy on every request: where the request really comes from (country,
 * hosting/VPN/Tor), the organisation's country and tier, the country groups and the operator's
 * rules decide allow, review (allowed, and an analyst is alerted) or deny with
 * {@code region_restricted}, {@code network_restricted} or {@code policy_denied}. The same request
 * feeds the credential-sharing monitor, whose signals go to {@code onSharingSignal}.
 */
public final class PolicyStage implements Stage {

    private final NetworkIntelligence network;
    private final Policy policy;
    private final CredentialSharingMonitor sharing;
    private final Consumer<SharingSignal> onSharingSignal;
    private final Consumer<Call> onReview;

    public PolicyStage(NetworkIntelligence network, Policy policy, CredentialSharingMonitor sharing,
                       Consumer<SharingSignal> onSharingSignal, Consumer<Call> onReview) {
        this.network = network;
        this.policy = policy;
        this.sharing = sharing;
        this.onSharingSignal = onSharingSignal;
        this.onReview = onReview;
    }

    @Override
    public Optional<GatewayError> apply(Call call) {
        NetworkClassification client = IpAddress.parse(call.clientIp)
                .map(network::classify)
                .orElseGet(() -> NetworkClassification.unknown(IpAddress.ofIpv4(0)));
        call.country = client.countryOrUnknown();
        call.network = client.network().label();
        Instant now = Instant.now();
        RequestFacts facts = new RequestFacts(client, call.facts.model(), call.dialect.api().wireName(),
                new RequestFacts.Organisation(call.org.id(), call.org.country(), call.org.tier(), call.org.status().wireName(),
                        Duration.between(call.org.createdAt(), now).toDays()),
                new RequestFacts.Key(call.key.id(), Duration.between(call.key.createdAt(), now).toDays()),
                now);
        PolicyDecision decision = policy.decide(facts);
        for (SharingSignal signal : sharing.observe(call.key.id(), now, client, call.userAgent())) {
            onSharingSignal.accept(signal);
        }
        if (decision.denied()) {
            call.decision = new Decision("deny", reasons(decision), Optional.of(decision.code().orElseThrow().wireName()));
            return Optional.of(GatewayError.forbidden(decision.code().orElseThrow().wireName(), decision.clientMessage()));
        }
        if (decision.action() == dev.moat.policy.Action.REVIEW) {
            call.decision = new Decision("review", reasons(decision), Optional.empty());
            onReview.accept(call);
        }
        return Optional.empty();
    }

    private static List<String> reasons(PolicyDecision decision) {
        return decision.reasons().isEmpty() ? List.of(decision.decidedBy()) : decision.reasons();
    }
}
