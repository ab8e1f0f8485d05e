package dev.moat.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NetworkIntelligenceTest {

    private static NetworkIntelligence shared;

    @BeforeAll
    static void loadSharedData() {
        shared = SharedData.intelligence();
    }

    @ParameterizedTest
    @CsvSource({
            "8.8.8.8, US", "81.2.69.160, GB", "5.22.0.1, IR", "175.45.176.1, KP", "152.206.0.1, CU",
            "77.88.8.8, RU", "223.5.5.5, CN", "200.160.0.8, BR", "196.216.2.1, ZA", "1.0.0.1, AU",
            "::ffff:77.88.8.8, RU",
            "2001:4860:4860::8888, US", "2a02:6b8::1, RU", "240e:1::1, CN", "2a01:e00::1, FR",
            "2405:200::1, IN", "2804:14c::1, BR", "2a02:2e0::1, DE",
    })
    void placesKnownAddressesInTheirCountries(String address, String country) {
        assertThat(shared.classify(address).countryOrUnknown()).isEqualTo(country);
    }

    @Test
    void asksIpv6AddressesOnlyOfIpv6Databases() {
        // Asked naively, the IPv4-only database would answer HK for this address; the IPv6 database says DE.
        assertThat(SharedData.ipv4Database().locate(IpAddress.parseOrThrow("2a02:2e0::1"))).isEmpty();
        assertThat(shared.classify("2a02:2e0::1").countryOrUnknown()).isEqualTo("DE");
    }

    @Test
    void classifiesNetworksFromTheLists() {
        NetworkClassification hosting = shared.classify("1.12.0.1");
        assertThat(hosting.network()).isEqualTo(Network.HOSTING);
        assertThat(hosting.matchedRange()).map(CidrRange::toString).contains("1.12.0.0/14");
        assertThat(hosting.countryOrUnknown()).isEqualTo("CN");

        assertThat(shared.classify("2.26.157.5").network()).isEqualTo(Network.VPN);
        assertThat(shared.classify("2001:ac8::1").network()).isEqualTo(Network.VPN);
        assertThat(shared.classify("2001:310::1").network()).isEqualTo(Network.HOSTING);
        assertThat(shared.classify("81.2.69.160").network()).isEqualTo(Network.RESIDENTIAL);
        assertThat(shared.classify("10.0.0.1").network()).isEqualTo(Network.UNKNOWN);
        assertThat(shared.classify("10.0.0.1").countryOrUnknown()).isEqualTo("unknown");
    }

    @Test
    void torOutranksVpnAndHosting(@TempDir Path dir) throws IOException {
        Path list = Files.writeString(dir.resolve("list.txt"), "1.12.0.1\n");
        NetworkIntelligence intelligence = NetworkIntelligence.load(new NetworkSources(List.of(), List.of(list), List.of(list), List.of(list)));
        assertThat(intelligence.classify("1.12.0.1").network()).isEqualTo(Network.TOR);
        assertThat(intelligence.classify("1.12.0.2").network()).isEqualTo(Network.UNKNOWN);
    }

    @Test
    void runsWithoutAnyData() {
        NetworkClassification classification = NetworkIntelligence.withoutData().classify("8.8.8.8");
        assertThat(classification.country()).isEmpty();
        assertThat(classification.network()).isEqualTo(Network.UNKNOWN);
    }

    @Test
    void refusesToStartOnAMissingOrBrokenFile(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> NetworkIntelligence.load(new NetworkSources(List.of(dir.resolve("country.mmdb")), List.of(), List.of(), List.of())))
                .isInstanceOf(NetworkDataException.class).hasMessageContaining("country.mmdb does not exist");
        Path notMmdb = Files.writeString(dir.resolve("fake.mmdb"), "not a database");
        assertThatThrownBy(() -> NetworkIntelligence.load(new NetworkSources(List.of(notMmdb), List.of(), List.of(), List.of())))
                .isInstanceOf(NetworkDataException.class).hasMessageContaining("fake.mmdb is not a readable MaxMind DB");
    }

    @Test
    void reloadsChangedFilesAndKeepsTheOldDataWhenTheNewFileIsBroken(@TempDir Path dir) throws IOException {
        Path vpn = Files.writeString(dir.resolve("vpn.txt"), "192.0.2.0/24\n");
        NetworkIntelligence intelligence = NetworkIntelligence.load(new NetworkSources(List.of(), List.of(), List.of(vpn), List.of()));
        List<ReloadOutcome> reported = new ArrayList<>();
        NetworkDataWatcher watcher = new NetworkDataWatcher(intelligence, java.time.Duration.ofMinutes(1), reported::add);
        assertThat(watcher.check()).isInstanceOf(ReloadOutcome.Unchanged.class);

        replace(vpn, "198.51.100.0/24\n", 1);
        assertThat(watcher.check()).isInstanceOf(ReloadOutcome.Reloaded.class);
        assertThat(intelligence.classify("198.51.100.9").network()).isEqualTo(Network.VPN);
        assertThat(intelligence.classify("192.0.2.9").network()).isEqualTo(Network.UNKNOWN);

        replace(vpn, "198.51.100.0/24\nnot-an-address\n", 2);
        ReloadOutcome failed = watcher.check();
        assertThat(failed).isInstanceOfSatisfying(ReloadOutcome.Failed.class,
                f -> assertThat(f.reason()).contains(vpn + ":2:").contains("still using the data loaded before"));
        assertThat(intelligence.lastFailure()).isPresent();
        assertThat(intelligence.classify("198.51.100.9").network()).isEqualTo(Network.VPN);
        // The same broken file is reported once, not on every check.
        assertThat(watcher.check()).isInstanceOf(ReloadOutcome.Unchanged.class);

        replace(vpn, "203.0.113.0/24\n", 3);
        assertThat(watcher.check()).isInstanceOf(ReloadOutcome.Reloaded.class);
        assertThat(intelligence.lastFailure()).isEmpty();
        assertThat(intelligence.classify("203.0.113.1").network()).isEqualTo(Network.VPN);

        // Same size and modification time, as every file unpacked from an npm package has: the new inode tells.
        replace(vpn, "203.0.114.0/24\n", 3);
        assertThat(watcher.check()).isInstanceOf(ReloadOutcome.Reloaded.class);
        assertThat(intelligence.classify("203.0.114.1").network()).isEqualTo(Network.VPN);
        assertThat(intelligence.classify("203.0.113.1").network()).isEqualTo(Network.UNKNOWN);
        assertThat(reported).hasSize(4);
    }

    /** Replaces the file the way updaters do (write aside, rename over) with a distinct modification time. */
    private static void replace(Path file, String content, int generation) throws IOException {
        Path next = Files.writeString(file.resolveSibling(file.getFileName() + ".next"), content);
        Files.setLastModifiedTime(next, FileTime.from(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(generation)));
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
