package dev.moat.server;

import dev.moat.policy.CredentialSharingMonitor;
import dev.moat.policy.NetworkIntelligence;
import dev.moat.policy.NetworkSources;
import dev.moat.policy.Policy;
import dev.moat.policy.PolicyConfigurationException;
import dev.moat.policy.PolicySettings;
import dev.moat.policy.SharingAction;
import dev.moat.policy.SharingSettings;
import dev.moat.policy.SharingSignalKind;
import dev.moat.server.config.ConfigException;
import dev.moat.server.config.MoatConfig;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Builds the policy engine's objects from Moat's configuration. */
final class PolicyWiring {

    private PolicyWiring() {
    }

    static NetworkIntelligence network(MoatConfig.Network network) {
        try {
            return NetworkIntelligence.load(new NetworkSources(network.geoip(), network.hosting(), network.vpn(), network.tor()));
        } catch (RuntimeException e) {
            throw new ConfigException("network: " + e.getMessage(), e);
        }
    }

    static Policy policy(MoatConfig.Policy policy) {
        Map<String, PolicySettings.TierSettings> tiers = new LinkedHashMap<>();
        policy.tiers().forEach((tier, settings) ->
                tiers.put(tier, new PolicySettings.TierSettings(settings.networks(), settings.groupActions())));
        PolicySettings settings = new PolicySettings(policy.profile(), policy.networks(), policy.groups(), policy.groupActions(),
                tiers, policy.rules().stream()
                .map(rule -> new PolicySettings.RuleSettings(rule.name(), rule.when(), rule.action(), rule.message()))
                .toList());
        try {
            return Policy.compile(settings);
        } catch (PolicyConfigurationException | IllegalArgumentException e) {
            throw new ConfigException("policy: " + e.getMessage(), e);
        }
    }

    static CredentialSharingMonitor sharing(MoatConfig.Policy config, Policy policy) {
        SharingSettings settings = SharingSettings.defaults();
        for (Map.Entry<String, String> entry : config.credentialSharing().entrySet()) {
            settings = settings.withAction(SharingSignalKind.valueOf(entry.getKey().toUpperCase(Locale.ROOT)),
                    SharingAction.fromLabel(entry.getValue()).orElseThrow());
        }
        return CredentialSharingMonitor.forPolicy(settings, policy);
    }
}
