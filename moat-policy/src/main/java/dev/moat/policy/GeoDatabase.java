package dev.moat.policy;

import com.maxmind.db.CHMCache;
import com.maxmind.db.Reader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One MaxMind DB ({@code .mmdb}) file that maps addresses to countries.
 *
 * <p>Two record shapes are understood, which covers the free {@code @ip-location-db} databases
 * ({@code {"country_code": "US"}}) and MaxMind's GeoIP2/GeoLite2 Country and City databases
 * ({@code {"country": {"iso_code": "US"}, "registered_country": …, "subdivisions": [{"iso_code": "43"}]}}).
 * GeoIP2's {@code country} is where the address is used; {@code registered_country} (where the block is
 * registered) is only a fallback for records without one.
 *
 * <p>The file is read into memory ({@link Reader.FileMode#MEMORY}), not memory-mapped: the reloader
 * replaces files in place, and a mapped file that shrinks under a reader crashes the JVM with SIGBUS.
 *
 * <p>At load the database is flattened into two tables that answer without allocating: its IPv4 part into
 * an {@link Ipv4LocationTable}, its IPv6 tree into an {@link Ipv6LocationTable}. The reader (with a cache of
 * decoded records, see {@link MmdbCountryRecord}) stays open only as the reference the tables are tested
 * against and for the metadata.
 *
 * <p>An IPv4-only database ({@code ip_version} 4) answers IPv6 queries with nonsense instead of an error,
 * so an IPv4 database gets an empty IPv6 table: IPv6 addresses are only ever placed by IPv6 databases.
 */
public final class GeoDatabase {

    private final Path file;
    private final Reader reader;
    private final Ipv4LocationTable ipv4Table;
    private final Ipv6LocationTable ipv6Table;

    private GeoDatabase(Path file, Reader reader, Ipv4LocationTable ipv4Table, Ipv6LocationTable ipv6Table) {
        this.file = file;
        this.reader = reader;
        this.ipv4Table = ipv4Table;
        this.ipv6Table = ipv6Table;
    }

    public static GeoDatabase open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new NetworkDataException(("%s does not exist; install a country database there (see docs/policy.md, "
                    + "'Installing the geo databases') or remove it from network.geoip").formatted(file));
        }
        try {
            Reader reader = new Reader(file.toFile(), Reader.FileMode.MEMORY, new CHMCache());
            Ipv6LocationTable ipv6Table = reader.getMetadata().getIpVersion() == 6
                    ? Ipv6LocationTable.build(reader)
                    : Ipv6LocationTable.empty();
            return new GeoDatabase(file, reader, Ipv4LocationTable.build(reader), ipv6Table);
        } catch (Exception e) {
            throw new NetworkDataException("%s is not a readable MaxMind DB (.mmdb) file: %s".formatted(file, e.getMessage()), e);
        }
    }

    public Path file() {
        return file;
    }

    public String databaseType() {
        return reader.getMetadata().getDatabaseType();
    }

    /** Where the database places the address, from the flattened tables (no allocation). */
    public Optional<GeoLocation> locate(IpAddress address) {
        return address.ipv4() ? ipv4Table.locate(address) : ipv6Table.locate(address);
    }

    /** Entries of the flattened IPv4 and IPv6 tables and the bytes their arrays hold, for load reports. */
    String tableSummary() {
        return "%d IPv4 ranges, %d IPv6 entries (%d KiB)".formatted(ipv4Table.size(), ipv6Table.size(),
                (ipv4Table.arrayBytes() + ipv6Table.arrayBytes()) / 1024);
    }

    /** The reader's own answer, bypassing the flattened table: the reference the table is tested against. */
    Optional<GeoLocation> locateWithReader(IpAddress address) {
        try {
            MmdbCountryRecord record = reader.get(address.toInetAddress(), MmdbCountryRecord.class);
            return record == null ? Optional.empty() : record.location();
        } catch (IOException | RuntimeException e) {
            throw new NetworkDataException("%s: lookup of %s failed: %s".formatted(file, address, e.getMessage()), e);
        }
    }

    @Override
    public String toString() {
        return file + " (" + databaseType() + ")";
    }
}
