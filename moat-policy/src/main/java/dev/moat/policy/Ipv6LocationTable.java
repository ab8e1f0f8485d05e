package dev.moat.policy;

import com.maxmind.db.DatabaseRecord;
import com.maxmind.db.Networks;
import com.maxmind.db.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every network of an IPv6 MaxMind database flattened into a sorted table of range starts, so that an
 * IPv6 lookup is one binary search over two {@code long[]} and allocates nothing.
 *
 * <p>The table partitions the whole 128-bit space: entry {@code i} covers the addresses from its start up
 * to the next entry's start, and the addresses no network holds are entries of their own whose location is
 * empty. Storing only starts (no ends) costs one entry per gap instead of one {@code long} pair per range,
 * and gaps are fewer than ranges. Adjacent ranges with the same location are merged: the free database's
 * 0.5 M networks become far fewer entries. Locations are stored once each and referred to by index.
 *
 * <p>Addresses are stored with the sign bit of each half flipped, so that signed {@code long} comparison
 * orders them as unsigned 128-bit numbers (high half first).
 *
 * <p>The table holds what the reader would answer for every IPv6 address, including the reader's aliases:
 * MaxMind databases that hold IPv4 data link {@code ::ffff:0:0/96}, {@code 2001::/32} (Teredo) and
 * {@code 2002::/16} (6to4) to the IPv4 subtree, and those ranges are flattened with the IPv4 answers in them.
 */
final class Ipv6LocationTable {

    private static final Ipv6LocationTable EMPTY =
            new Ipv6LocationTable(new long[] {Long.MIN_VALUE}, new long[] {Long.MIN_VALUE}, new int[] {0}, List.of(Optional.empty()));

    private final long[] startHighs;
    private final long[] startLows;
    private final int[] locationIndexes;
    private final Optional<GeoLocation>[] locations;

    @SuppressWarnings("unchecked")
    private Ipv6LocationTable(long[] startHighs, long[] startLows, int[] locationIndexes, List<Optional<GeoLocation>> locations) {
        this.startHighs = startHighs;
        this.startLows = startLows;
        this.locationIndexes = locationIndexes;
        this.locations = locations.toArray(Optional[]::new);
    }

    /** The table of a database that holds no IPv6 data: every address is unplaced. */
    static Ipv6LocationTable empty() {
        return EMPTY;
    }

    /** Flattens every network of an IPv6 database ({@code ip_version} 6), aliased networks included. */
    static Ipv6LocationTable build(Reader reader) throws Exception {
        if (reader.getMetadata().getIpVersion() != 6) {
            throw new IllegalArgumentException("database of IP version %d (expected: an IPv6 database, ip_version 6)"
                    .formatted(reader.getMetadata().getIpVersion()));
        }
        record Range(long startHigh, long startLow, long endHigh, long endLow, Optional<GeoLocation> location) {
        }
        List<Range> ranges = new ArrayList<>();
        Networks<MmdbCountryRecord> networks = reader.networks(true, MmdbCountryRecord.class);
        while (networks.hasNext()) {
            DatabaseRecord<MmdbCountryRecord> record = networks.next();
            if (record.getData() == null || record.getData().location().isEmpty()) {
                continue;
            }
            byte[] address = record.getNetwork().getNetworkAddress().getAddress();
            if (address.length != 16) {
                // The reader reports networks of the ::/96 subtree in their IPv6 form; anything else is unexpected.
                throw new IllegalStateException("IPv4 network %s in an IPv6 tree (expected: 16-byte network addresses)"
                        .formatted(record.getNetwork()));
            }
            long high = readLong(address, 0);
            long low = readLong(address, 8);
            int hostBits = 128 - record.getNetwork().getPrefixLength();
            long lowHostMask = hostBits >= 64 ? -1L : (1L << hostBits) - 1;
            long highHostMask = hostBits <= 64 ? 0L : hostBits == 128 ? -1L : (1L << (hostBits - 64)) - 1;
            ranges.add(new Range(high ^ Long.MIN_VALUE, low ^ Long.MIN_VALUE,
                    (high | highHostMask) ^ Long.MIN_VALUE, (low | lowHostMask) ^ Long.MIN_VALUE, record.getData().location()));
        }
        ranges.sort(Comparator.comparingLong(Range::startHigh).thenComparingLong(Range::startLow));

        Builder builder = new Builder(ranges.size());
        // The entry that covers everything before the first range (or everything, in an empty database).
        builder.add(Long.MIN_VALUE, Long.MIN_VALUE, Optional.empty());
        long nextHigh = Long.MIN_VALUE;
        long nextLow = Long.MIN_VALUE;
        boolean coveredToTheEnd = false;
        for (Range range : ranges) {
            if (range.startHigh() != nextHigh || range.startLow() != nextLow) {
                builder.add(nextHigh, nextLow, Optional.empty());
            }
            builder.add(range.startHigh(), range.startLow(), range.location());
            // The address after this range's end, unless it ends at the very last address.
            coveredToTheEnd = range.endHigh() == Long.MAX_VALUE && range.endLow() == Long.MAX_VALUE;
            nextLow = range.endLow() == Long.MAX_VALUE ? Long.MIN_VALUE : range.endLow() + 1;
            nextHigh = range.endLow() == Long.MAX_VALUE ? range.endHigh() + 1 : range.endHigh();
        }
        if (!ranges.isEmpty() && !coveredToTheEnd) {
            builder.add(nextHigh, nextLow, Optional.empty());
        }
        return builder.build();
    }

