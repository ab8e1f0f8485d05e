package dev.moat.policy;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The compiled jurisdiction and network policy: {@link #decide(RequestFacts)} for every request.
 *
 * <h2>How a decision is made</h2>
 * <ol>
 *   <li>The organisation's tier selects the action tables: the profile's defaults, overridden by
 *       {@code networks} and {@code group_actions}, overridden again by {@code tiers.<tier>}.</li>
 *   <li>Country: every group holding the request's country (or, with a city database, its subdivision)
 *       gives its action; the strictest wins, the first such group in profile-then-operator order is named.</li>
 *   <li>Network: the action for the network kind.</li>
 *   <li>The stricter of the two is the baseline; on a tie the country decides (its reason is the legal one).</li>
 *   <li>Rules, in order. The first matching {@code allow} or {@code deny} rule decides and ends evaluation,
 *       overriding the baseline (an {@code allow} rule is an explicit exemption, e.g. for a licensed
 *       organisation). A matching {@code review} rule marks the request for review and evaluation goes on.
 *       A rule whose evaluation fails denies with {@code policy_denied} and is counted.</li>
 *   <li>Otherwise the baseline, raised to {@code review} if a review rule matched.</li>
 * </ol>
 *
 * <p>Immutable and thread-safe; compile once at start-up (or on configuration change) and share.
 */
public final class Policy {

    private final String profileName;
    private final List<CountryGroup> groups;
    private final Map<String, List<CountryGroup>> groupsByMember;
    private final Map<String, List<String>> groupNamesByMember;
    private final ActionTable baseTable;
    private final Map<String, ActionTable> tierTables;
    private final List<CompiledRule> rules;
    private final Map<String, String> regionMessages;

    private Policy(String profileName, List<CountryGroup> groups, ActionTable baseTable, Map<String, ActionTable> tierTables,
                   List<CompiledRule> rules) {
        this.profileName = profileName;
        this.groups = List.copyOf(groups);
        this.baseTable = baseTable;
        this.tierTables = Map.copyOf(tierTables);
        this.rules = List.copyOf(rules);
        Map<String, List<CountryGroup>> byMember = new HashMap<>();
        for (CountryGroup group : groups) {
            for (String member : group.members()) {
                byMember.computeIfAbsent(member, m -> new ArrayList<>()).add(group);
            }
        }
        Map<String, List<CountryGroup>> frozen = new HashMap<>();
        Map<String, List<String>> names = new HashMap<>();
        byMember.forEach((member, list) -> {
            frozen.put(member, List.copyOf(list));
            names.put(member, list.stream().map(CountryGroup::name).toList());
        });
        this.groupsByMember = Map.copyOf(frozen);
        this.groupNamesByMember = Map.copyOf(names);
        List<CountryGroup> profileGroups = PolicyProfile.named(profileName).map(PolicyProfile::groups).orElse(List.of());
        Map<String, String> messages = new HashMap<>();
        for (CountryGroup group : groups) {
            // Operator group names may be internal ("watch-list"), so only the published profile is named.
            messages.put(group.name(), profileGroups.contains(group)
                    ? "Requests from your location are not permitted under the service's " + profileName + " policy."
                    : "Requests from your location are not permitted by the service's regional access policy.");
        }
        this.regionMessages = Map.copyOf(messages);
    }

    /** Validates and compiles the settings; throws {@link PolicyConfigurationException} naming what is wrong. */
    public static Policy compile(PolicySettings settings) {
        PolicyProfile profile = PolicyProfile.named(settings.profile()).orElseThrow(() -> new PolicyConfigurationException(
                "policy.profile: '%s' (expected one of: %s)".formatted(settings.profile(), String.join(", ", PolicyProfile.names()))));
        List<CountryGroup> groups = new ArrayList<>(profile.groups());
        Map<String, Action> groupDefaults = new LinkedHashMap<>();
        profile.groups().forEach(group -> groupDefaults.put(group.name(), profile.groupActions().getOrDefault(group.name(), Action.ALLOW)));
        settings.groups().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            if (groupDefaults.containsKey(entry.getKey())) {
                throw new PolicyConfigurationException("policy.groups: '%s' is already a group of profile %s (expected: a new name)"
                        .formatted(entry.getKey(), profile.name()));
            }
            groups.add(new CountryGroup(entry.getKey(), Set.copyOf(entry.getValue()), "operator-defined group"));
            groupDefaults.put(entry.getKey(), Action.ALLOW);
        });

        ActionTable base = new ActionTable(groupDefaults, profile.networkActions())
                .overriddenBy("policy", settings.networks(), settings.groupActions());
        Map<String, ActionTable> tiers = new HashMap<>();
        settings.tiers().forEach((tier, overrides) ->
                tiers.put(tier, base.overriddenBy("policy.tiers." + tier, overrides.networks(), overrides.groupActions())));

        List<CompiledRule> rules = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < settings.rules().size(); i++) {
            PolicySettings.RuleSettings rule = settings.rules().get(i);
            if (rule.name() == null || rule.name().isBlank() || !names.add(rule.name())) {
                throw new PolicyConfigurationException("policy.rules[%d]: name '%s' (expected: a unique, non-empty name)".formatted(i, rule.name()));
            }
            rules.add(CompiledRule.compile(i, rule));
        }
        return new Policy(profile.name(), groups, base, tiers, rules);
    }

    public PolicyDecision decide(RequestFacts facts) {
        ActionTable table = tierTables.getOrDefault(facts.organisation().tier(), baseTable);
        List<String> reasons = new ArrayList<>(4);

        CountryGroup decidingGroup = null;
        Action countryAction = Action.ALLOW;
        Optional<GeoLocation> location = facts.client().location();
        List<CountryGroup> matched = location.isEmpty() ? List.of() : groupsOf(location.get());
        for (CountryGroup group : matched) {
            Action action = table.groupActions().get(group.name());
            if (action == Action.ALLOW) {
                continue;
            }
            GeoLocation place = location.get();
            // Plain concatenation: String.format costs more than the rest of the decision.
            reasons.add(group.members().contains(place.country())
                    ? "country " + place.country() + " is in group " + group.name() + " (" + action.label() + ")"
                    : "region " + place.subdivision().orElse("") + " is in group " + group.name() + " (" + action.label() + ")");
            if (action.isStricterThan(countryAction)) {
                countryAction = action;
                decidingGroup = group;
            }
        }

        Network network = facts.client().network();
        Action networkAction = table.networkActions().get(network);
        if (networkAction != Action.ALLOW) {
            reasons.add("network " + network.label()
                    + facts.client().matchedRange().map(range -> " via listed range " + range).orElse("")
                    + " (" + networkAction.label() + ")");
        }

        Action baseline;
        String decidedBy;
        Optional<DenialCode> code;
        String message;
        if (countryAction != Action.ALLOW && !networkAction.isStricterThan(countryAction)) {
            baseline = countryAction;
            decidedBy = "group:" + decidingGroup.name();
            code = Optional.of(DenialCode.REGION_RESTRICTED);
            message = regionMessage(decidingGroup);
        } else if (networkAction != Action.ALLOW) {
            baseline = networkAction;
            decidedBy = "network:" + network.label();
            code = Optional.of(DenialCode.NETWORK_RESTRICTED);
            message = networkMessage(network);
        } else {
            baseline = Action.ALLOW;
            decidedBy = "default";
            code = Optional.empty();
            message = "";
        }

        if (!rules.isEmpty()) {
            var attributes = new RuleAttributes.Inputs(facts, requestGroupNames(location),
                    groupNamesOf(facts.organisation().country()));
            CompiledRule reviewRule = null;
            for (CompiledRule rule : rules) {
                boolean matches;
                try {
                    matches = rule.matches(attributes);
                } catch (CompiledRule.RuleEvaluationException e) {
                    reasons.add("rule " + rule.name() + " failed to evaluate, denying: " + e.getMessage());
                    return new PolicyDecision(Action.DENY, Optional.of(DenialCode.POLICY_DENIED), "rule:" + rule.name(),
                            "This request is not permitted by the service's access policy.", reasons);
                }
                if (!matches) {
                    continue;
                }
                reasons.add("rule " + rule.name() + " matched (" + rule.action().label() + ")");
                if (rule.action() == Action.REVIEW) {
                    reviewRule = reviewRule == null ? rule : reviewRule;
                    continue;
                }
                return new PolicyDecision(rule.action(), rule.action() == Action.DENY ? Optional.of(DenialCode.POLICY_DENIED) : Optional.empty(),
                        "rule:" + rule.name(), rule.action() == Action.DENY ? ruleMessage(rule) : "", reasons);
            }
            if (reviewRule != null && baseline == Action.ALLOW) {
                return new PolicyDecision(Action.REVIEW, Optional.empty(), "rule:" + reviewRule.name(), "", reasons);
            }
        }
        if (baseline != Action.DENY) {
            code = Optional.empty();
            message = "";
        }
        return new PolicyDecision(baseline, code, decidedBy, message, reasons);
    }

    /** The names of the groups holding a country or subdivision code (for example {@code ["d5", "embargoed", "e2"]} for CU). */
    public List<String> groupNamesOf(String code) {
        return groupNamesByMember.getOrDefault(code, List.of());
    }

    /** The names of the groups holding a location, by country or subdivision. */
    public List<String> groupNamesOf(GeoLocation location) {
        return groupsOf(location).stream().map(CountryGroup::name).toList();
    }

    /** The groups whose action (for organisations without a tier override) is review or deny and that hold the location. */
    public List<String> restrictedGroupsOf(GeoLocation location) {
        return groupsOf(location).stream().filter(group -> baseTable.groupActions().get(group.name()) != Action.ALLOW)
                .map(CountryGroup::name).toList();
    }

    public List<CountryGroup> groups() {
        return groups;
    }

    public String profileName() {
        return profileName;
    }

    /** Evaluation failures per rule name since start: each one denied a request. */
    public Map<String, Long> ruleEvaluationErrors() {
        Map<String, Long> errors = new LinkedHashMap<>();
        rules.forEach(rule -> errors.put(rule.name(), rule.evaluationErrors()));
        return errors;
    }

    /** All evaluation failures since start. */
    public long totalRuleEvaluationErrors() {
        return rules.stream().mapToLong(CompiledRule::evaluationErrors).sum();
    }

    private List<CountryGroup> groupsOf(GeoLocation location) {
        List<CountryGroup> byCountry = groupsByMember.getOrDefault(location.country(), List.of());
        if (location.subdivision().isEmpty()) {
            return byCountry;
        }
        List<CountryGroup> bySubdivision = groupsByMember.getOrDefault(location.subdivision().get(), List.of());
        if (bySubdivision.isEmpty()) {
            return byCountry;
        }
        List<CountryGroup> all = new ArrayList<>(byCountry);
        bySubdivision.stream().filter(group -> !all.contains(group)).forEach(all::add);
        return all;
    }

    private List<String> requestGroupNames(Optional<GeoLocation> location) {
        if (location.isEmpty()) {
            return List.of();
        }
        return location.get().subdivision().isEmpty() ? groupNamesOf(location.get().country()) : groupNamesOf(location.get());
    }

    private String regionMessage(CountryGroup group) {
        return regionMessages.get(group.name());
    }

    private static String networkMessage(Network network) {
        return switch (network) {
            case TOR -> "Requests through Tor are not permitted by the service's network policy.";
            case VPN -> "Requests through VPN services are not permitted by the service's network policy.";
            case HOSTING -> "Requests from hosting or datacenter networks are not permitted by the service's network policy.";
            case RESIDENTIAL, UNKNOWN -> "Requests from your network are not permitted by the service's network policy.";
        };
    }

    private static String ruleMessage(CompiledRule rule) {
        return rule.message().isEmpty() ? "This request is not permitted by the service's access policy." : rule.message();
    }

    /** The action for every group and network kind, as it applies to one tier. */
    private record ActionTable(Map<String, Action> groupActions, Map<Network, Action> networkActions) {

        ActionTable {
            groupActions = Map.copyOf(groupActions);
            networkActions = new EnumMap<>(networkActions);
        }

        ActionTable overriddenBy(String where, Map<String, String> networks, Map<String, String> groups) {
            Map<Network, Action> nextNetworks = new EnumMap<>(networkActions);
            networks.forEach((label, action) -> nextNetworks.put(
                    Network.fromLabel(label).orElseThrow(() -> new PolicyConfigurationException(
                            "%s.networks: '%s' is not a network kind (expected: tor, vpn, hosting, residential or unknown)".formatted(where, label))),
                    actionOf(where + ".networks." + label, action)));
            Map<String, Action> nextGroups = new HashMap<>(groupActions);
            groups.forEach((group, action) -> {
                if (!groupActions.containsKey(group)) {
                    throw new PolicyConfigurationException("%s.group_actions: '%s' is not a group (expected one of: %s)"
                            .formatted(where, group, String.join(", ", new TreeSet<>(groupActions.keySet()))));
                }
                nextGroups.put(group, actionOf(where + ".group_actions." + group, action));
            });
            return new ActionTable(nextGroups, nextNetworks);
        }

        private static Action actionOf(String where, String label) {
            return Action.fromLabel(label).orElseThrow(() -> new PolicyConfigurationException(
                    "%s: '%s' (expected: allow, review or deny)".formatted(where, label)));
        }
    }
}
