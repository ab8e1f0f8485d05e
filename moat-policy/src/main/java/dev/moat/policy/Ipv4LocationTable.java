package dev.moat.policy;

import com.maxmind.db.DatabaseRecord;
import com.maxmind.db.Network;
import com.maxmind.db.Networks;
import com.maxmind.db.Reader;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every IPv4 network of a MaxMind database flattened into sorted arrays: range starts, range ends and
 * the location of each range, with adjacent ranges of the same location merged.
 *
 * <p>The reader's own lookup builds an {@code InetAddress}, a record and a network object per call and
 * walks up to 32 nodes through a byte buffer; this table answers with one binary search over an
 * {@code int[]} (about 19 probes for the 0.3 M ranges of the free database) and allocates nothing. It is
 * built once per database load, off the request path: one to a few seconds and 4 MB of arrays for the free
 * database. Addresses are stored
 * with the sign bit flipped so that signed comparison orders them as unsigned.
 */
final class Ipv4LocationTable {

    private final int[] starts;
    private final int[] ends;
    private final Optional<GeoLocation>[] locations;

    private Ipv4LocationTable(int[] starts, int[] ends, Optional<GeoLocation>[] locations) {
        this.starts = starts;
        this.ends = ends;
        this.locations = locations;
    }

    /**
     * Flattens the IPv4 part of a database: the whole tree of an IPv4 database, or the {@code ::/96} subtree
     * of an IPv6 one (where MaxMind stores IPv4 data; the free IPv6-only database has none there, which
     * then answers IPv4 queries with "unknown" at once instead of walking the tree).
     */
    @SuppressWarnings("unchecked")
    static Ipv4LocationTable build(Reader reader) throws Exception {
        record Range(int start, int end, Optional<GeoLocation> location) {
        }
        List<Range> ranges = new ArrayList<>();
        // The reader decodes a fresh record for every network it lists; keeping one instance per distinct
        // location instead of one per range saves about 30 MB on the free database (0.3 M ranges, 250 countries).
        Map<Optional<GeoLocation>, Optional<GeoLocation>> distinctLocations = new HashMap<>();
        Networks<MmdbCountryRecord> networks = reader.getMetadata().getIpVersion() == 4
                ? reader.networks(false, MmdbCountryRecord.class)
                : reader.networksWithin(new Network(InetAddress.getByAddress(new byte[16]), 96), false, MmdbCountryRecord.class);
        while (networks.hasNext()) {
            DatabaseRecord<MmdbCountryRecord> record = networks.next();
            if (record.getData() == null || record.getData().location().isEmpty()) {
                continue;
            }
            byte[] address = record.getNetwork().getNetworkAddress().getAddress();
            int prefixLength = record.getNetwork().getPrefixLength();
            if (address.length == 16) {
                // An IPv4 network inside ::/96, reported in its IPv6 form.
                address = Arrays.copyOfRange(address, 12, 16);
                prefixLength -= 96;
            }
            if (prefixLength < 0) {
                continue;
            }
            int start = (address[0] & 0xFF) << 24 | (address[1] & 0xFF) << 16 | (address[2] & 0xFF) << 8 | (address[3] & 0xFF);
            int hostBits = 32 - prefixLength;
            int end = hostBits == 32 ? -1 : start | (int) ((1L << hostBits) - 1);
            Optional<GeoLocation> location = distinctLocations.computeIfAbsent(record.getData().location(), added -> added);
            ranges.add(new Range(start ^ Integer.MIN_VALUE, end ^ Integer.MIN_VALUE, location));
        }
        ranges.sort(Comparator.comparingInt(Range::start));
        int[] starts = new int[ranges.size()];
        int[] ends = new int[ranges.size()];
        Optional<GeoLocation>[] locations = new Optional[ranges.size()];
        int count = 0;
        for (Range range : ranges) {
            if (count > 0 && ends[count - 1] != Integer.MAX_VALUE && ends[count - 1] + 1 == range.start()
                    && locations[count - 1].equals(range.location())) {
                ends[count - 1] = range.end();
                continue;
            }
            starts[count] = range.start();
            ends[count] = range.end();
            locations[count] = range.location();
            count++;
        }
        return new Ipv4LocationTable(Arrays.copyOf(starts, count), Arrays.copyOf(ends, count), Arrays.copyOf(locations, count));
    }

    Optional<GeoLocation> locate(IpAddress address) {
        int key = (int) address.low() ^ Integer.MIN_VALUE;
        int low = 0;
        int high = starts.length - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            if (starts[middle] <= key) {
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        // high is now the last range starting at or before the address.
        return high >= 0 && key <= ends[high] ? locations[high] : Optional.empty();
    }

    int size() {
        return starts.length;
    }

    /** Bytes held by the table's arrays, counting a compressed reference per location (the locations are shared). */
    long arrayBytes() {
        return starts.length * (2L * Integer.BYTES + 4L);
    }
}
