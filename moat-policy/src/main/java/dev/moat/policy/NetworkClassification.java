package dev.moat.policy;

import java.util.Optional;

/**
 * What network intelligence knows about one address.
 *
 * @param address      the address that was classified
 * @param location     the country (and subdivision, with a city database) the geo data gives, if any
 * @param network      the kind of network
 * @param matchedRange the listed range that made the network {@code tor}, {@code vpn} or {@code hosting}
 */
public record NetworkClassification(IpAddress address, Optional<GeoLocation> location, Network network,
                                    Optional<CidrRange> matchedRange) {

    /** The country used when the geo data cannot place an address, in rules and usage events. */
    public static final String UNKNOWN_COUNTRY = "unknown";

    public static NetworkClassification unknown(IpAddress address) {
        return new NetworkClassification(address, Optional.empty(), Network.UNKNOWN, Optional.empty());
    }

    public Optional<String> country() {
        return location.map(GeoLocation::country);
    }

    /** The ISO country code, or {@value #UNKNOWN_COUNTRY}. */
    public String countryOrUnknown() {
        return location.isPresent() ? location.get().country() : UNKNOWN_COUNTRY;
    }
}
