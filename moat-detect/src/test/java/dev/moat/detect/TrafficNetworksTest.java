package dev.moat.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.maxmind.db.Reader;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The simulator's addresses agree with the geo data a gateway or analyser would look them up in. */
class TrafficNetworksTest {

    private record Range(long first, long last) {
        boolean contains(long address) {
            return first <= address && address <= last;
        }
    }

    private static Reader countries;
    private static List<Range> hosting;
    private static List<Range> vpn;

    @BeforeAll
    static void load() throws IOException {
        Path geo = SimulationTestData.sharedData().resolve("geo");
        countries = new Reader(geo.resolve("geo-whois-asn-country-ipv4.mmdb").toFile());
        hosting = ranges(geo.resolve("hosting-ipv4.txt"));
        vpn = ranges(geo.resolve("vpn-ipv4.txt"));
    }

    @AfterAll
    static void close() throws IOException {
        countries.close();
    }

    @Test
    void everyBlockHasTheCountryAndNetworkClassTheDataGivesIt() throws IOException {
        SplittableRandom random = new SplittableRandom(5);
        for (TrafficNetworks.Block block : TrafficNetworks.all()) {
            for (int i = 0; i < 40; i++) {
                String address = block.address(random);
                assertThat(country(address)).as(block + " at " + address).isEqualTo(block.country());
                assertThat(networkClass(address)).as(block + " at " + address).isEqualTo(block.network());
            }
        }
    }

    @Test
    void offersResidentialAddressesInTheRestrictedCountries() {
        SplittableRandom random = new SplittableRandom(1);
        for (String country : TrafficNetworks.RESTRICTED_COUNTRIES) {
            assertThat(TrafficNetworks.residential(country, random).country()).isEqualTo(country);
        }
    }

    @Property(tries = 200)
    void addressesAndNarrowedBlocksStayInsideTheirBlock(@ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        TrafficNetworks.Block block = TrafficNetworks.all().get(random.nextInt(TrafficNetworks.all().size()));
        TrafficNetworks.Block narrow = block.narrow(random);
        Range outer = range(block.cidr());
        Range inner = range(narrow.cidr());
        assertThat(outer.contains(inner.first()) && outer.contains(inner.last())).isTrue();
        long address = parse(narrow.address(random));
        assertThat(inner.contains(address)).isTrue();
        assertThat(address & 0xff).isBetween(1L, 254L);
        assertThat(narrow.country()).isEqualTo(block.country());
        assertThat(narrow.network()).isEqualTo(block.network());
    }

    private static String country(String address) throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> record = countries.get(InetAddress.getByName(address), Map.class);
        return record == null ? "none" : String.valueOf(record.get("country_code"));
    }

    /** VPN exits are usually in hosting ranges too; the VPN class is the more specific one. */
    private static String networkClass(String address) {
        long value = parse(address);
        if (vpn.stream().anyMatch(range -> range.contains(value))) {
            return TrafficNetworks.VPN;
        }
        return hosting.stream().anyMatch(range -> range.contains(value)) ? TrafficNetworks.HOSTING
                : TrafficNetworks.RESIDENTIAL;
    }

    private static List<Range> ranges(Path file) throws IOException {
        return Files.readAllLines(file).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#") && !line.contains(":"))
                .map(line -> range(line.strip())).toList();
    }

    private static Range range(String cidr) {
        String[] parts = cidr.split("/");
        long base = parse(parts[0]);
        long size = 1L << (32 - Integer.parseInt(parts[1]));
        return new Range(base, base + size - 1);
    }

    private static long parse(String address) {
        long value = 0;
        for (String octet : address.split("\\.")) {
            value = (value << 8) | Integer.parseInt(octet);
        }
        return value;
    }
}
