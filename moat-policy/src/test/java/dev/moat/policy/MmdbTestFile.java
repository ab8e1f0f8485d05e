package dev.moat.policy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;

/**
 * Writes small MaxMind DB files (format 2.0, 24-bit records) for tests that need a record shape the
 * shared data does not have, such as GeoIP2 City records with subdivisions. Written from the published
 * MaxMind DB File Format Specification: a binary search tree, 16 zero bytes, the data section, then the
 * metadata map after the marker {@code \xAB\xCD\xEFMaxMind.com}.
 */
final class MmdbTestFile {

    private static final int NO_DATA = -1;
    private static final int UINT16 = 5;
    private static final int UINT32 = 6;
    private static final int UINT64 = 9;

    /** An unsigned integer of a given MaxMind DB type. */
    private record Unsigned(int type, long value) {
    }

    private final List<int[]> nodes = new ArrayList<>();
    private final List<Object> records = new ArrayList<>();
    private final String databaseType;
    private final int ipVersion;

    /** @param ipVersion 4, or 6 for a tree of 128-bit addresses that keeps IPv4 ranges under ::/96, as MaxMind does */
    MmdbTestFile(String databaseType, int ipVersion) {
        this.databaseType = databaseType;
        this.ipVersion = ipVersion;
        nodes.add(new int[] {NO_DATA, NO_DATA});
    }

    /** Maps a CIDR range to a record (maps, lists, strings and longs). Ranges must not nest. */
    MmdbTestFile put(String cidr, Object record) {
        CidrRange range = CidrRange.parseOrThrow(cidr);
        if (ipVersion == 4 && !range.network().ipv4()) {
            throw new IllegalArgumentException(cidr + " in an IPv4 database");
        }
        // In an IPv6 tree an IPv4 range sits under 96 zero bits.
        int offset = ipVersion == 6 && range.network().ipv4() ? 96 : 0;
        int length = offset + range.prefixLength();
        records.add(record);
        int dataIndex = records.size() - 1;
        int node = descend(depth -> depth < offset ? 0 : range.network().bit(depth - offset), length - 1);
        // Leaves hold data references, encoded as -(index + 2) until the tree size is known.
        nodes.get(node)[range.network().bit(range.prefixLength() - 1)] = -(dataIndex + 2);
        return this;
    }

    /**
     * Points an IPv6 prefix at the IPv4 subtree (the node under 96 zero bits), as MaxMind's writers do for
     * {@code ::ffff:0:0/96}, {@code 2001::/32} and {@code 2002::/16}: addresses there are answered from the
     * IPv4 data, taking the 32 bits after the prefix as the IPv4 address.
     */
    MmdbTestFile aliasToIpv4(String ipv6Cidr) {
        CidrRange range = CidrRange.parseOrThrow(ipv6Cidr);
        if (ipVersion != 6 || range.network().ipv4()) {
            throw new IllegalArgumentException(ipv6Cidr + " (expected: an IPv6 prefix in an IPv6 database)");
        }
        int ipv4Start = descend(depth -> 0, 96);
        int node = descend(range.network()::bit, range.prefixLength() - 1);
        nodes.get(node)[range.network().bit(range.prefixLength() - 1)] = ipv4Start;
        return this;
    }

    /** Walks {@code depth} bits from the root, adding the nodes that are missing, and returns the node reached. */
    private int descend(IntUnaryOperator bitAtDepth, int depth) {
        int node = 0;
        for (int i = 0; i < depth; i++) {
            int bit = bitAtDepth.applyAsInt(i);
            if (nodes.get(node)[bit] == NO_DATA) {
                nodes.add(new int[] {NO_DATA, NO_DATA});
                nodes.get(node)[bit] = nodes.size() - 1;
            }
            node = nodes.get(node)[bit];
        }
        return node;
    }

    Path write(Path file) throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        List<Integer> offsets = new ArrayList<>();
        for (Object record : records) {
            offsets.add(data.size());
            encode(record, data);
        }
        int nodeCount = nodes.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int[] node : nodes) {
            for (int side : node) {
                int value = side == NO_DATA ? nodeCount : side >= 0 ? side : nodeCount + 16 + offsets.get(-side - 2);
                out.write(value >>> 16);
                out.write(value >>> 8);
                out.write(value);
            }
        }
        out.write(new byte[16]);
        data.writeTo(out);
        out.write(new byte[] {(byte) 0xAB, (byte) 0xCD, (byte) 0xEF});
        out.write("MaxMind.com".getBytes(StandardCharsets.US_ASCII));
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("binary_format_major_version", new Unsigned(UINT16, 2));
        metadata.put("binary_format_minor_version", new Unsigned(UINT16, 0));
        metadata.put("build_epoch", new Unsigned(UINT64, 1_780_000_000L));
        metadata.put("database_type", databaseType);
        metadata.put("description", Map.of("en", "moat-policy test database"));
        metadata.put("ip_version", new Unsigned(UINT16, ipVersion));
        metadata.put("languages", List.of("en"));
        metadata.put("node_count", new Unsigned(UINT32, nodeCount));
        metadata.put("record_size", new Unsigned(UINT16, 24));
        encode(metadata, out);
        return Files.write(file, out.toByteArray());
    }

    private static void encode(Object value, ByteArrayOutputStream out) {
        switch (value) {
            case String text -> {
                byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                control(2, bytes.length, out);
                out.writeBytes(bytes);
            }
            case Long number -> encode(new Unsigned(UINT32, number), out);
            case Unsigned(int type, long number) -> {
                // Unsigned integers take the minimal number of big-endian bytes.
                int length = number == 0 ? 0 : (64 - Long.numberOfLeadingZeros(number) + 7) / 8;
                control(type, length, out);
                for (int i = length - 1; i >= 0; i--) {
                    out.write((int) (number >>> (8 * i)));
                }
            }
            case Map<?, ?> map -> {
                control(7, map.size(), out);
                map.forEach((key, item) -> {
                    encode(key, out);
                    encode(item, out);
                });
            }
            case List<?> list -> {
                control(11, list.size(), out);
                list.forEach(item -> encode(item, out));
            }
            default -> throw new IllegalArgumentException("cannot encode " + value);
        }
    }

    /** A control byte: type in the top three bits (extended types in a second byte), size below 29 inline. */
    private static void control(int type, int size, ByteArrayOutputStream out) {
        if (size >= 29) {
            throw new IllegalArgumentException("size " + size + " (expected: < 29 in test files)");
        }
        if (type <= 7) {
            out.write(type << 5 | size);
        } else {
            out.write(size);
            out.write(type - 7);
        }
    }
}