    Optional<GeoLocation> locate(IpAddress address) {
        long high = address.high() ^ Long.MIN_VALUE;
        long low = address.low() ^ Long.MIN_VALUE;
        // The first entry starts at ::, so the last entry starting at or before the address always exists.
        int lowest = 0;
        int highest = startHighs.length - 1;
        while (lowest <= highest) {
            int middle = (lowest + highest) >>> 1;
            long startHigh = startHighs[middle];
            if (startHigh < high || startHigh == high && startLows[middle] <= low) {
                lowest = middle + 1;
            } else {
                highest = middle - 1;
            }
        }
        return locations[locationIndexes[highest]];
    }

    /** Number of entries (ranges and gaps), for tests and load reports. */
    int size() {
        return startHighs.length;
    }

    /** Bytes held by the table's arrays (the locations themselves are shared and few). */
    long arrayBytes() {
        return startHighs.length * (2L * Long.BYTES + Integer.BYTES);
    }

    private static long readLong(byte[] bytes, int offset) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = value << 8 | (bytes[offset + i] & 0xFF);
        }
        return value;
    }

    /**
     * Appends entries in address order, replacing an entry that starts where the previous one starts (a gap
     * of no addresses) and dropping one that continues the previous entry's location.
     */
    private static final class Builder {
        private long[] startHighs;
        private long[] startLows;
        private int[] locationIndexes;
        private int count;
        private final Map<Optional<GeoLocation>, Integer> indexOfLocation = new HashMap<>();
        private final List<Optional<GeoLocation>> locations = new ArrayList<>();

        Builder(int expectedRanges) {
            int capacity = Math.max(16, 2 * expectedRanges + 2);
            startHighs = new long[capacity];
            startLows = new long[capacity];
            locationIndexes = new int[capacity];
        }

        void add(long startHigh, long startLow, Optional<GeoLocation> location) {
            int index = indexOfLocation.computeIfAbsent(location, added -> {
                locations.add(added);
                return locations.size() - 1;
            });
            if (count > 0 && startHighs[count - 1] == startHigh && startLows[count - 1] == startLow) {
                count--;
            }
            if (count > 0 && locationIndexes[count - 1] == index) {
                return;
            }
            if (count == startHighs.length) {
                startHighs = Arrays.copyOf(startHighs, 2 * count);
                startLows = Arrays.copyOf(startLows, 2 * count);
                locationIndexes = Arrays.copyOf(locationIndexes, 2 * count);
            }
            startHighs[count] = startHigh;
            startLows[count] = startLow;
            locationIndexes[count] = index;
            count++;
        }

        Ipv6LocationTable build() {
            return new Ipv6LocationTable(Arrays.copyOf(startHighs, count), Arrays.copyOf(startLows, count),
                    Arrays.copyOf(locationIndexes, count), locations);
        }
    }
}
