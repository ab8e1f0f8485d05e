package dev.moat.policy;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A built-in starting point for a policy: named country groups and the action each one gets unless the
 * operator says otherwise. Every network kind defaults to {@code allow}; operators choose network actions.
 *
 * <h2>{@code us-export}</h2>
 * The groups of the US Export Administration Regulations and OFAC's comprehensive sanctions programmes, as
 * listed in docs/policy.md with the source and date of each list:
 * <ul>
 *   <li>{@code embargoed} — comprehensive embargoes: Cuba, Iran, North Korea, Syria and the occupied
 *       Crimea (UA-43, and Sevastopol UA-40), Donetsk (UA-14) and Luhansk (UA-09) regions of Ukraine
 *       (15 CFR 746; OFAC). The regions only match with a geo database that reports subdivisions; a
 *       country-level database places those addresses in UA (or RU) and cannot tell them apart. — deny</li>
 *   <li>{@code d5} — Country Group D:5, US arms-embargoed countries (15 CFR Part 740 Supplement No. 1). — deny</li>
 *   <li>{@code macau} — Macau, named beside D:5 by the advanced-computing and AI rules. — deny</li>
 *   <li>{@code e1} — Country Group E:1, terrorist-supporting countries. — allow (covered by {@code embargoed})</li>
 *   <li>{@code e2} — Country Group E:2, unilateral embargo. — allow (covered by {@code embargoed})</li>
 * </ul>
 * E:1 and E:2 default to allow only because every member is already denied through {@code embargoed};
 * they exist so that rules and group actions can name them.
 *
 * <h2>{@code none}</h2>
 * No groups: every country is allowed unless the operator's own groups or rules say otherwise.
 */
public record PolicyProfile(String name, List<CountryGroup> groups, Map<String, Action> groupActions) {

    /** The date the us-export lists were last checked against their sources. */
    public static final String US_EXPORT_LISTS_AS_OF = "2026-11-27";

    private static final PolicyProfile US_EXPORT = usExport();
    private static final PolicyProfile NONE = new PolicyProfile("none", List.of(), Map.of());

    public PolicyProfile {
        groups = List.copyOf(groups);
        groupActions = Map.copyOf(groupActions);
    }

    public static Optional<PolicyProfile> named(String name) {
        return switch (name) {
            case "us-export" -> Optional.of(US_EXPORT);
            case "none" -> Optional.of(NONE);
            default -> Optional.empty();
        };
    }

    public static List<String> names() {
        return List.of("us-export", "none");
    }

    public Map<Network, Action> networkActions() {
        Map<Network, Action> actions = new EnumMap<>(Network.class);
        for (Network network : Network.values()) {
            actions.put(network, Action.ALLOW);
        }
        return actions;
    }

    private static PolicyProfile usExport() {
        CountryGroup embargoed = new CountryGroup("embargoed",
                Set.of("CU", "IR", "KP", "SY", "UA-43", "UA-40", "UA-14", "UA-09"),
                "Comprehensive embargoes: Cuba, Iran, North Korea, Syria; occupied Crimea, Sevastopol, Donetsk and Luhansk "
                        + "(15 CFR 746.2, 746.6, 746.7, 746.8, 746.9; OFAC CACR, ITSR, NKSR, EO 14065)");
        CountryGroup d5 = new CountryGroup("d5",
                Set.of("AF", "BY", "MM", "CF", "CN", "CD", "CU", "CY", "ER", "HT", "IR", "IQ", "KP", "LB", "LY", "NI",
                        "RU", "SO", "SS", "SD", "SY", "VE", "ZW"),
                "Country Group D:5, US arms embargoed countries (15 CFR Part 740 Supplement No. 1; mirrors 22 CFR 126.1)");
        CountryGroup macau = new CountryGroup("macau", Set.of("MO"),
                "Macau, restricted together with D:5 by the advanced computing and AI export rules (15 CFR 742.6, 744.23)");
        CountryGroup e1 = new CountryGroup("e1", Set.of("IR", "KP", "SY"),
                "Country Group E:1, terrorist supporting countries (15 CFR Part 740 Supplement No. 1)");
        CountryGroup e2 = new CountryGroup("e2", Set.of("CU"),
                "Country Group E:2, unilateral embargo (15 CFR Part 740 Supplement No. 1)");
        Map<String, Action> actions = new LinkedHashMap<>();
        actions.put("embargoed", Action.DENY);
        actions.put("d5", Action.DENY);
        actions.put("macau", Action.DENY);
        actions.put("e1", Action.ALLOW);
        actions.put("e2", Action.ALLOW);
        return new PolicyProfile("us-export", List.of(embargoed, d5, macau, e1, e2), actions);
    }
}
