package dev.moat.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AddressListReaderTest {

    @TempDir
    Path dir;

    @Test
    void skipsCommentsAndBlankLinesAndReadsRangesAndSingleAddresses() throws IOException {
        Path file = Files.writeString(dir.resolve("vpn.txt"), """
                \uFEFF# provider X
                192.0.2.0/24   # office exits

                ; another comment style
                2001:db8::/48
                198.51.100.7
                """);
        IpPrefixSet set = AddressListReader.read(List.of(file));
        assertThat(set.size()).isEqualTo(3);
        assertThat(set.contains(IpAddress.parseOrThrow("192.0.2.200"))).isTrue();
        assertThat(set.contains(IpAddress.parseOrThrow("2001:db8:0:ffff::1"))).isTrue();
        assertThat(set.contains(IpAddress.parseOrThrow("198.51.100.7"))).isTrue();
        assertThat(set.contains(IpAddress.parseOrThrow("198.51.100.8"))).isFalse();
    }

    @Test
    void readsTheTorProjectExitAddressFormat() throws IOException {
        Path file = Files.writeString(dir.resolve("tor-exits.txt"), """
                ExitNode 0011BD2485AD45D984EC4159C88FC066E5E3300E
                Published 2026-11-27 03:51:09
                LastStatus 2026-11-27 06:00:00
                ExitAddress 162.247.74.201 2026-11-27 06:11:48
                185.220.101.1
                """);
        IpPrefixSet set = AddressListReader.read(List.of(file));
        assertThat(set.contains(IpAddress.parseOrThrow("162.247.74.201"))).isTrue();
        assertThat(set.contains(IpAddress.parseOrThrow("162.247.74.202"))).isFalse();
        assertThat(set.contains(IpAddress.parseOrThrow("185.220.101.1"))).isTrue();
    }

    @Test
    void aBadLineIsReportedWithFileAndLineNumber() throws IOException {
        Path file = Files.writeString(dir.resolve("hosting.txt"), "192.0.2.0/24\n\n10.0.0.0/33\n");
        assertThatThrownBy(() -> AddressListReader.read(List.of(file)))
                .isInstanceOf(NetworkDataException.class)
                .hasMessageContaining(file + ":3:")
                .hasMessageContaining("'10.0.0.0/33'");
    }

    @Test
    void aMissingFileIsReportedByName() {
        Path file = dir.resolve("nope.txt");
        assertThatThrownBy(() -> AddressListReader.read(List.of(file)))
                .isInstanceOf(NetworkDataException.class)
                .hasMessageContaining(file + " does not exist");
    }

    @Test
    void readsTheSharedHostingAndVpnListsCompletely() throws IOException {
        Path hosting = SharedData.geo("hosting-ipv4.txt");
        IpPrefixSet set = AddressListReader.read(List.of(hosting, SharedData.geo("hosting-ipv6.txt")));
        long lines = Files.readAllLines(hosting).stream().filter(line -> !line.isBlank()).count()
                + Files.readAllLines(SharedData.geo("hosting-ipv6.txt")).stream().filter(line -> !line.isBlank()).count();
        assertThat(set.size()).isEqualTo(lines);
        // Every listed range's first address is a member.
        for (String line : Files.readAllLines(hosting)) {
            if (!line.isBlank()) {
                assertThat(set.contains(CidrRange.parseOrThrow(line.strip()).network())).as(line).isTrue();
            }
        }
    }
}
