package dev.moat.policy;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A named set of places: ISO 3166-1 alpha-2 countries ({@code CU}) and ISO 3166-2 subdivisions
 * ({@code UA-43}). A subdivision member only matches when the geo data reports subdivisions, which
 * country-level databases never do.
 *
 * @param name        how settings and rules refer to the group
 * @param members     upper-case country and subdivision codes
 * @param description what the group is and where its list comes from
 */
public record CountryGroup(String name, Set<String> members, String description) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]*");
    private static final Pattern MEMBER = Pattern.compile("[A-Z]{2}(-[A-Z0-9]{1,3})?");

    public CountryGroup {
        if (!NAME.matcher(name).matches()) {
            throw new PolicyConfigurationException(
                    "policy.groups: group name '%s' (expected: lower case letters, digits, '-' or '_', starting with a letter)".formatted(name));
        }
        Set<String> normalised = new TreeSet<>();
        for (String member : members) {
            String code = member.strip().toUpperCase(Locale.ROOT);
            if (!MEMBER.matcher(code).matches()) {
                throw new PolicyConfigurationException(
                        "policy.groups.%s: '%s' (expected: an ISO 3166-1 alpha-2 country code such as IR, or an ISO 3166-2 subdivision such as UA-43)"
                                .formatted(name, member));
            }
            normalised.add(code);
        }
        members = Set.copyOf(normalised);
    }

    public boolean contains(GeoLocation location) {
        return members.contains(location.country())
                || location.subdivision().isPresent() && members.contains(location.subdivision().get());
    }
}
