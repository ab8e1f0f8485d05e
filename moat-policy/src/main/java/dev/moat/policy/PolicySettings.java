package dev.moat.policy;

import java.util.List;
import java.util.Map;

/**
 * The {@code policy:} configuration section as plain values, exactly as written (names and action labels
 * as strings); {@link Policy#compile(PolicySettings)} validates them.
 *
 * <pre>{@code
 * policy:
 *   profile: us-export                          # us-export | none
 *   networks: {tor: deny, vpn: review}          # network kind -> action; unset kinds: allow
 *   groups: {partners-eu: [DE, FR, NL]}         # operator-defined groups: name -> ISO codes
 *   group_actions: {partners-eu: allow, d5: review}   # group -> action; overrides the profile's
 *   tiers:                                      # per organisation tier: overrides of the two maps above
 *     enterprise: {networks: {vpn: allow}, group_actions: {}}
 *   rules:                                      # CEL rules, in order
 *     - {name: …, when: '…', action: deny, message: '…'}
 * }</pre>
 */
public record PolicySettings(String profile, Map<String, String> networks, Map<String, List<String>> groups,
                             Map<String, String> groupActions, Map<String, TierSettings> tiers, List<RuleSettings> rules) {

    public PolicySettings {
        networks = Map.copyOf(networks);
        groups = Map.copyOf(groups);
        groupActions = Map.copyOf(groupActions);
        tiers = Map.copyOf(tiers);
        rules = List.copyOf(rules);
    }

    /** The given profile's defaults and nothing else. */
    public static PolicySettings ofProfile(String profile) {
        return new PolicySettings(profile, Map.of(), Map.of(), Map.of(), Map.of(), List.of());
    }

    /** Overrides for organisations of one tier. */
    public record TierSettings(Map<String, String> networks, Map<String, String> groupActions) {
        public TierSettings {
            networks = Map.copyOf(networks);
            groupActions = Map.copyOf(groupActions);
        }
    }

    /**
     * One operator rule.
     *
     * @param name    unique; appears in decisions, metrics and errors
     * @param when    a CEL expression over the attributes in docs/policy.md, yielding a bool
     * @param action  allow | review | deny
     * @param message shown to the client when the rule denies; empty for a generic message
     */
    public record RuleSettings(String name, String when, String action, String message) {
    }
}
