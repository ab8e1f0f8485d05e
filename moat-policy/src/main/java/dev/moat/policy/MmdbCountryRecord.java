package dev.moat.policy;

import com.maxmind.db.MaxMindDbConstructor;
import com.maxmind.db.MaxMindDbParameter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The decoding target for one MaxMind DB record; the reader decodes only the fields named here. Listing
 * a database's networks (which is how the lookup tables are built) decodes a fresh instance per network,
 * so the tables keep one {@link GeoLocation} per distinct location rather than these objects. It is public
 * only because the reader constructs it reflectively from another package; callers use
 * {@link GeoDatabase#locate(IpAddress)}.
 */
public final class MmdbCountryRecord {

    private final Optional<GeoLocation> location;

    @MaxMindDbConstructor
    public MmdbCountryRecord(
            @MaxMindDbParameter(name = "country_code") String countryCode,
            @MaxMindDbParameter(name = "country") Map<String, Object> country,
            @MaxMindDbParameter(name = "registered_country") Map<String, Object> registeredCountry,
            // List<Object>, not List<Map<…>>: the decoder cannot build lists of parameterised element types.
            @MaxMindDbParameter(name = "subdivisions") List<Object> subdivisions) {
        Optional<String> code = isoCode(countryCode)
                .or(() -> isoCode(country == null ? null : country.get("iso_code")))
                .or(() -> isoCode(registeredCountry == null ? null : registeredCountry.get("iso_code")));
        this.location = code.map(c -> new GeoLocation(c, subdivisionOf(c, subdivisions)));
    }

    Optional<GeoLocation> location() {
        return location;
    }

    private static Optional<String> subdivisionOf(String country, List<Object> subdivisions) {
        if (subdivisions == null || subdivisions.isEmpty() || !(subdivisions.getFirst() instanceof Map<?, ?> first)
                || !(first.get("iso_code") instanceof String region) || region.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(country + "-" + region.strip().toUpperCase(Locale.ROOT));
    }

    private static Optional<String> isoCode(Object value) {
        if (value instanceof String code && code.strip().length() == 2) {
            return Optional.of(code.strip().toUpperCase(Locale.ROOT));
        }
        return Optional.empty();
    }
}
