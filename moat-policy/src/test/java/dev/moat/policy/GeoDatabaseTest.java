package dev.moat.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeoDatabaseTest {

    private static final GeoDatabase IPV4 = SharedData.ipv4Database();

    @Property(tries = 5_000)
    void theFlattenedIpv4TableAgreesWithTheReadersOwnTree(@ForAll int bits) {
        IpAddress address = IpAddress.ofIpv4(bits);
        assertThat(IPV4.locate(address)).isEqualTo(IPV4.locateWithReader(address));
    }

    @Test
    void rangeBoundariesAgreeWithTheReader() {
        // 8.8.0.0/15 is US; its first and last addresses and their outside neighbours.
        for (String text : new String[] {"8.7.255.255", "8.8.0.0", "8.9.255.255", "8.10.0.0", "0.0.0.0", "255.255.255.255", "10.0.0.1"}) {
            IpAddress address = IpAddress.parseOrThrow(text);
            assertThat(IPV4.locate(address)).as(text).isEqualTo(IPV4.locateWithReader(address));
        }
        assertThat(IPV4.locate(IpAddress.parseOrThrow("8.8.0.0"))).map(GeoLocation::country).contains("US");
        assertThat(IPV4.locate(IpAddress.parseOrThrow("10.0.0.1"))).isEmpty();
    }

    @Test
    void anIpv4DatabaseNeverAnswersForIpv6() {
        assertThat(IPV4.locate(IpAddress.parseOrThrow("2a02:2e0::1"))).isEmpty();
    }

    @Test
    void readsGeoIp2CityRecordsWithSubdivisionsAndFallsBackToTheRegisteredCountry(@TempDir Path dir) throws IOException {
        Path file = new MmdbTestFile("GeoIP2-City", 4)
                .put("198.51.100.0/24", Map.of(
                        "country", Map.of("iso_code", "UA", "names", Map.of("en", "Ukraine")),
                        "registered_country", Map.of("iso_code", "UA"),
                        "subdivisions", List.of(Map.of("iso_code", "43", "names", Map.of("en", "Crimea")))))
                .put("203.0.113.0/25", Map.of("country", Map.of("iso_code", "DE"), "registered_country", Map.of("iso_code", "NL")))
                .put("203.0.113.128/25", Map.of("registered_country", Map.of("iso_code", "NL")))
                .put("192.0.2.0/24", Map.of("continent", Map.of("code", "EU")))
                .write(dir.resolve("city.mmdb"));
        GeoDatabase city = GeoDatabase.open(file);
        assertThat(city.locate(IpAddress.parseOrThrow("198.51.100.77"))).contains(new GeoLocation("UA", Optional.of("UA-43")));
        assertThat(city.locate(IpAddress.parseOrThrow("203.0.113.1"))).contains(new GeoLocation("DE", Optional.empty()));
        assertThat(city.locate(IpAddress.parseOrThrow("203.0.113.200"))).contains(new GeoLocation("NL", Optional.empty()));
        assertThat(city.locate(IpAddress.parseOrThrow("192.0.2.1"))).isEmpty();
        assertThat(city.locate(IpAddress.parseOrThrow("8.8.8.8"))).isEmpty();
        for (String address : new String[] {"198.51.100.0", "198.51.100.255", "203.0.113.127", "203.0.113.128", "198.51.99.255"}) {
            IpAddress ip = IpAddress.parseOrThrow(address);
            assertThat(city.locate(ip)).as(address).isEqualTo(city.locateWithReader(ip));
        }
    }

    @Test
    void crimeaIsDeniedWhenACityDatabaseReportsIt(@TempDir Path dir) throws IOException {
        Path file = new MmdbTestFile("GeoIP2-City", 4)
                .put("198.51.100.0/24", Map.of("country", Map.of("iso_code", "UA"), "subdivisions", List.of(Map.of("iso_code", "43"))))
                .put("198.51.101.0/24", Map.of("country", Map.of("iso_code", "UA"), "subdivisions", List.of(Map.of("iso_code", "30"))))
                .write(dir.resolve("city.mmdb"));
        NetworkIntelligence intelligence = NetworkIntelligence.load(new NetworkSources(List.of(file), List.of(), List.of(), List.of()));
        Policy policy = Policy.compile(PolicySettings.ofProfile("us-export"));
        RequestFacts template = PolicyTest.facts("US", Network.RESIDENTIAL);
        PolicyDecision crimea = policy.decide(new RequestFacts(intelligence.classify("198.51.100.9"), template.model(), template.api(),
                template.organisation(), template.key(), template.time()));
        assertThat(crimea.code()).contains(DenialCode.REGION_RESTRICTED);
        assertThat(crimea.reasons()).contains("region UA-43 is in group embargoed (deny)");
        PolicyDecision kyiv = policy.decide(new RequestFacts(intelligence.classify("198.51.101.9"), template.model(), template.api(),
                template.organisation(), template.key(), template.time()));
        assertThat(kyiv.action()).isEqualTo(Action.ALLOW);
    }

    @Test
    void readsIpv4AndIpv6FromAMixedDatabaseAsGeoLite2ShipsThem(@TempDir Path dir) throws IOException {
        Path file = new MmdbTestFile("GeoLite2-Country", 6)
                .put("198.51.100.0/24", Map.of("country", Map.of("iso_code", "JP"), "registered_country", Map.of("iso_code", "JP")))
                .put("2001:db8:1::/48", Map.of("country", Map.of("iso_code", "IR")))
                .put("2001:db8:2::/48", Map.of("registered_country", Map.of("iso_code", "SE")))
                .write(dir.resolve("country.mmdb"));
        GeoDatabase mixed = GeoDatabase.open(file);
        assertThat(mixed.locate(IpAddress.parseOrThrow("198.51.100.200"))).map(GeoLocation::country).contains("JP");
        assertThat(mixed.locate(IpAddress.parseOrThrow("::ffff:198.51.100.1"))).map(GeoLocation::country).contains("JP");
        assertThat(mixed.locate(IpAddress.parseOrThrow("198.51.101.1"))).isEmpty();
        assertThat(mixed.locate(IpAddress.parseOrThrow("2001:db8:1:ffff::1"))).map(GeoLocation::country).contains("IR");
        assertThat(mixed.locate(IpAddress.parseOrThrow("2001:db8:2::1"))).map(GeoLocation::country).contains("SE");
        assertThat(mixed.locate(IpAddress.parseOrThrow("2001:db8:3::1"))).isEmpty();
        for (String address : new String[] {"198.51.100.0", "198.51.100.255", "198.51.99.255", "198.51.101.0"}) {
            IpAddress ip = IpAddress.parseOrThrow(address);
            assertThat(mixed.locate(ip)).as(address).isEqualTo(mixed.locateWithReader(ip));
        }
    }

    @Test
    void anIpv6OnlyDatabaseAnswersIpv4QueriesWithNothingAtOnce() {
        GeoDatabase ipv6 = GeoDatabase.open(SharedData.geo("geo-whois-asn-country-ipv6.mmdb"));
        for (String address : new String[] {"8.8.8.8", "5.22.0.1", "0.0.0.1"}) {
            IpAddress ip = IpAddress.parseOrThrow(address);
            assertThat(ipv6.locate(ip)).as(address).isEmpty().isEqualTo(ipv6.locateWithReader(ip));
        }
        assertThat(ipv6.locate(IpAddress.parseOrThrow("2a02:6b8::1"))).map(GeoLocation::country).contains("RU");
    }
}
