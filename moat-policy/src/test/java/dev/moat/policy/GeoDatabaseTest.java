package dev.moat.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.maxmind.db.InvalidNetworkException;
import com.maxmind.db.Networks;
import com.maxmind.db.Reader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeoDatabaseTest {

    private static final GeoDatabase IPV4 = SharedData.ipv4Database();
    private static final GeoDatabase IPV6 = SharedData.ipv6Database();
    private static final List<CidrRange> IPV6_NETWORKS = networksOf(SharedData.geo("geo-whois-asn-country-ipv6.mmdb"));

    @Property(tries = 5_000)
    void theFlattenedIpv4TableAgreesWithTheReadersOwnTree(@ForAll int bits) {
        IpAddress address = IpAddress.ofIpv4(bits);
        assertThat(IPV4.locate(address)).isEqualTo(IPV4.locateWithReader(address));
    }

    @Property(tries = 20_000)
    void theFlattenedIpv6TableAgreesWithTheReaderInsideTheDatabasesNetworks(
            @ForAll int networkChoice, @ForAll long randomHigh, @ForAll long randomLow) {
        CidrRange network = IPV6_NETWORKS.get(Math.floorMod(networkChoice, IPV6_NETWORKS.size()));
        IpAddress address = randomAddressIn(network, randomHigh, randomLow);
        // Every network of the free database carries a country, so the answer is never empty here.
        assertThat(IPV6.locate(address)).as(address.toString()).isPresent().isEqualTo(IPV6.locateWithReader(address));
    }

    @Property(tries = 5_000)
    void theFlattenedIpv6TableAgreesWithTheReaderAnywhere(@ForAll long high, @ForAll long low) {
        IpAddress address = IpAddress.ofIpv6(high, low);
        assertThat(IPV6.locate(address)).as(address.toString()).isEqualTo(IPV6.locateWithReader(address));
    }

    @Test
    void everyIpv6NetworksFirstAndLastAddressAndItsNeighboursAgreeWithTheReader() {
        // Every fifth network (about 100,000), so that the reader's own slow lookups stay within a few seconds.
        int checked = 0;
        for (int i = 0; i < IPV6_NETWORKS.size(); i += 5) {
            CidrRange network = IPV6_NETWORKS.get(i);
            IpAddress first = network.network();
            IpAddress last = randomAddressIn(network, -1L, -1L);
            for (IpAddress address : List.of(first, last, neighbour(first, -1), neighbour(last, +1))) {
                assertThat(IPV6.locate(address)).as(address + " at the edge of " + network).isEqualTo(IPV6.locateWithReader(address));
            }
            checked++;
        }
        assertThat(checked).isGreaterThan(100_000);
    }

    @Test
    void ipv6LookupsPlaceKnownAddresses() {
        assertThat(IPV6.locate(IpAddress.parseOrThrow("2a02:6b8::1"))).map(GeoLocation::country).contains("RU");
        assertThat(IPV6.locate(IpAddress.parseOrThrow("2001:4860:4860::8888"))).map(GeoLocation::country).contains("US");
        assertThat(IPV6.locate(IpAddress.parseOrThrow("2a02:2e0::1"))).map(GeoLocation::country).contains("DE");
        assertThat(IPV6.locate(IpAddress.parseOrThrow("::1"))).isEmpty();
        assertThat(IPV6.locate(IpAddress.parseOrThrow("fe80::1"))).isEmpty();
        assertThat(IPV6.locate(IpAddress.parseOrThrow("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"))).isEmpty();
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
        for (String address : new String[] {"198.51.100.0", "198.51.100.255", "198.51.99.255", "198.51.101.0",
                "2001:db8:1::", "2001:db8:1:ffff:ffff:ffff:ffff:ffff", "2001:db8::ffff", "2001:db8:2::", "2001:db8:3::",
                "::c633:6401", "::c633:64ff", "::c633:6500", "::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"}) {
            IpAddress ip = IpAddress.parseOrThrow(address);
            assertThat(mixed.locate(ip)).as(address).isEqualTo(mixed.locateWithReader(ip));
        }
        // The IPv4-compatible form ::198.51.100.1 is an IPv6 address the tree answers from its IPv4 part.
        assertThat(mixed.locate(IpAddress.parseOrThrow("::c633:6401"))).map(GeoLocation::country).contains("JP");
    }

    @Test
    void ipv6PrefixesAliasedToTheIpv4DataAnswerAsTheReaderDoes(@TempDir Path dir) throws IOException {
        Path file = new MmdbTestFile("GeoLite2-Country", 6)
                .put("198.51.100.0/24", Map.of("country", Map.of("iso_code", "JP")))
                .put("2001:db8:1::/48", Map.of("country", Map.of("iso_code", "IR")))
                .aliasToIpv4("2002::/16")
                .aliasToIpv4("2001::/32")
                .write(dir.resolve("aliased.mmdb"));
        GeoDatabase aliased = GeoDatabase.open(file);
        // 6to4: the 32 bits after 2002::/16 are the IPv4 address, here 198.51.100.1.
        assertThat(aliased.locate(IpAddress.parseOrThrow("2002:c633:6401::1"))).map(GeoLocation::country).contains("JP");
        assertThat(aliased.locate(IpAddress.parseOrThrow("2001:0:c633:64ff::"))).map(GeoLocation::country).contains("JP");
        for (String address : new String[] {"2002:c633:6400::", "2002:c633:64ff:ffff:ffff:ffff:ffff:ffff", "2002:c633:63ff::",
                "2002:c633:6500::", "2001:0:c633:6400::", "2001:0:c633:6500::", "2001:1::", "2001:db8:1::7", "2003::"}) {
            IpAddress ip = IpAddress.parseOrThrow(address);
            assertThat(aliased.locate(ip)).as(address).isEqualTo(aliased.locateWithReader(ip));
        }
    }

    @Test
    void anEmptyIpv6DatabasePlacesNothing(@TempDir Path dir) throws IOException {
        GeoDatabase empty = GeoDatabase.open(new MmdbTestFile("GeoLite2-Country", 6).write(dir.resolve("empty.mmdb")));
        for (String address : new String[] {"::", "2001:db8::1", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "192.0.2.1"}) {
            assertThat(empty.locate(IpAddress.parseOrThrow(address))).as(address).isEmpty();
        }
    }

    /** A database's networks as its reader lists them, aliases included. */
    private static List<CidrRange> networksOf(Path file) {
        try (Reader reader = new Reader(file.toFile())) {
            List<CidrRange> networks = new ArrayList<>();
            Networks<MmdbCountryRecord> records = reader.networks(true, MmdbCountryRecord.class);
            while (records.hasNext()) {
                com.maxmind.db.Network network = records.next().getNetwork();
                networks.add(new CidrRange(IpAddress.of(network.getNetworkAddress()), network.getPrefixLength()));
            }
            return networks;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InvalidNetworkException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
    }

    /** The address of the network whose host bits are taken from the random halves. */
    private static IpAddress randomAddressIn(CidrRange network, long randomHigh, long randomLow) {
        int hostBits = 128 - network.prefixLength();
        long lowHostMask = hostBits >= 64 ? -1L : (1L << hostBits) - 1;
        long highHostMask = hostBits <= 64 ? 0L : hostBits == 128 ? -1L : (1L << (hostBits - 64)) - 1;
        return IpAddress.ofIpv6(network.network().high() | randomHigh & highHostMask, network.network().low() | randomLow & lowHostMask);
    }

    /** The address one above or below, wrapping around at the ends of the address space. */
    private static IpAddress neighbour(IpAddress address, int step) {
        long low = address.low() + step;
        boolean carry = step > 0 ? low == 0 : address.low() == 0;
        return IpAddress.ofIpv6(carry ? address.high() + step : address.high(), low);
    }

    @Test
    void anIpv6OnlyDatabaseAnswersIpv4QueriesWithNothingAtOnce() {
        GeoDatabase ipv6 = IPV6;
        for (String address : new String[] {"8.8.8.8", "5.22.0.1", "0.0.0.1"}) {
            IpAddress ip = IpAddress.parseOrThrow(address);
            assertThat(ipv6.locate(ip)).as(address).isEmpty().isEqualTo(ipv6.locateWithReader(ip));
        }
        assertThat(ipv6.locate(IpAddress.parseOrThrow("2a02:6b8::1"))).map(GeoLocation::country).contains("RU");
    }
}
