package dev.moat.policy;

import java.nio.file.Files;
import java.nio.file.Path;

/** The project's read-only reference data (../shared/data), as surefire passes it in. */
final class SharedData {

    private static NetworkIntelligence intelligence;
    private static GeoDatabase ipv4Database;
    private static GeoDatabase ipv6Database;

    private SharedData() {
    }

    /** Network intelligence over all shared geo files, loaded once per test JVM (flattening the IPv4 database takes seconds). */
    static synchronized NetworkIntelligence intelligence() {
        if (intelligence == null) {
            intelligence = NetworkIntelligence.load(new NetworkSources(
                    java.util.List.of(geo("geo-whois-asn-country-ipv4.mmdb"), geo("geo-whois-asn-country-ipv6.mmdb")),
                    java.util.List.of(geo("hosting-ipv4.txt"), geo("hosting-ipv6.txt")),
                    java.util.List.of(geo("vpn-ipv4.txt"), geo("vpn-ipv6.txt")),
                    java.util.List.of()));
        }
        return intelligence;
    }

    /** The shared IPv4 country database alone, loaded once per test JVM. */
    static synchronized GeoDatabase ipv4Database() {
        if (ipv4Database == null) {
            ipv4Database = GeoDatabase.open(geo("geo-whois-asn-country-ipv4.mmdb"));
        }
        return ipv4Database;
    }

    /** The shared IPv6 country database alone, loaded once per test JVM. */
    static synchronized GeoDatabase ipv6Database() {
        if (ipv6Database == null) {
            ipv6Database = GeoDatabase.open(geo("geo-whois-asn-country-ipv6.mmdb"));
        }
        return ipv6Database;
    }

    static Path geo(String file) {
        String configured = System.getProperty("moat.shared.data");
        Path root = configured != null ? Path.of(configured) : Path.of("..").resolve("../shared/data").normalize();
        Path path = root.resolve("geo").resolve(file);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("reference data file " + path + " is missing; set -Dmoat.shared.data to the shared/data folder");
        }
        return path;
    }
}
