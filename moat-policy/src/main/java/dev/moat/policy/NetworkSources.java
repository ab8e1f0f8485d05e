package dev.moat.policy;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The network data files, mirroring the {@code network:} configuration section. Every list may be empty;
 * with no files at all every address is classified country {@code unknown}, network {@code unknown}.
 *
 * @param geoip   MaxMind DB files, asked in order; the first that places an address wins
 * @param hosting CIDR lists of datacenter / hosting ranges
 * @param vpn     CIDR lists of commercial VPN exits
 * @param tor     Tor exit lists (one address per line, or the Tor Project's exit-addresses format)
 */
public record NetworkSources(List<Path> geoip, List<Path> hosting, List<Path> vpn, List<Path> tor) {

    public NetworkSources {
        geoip = List.copyOf(geoip);
        hosting = List.copyOf(hosting);
        vpn = List.copyOf(vpn);
        tor = List.copyOf(tor);
    }

    public static NetworkSources none() {
        return new NetworkSources(List.of(), List.of(), List.of(), List.of());
    }

    public List<Path> allFiles() {
        return Stream.of(geoip, hosting, vpn, tor).flatMap(List::stream).toList();
    }
}
