package dev.moat.bench;

import dev.moat.policy.CidrRange;
import dev.moat.policy.IpAddress;
import dev.moat.policy.NetworkSources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The inputs the policy benchmarks share: the reference geo databases and lists from shared/data, and a
 * fixed, seeded mix of client addresses. A quarter of the addresses come from listed hosting or VPN ranges
 * (so list hits are exercised), a tenth are IPv6, the rest are random public IPv4 addresses.
 */
final class NetworkBenchmarkData {

    static final int ADDRESSES = 4096;

    private NetworkBenchmarkData() {
    }

    static Path geoDir() {
        Path root = Path.of(System.getProperty("moat.shared.data", "../shared/data"));
        Path geo = root.resolve("geo");
        if (!Files.isDirectory(geo)) {
            throw new IllegalStateException(geo.toAbsolutePath() + " is missing; run from the project root or pass -Dmoat.shared.data=DIR");
        }
        return geo;
    }

    static NetworkSources sources() {
        Path geo = geoDir();
        return new NetworkSources(
                List.of(geo.resolve("geo-whois-asn-country-ipv4.mmdb"), geo.resolve("geo-whois-asn-country-ipv6.mmdb")),
                List.of(geo.resolve("hosting-ipv4.txt"), geo.resolve("hosting-ipv6.txt")),
                List.of(geo.resolve("vpn-ipv4.txt"), geo.resolve("vpn-ipv6.txt")),
                List.of());
    }

    static IpAddress[] addresses() {
        SplittableRandom random = new SplittableRandom(20261127);
        List<CidrRange> listed = new ArrayList<>();
        for (String file : List.of("hosting-ipv4.txt", "vpn-ipv4.txt")) {
            try {
                for (String line : Files.readAllLines(geoDir().resolve(file))) {
                    if (!line.isBlank()) {
                        listed.add(CidrRange.parseOrThrow(line.strip()));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        IpAddress[] addresses = new IpAddress[ADDRESSES];
        for (int i = 0; i < ADDRESSES; i++) {
            int pick = random.nextInt(100);
            if (pick < 25) {
                CidrRange range = listed.get(random.nextInt(listed.size()));
                int hostBits = 32 - range.prefixLength();
                int offset = hostBits == 0 ? 0 : random.nextInt(1 << Math.min(hostBits, 30));
                addresses[i] = IpAddress.ofIpv4((int) range.network().low() + offset);
            } else if (pick < 35) {
                // Global unicast 2000::/3 with realistic (allocated) prefixes under 2001::/16 to 2a0f::/16.
                long high = (0x2001L + random.nextInt(0x0a0f - 0x0001)) << 48 | (random.nextLong() >>> 16);
                addresses[i] = IpAddress.ofIpv6(high, random.nextLong());
            } else {
                addresses[i] = IpAddress.ofIpv4(random.nextInt(1, 224) << 24 | random.nextInt(1 << 24));
            }
        }
        return addresses;
    }
}
