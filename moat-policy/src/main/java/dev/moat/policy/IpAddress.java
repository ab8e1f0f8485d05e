package dev.moat.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * An IPv4 or IPv6 address held as two longs, parsed without ever touching DNS.
 *
 * <p>{@link InetAddress#getByName} resolves anything that is not a literal, so a garbage
 * {@code X-Forwarded-For} entry would turn into a DNS query on the request path. This parser accepts
 * only literals and returns {@link Optional#empty()} for anything else. IPv4-mapped IPv6 addresses
 * ({@code ::ffff:192.0.2.1}) are normalised to IPv4 so that IPv4 lists and databases apply to them.
 *
 * <p>An IPv4 address keeps its 32 bits in the low half of {@link #low()}; {@link #high()} is zero.
 */
public record IpAddress(long high, long low, boolean ipv4) {

    public IpAddress {
        if (ipv4 && (high != 0 || (low >>> 32) != 0)) {
            throw new IllegalArgumentException("IPv4 address: high=%d low=%d (expected: only the low 32 bits set)"
                    .formatted(high, low));
        }
    }

    public static IpAddress ofIpv4(int bits) {
        return new IpAddress(0, bits & 0xFFFF_FFFFL, true);
    }

    public static IpAddress ofIpv6(long high, long low) {
        if (high == 0 && (low >>> 32) == 0xFFFFL) {
            return ofIpv4((int) low);
        }
        return new IpAddress(high, low, false);
    }

    public static IpAddress of(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            return ofIpv4(readInt(bytes, 0));
        }
        return ofIpv6(readLong(bytes, 0), readLong(bytes, 8));
    }

    /** Parses an address literal; anything else (host names, ports, zone ids, junk) is empty. */
    public static Optional<IpAddress> parse(CharSequence text) {
        if (text == null) {
            return Optional.empty();
        }
        int length = text.length();
        if (length == 0 || length > 45) {
            return Optional.empty();
        }
        for (int i = 0; i < length; i++) {
            if (text.charAt(i) == ':') {
                return parseIpv6(text, 0, length);
            }
        }
        long v4 = parseIpv4(text, 0, length);
        return v4 < 0 ? Optional.empty() : Optional.of(ofIpv4((int) v4));
    }

    /** Parses an address literal or throws, naming what was given. */
    public static IpAddress parseOrThrow(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException(
                "IP address: '%s' (expected: an IPv4 or IPv6 literal such as 203.0.113.7 or 2001:db8::1)".formatted(text)));
    }

    public int bitLength() {
        return ipv4 ? 32 : 128;
    }

    /** The bit at {@code index}, counting from the most significant bit (index 0). */
    public int bit(int index) {
        if (ipv4) {
            return (int) (low >>> (31 - index)) & 1;
        }
        return index < 64 ? (int) (high >>> (63 - index)) & 1 : (int) (low >>> (127 - index)) & 1;
    }

    /** This address with every bit after the first {@code prefixLength} bits cleared. */
    public IpAddress masked(int prefixLength) {
        if (prefixLength < 0 || prefixLength > bitLength()) {
            throw new IllegalArgumentException("prefixLength: %d (expected: 0..%d)".formatted(prefixLength, bitLength()));
        }
        if (ipv4) {
            long mask = prefixLength == 0 ? 0 : (0xFFFF_FFFFL << (32 - prefixLength)) & 0xFFFF_FFFFL;
            return new IpAddress(0, low & mask, true);
        }
        long highMask = prefixLength >= 64 ? -1L : prefixLength == 0 ? 0 : -1L << (64 - prefixLength);
        long lowMask = prefixLength <= 64 ? 0 : prefixLength == 128 ? -1L : -1L << (128 - prefixLength);
        return new IpAddress(high & highMask, low & lowMask, false);
    }

    public InetAddress toInetAddress() {
        byte[] bytes;
        if (ipv4) {
            bytes = new byte[4];
            writeInt(bytes, 0, (int) low);
        } else {
            bytes = new byte[16];
            writeLong(bytes, 0, high);
            writeLong(bytes, 8, low);
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException("a 4- or 16-byte address was rejected", impossible);
        }
    }

    /** The canonical text: dotted quad, or RFC 5952 IPv6 (lower case, longest zero run compressed). */
    @Override
    public String toString() {
        if (ipv4) {
            return ((low >>> 24) & 0xFF) + "." + ((low >>> 16) & 0xFF) + "." + ((low >>> 8) & 0xFF) + "." + (low & 0xFF);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 4; i++) {
            groups[i] = (int) (high >>> (48 - 16 * i)) & 0xFFFF;
            groups[i + 4] = (int) (low >>> (48 - 16 * i)) & 0xFFFF;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < 8 && groups[i] == 0) {
                i++;
            }
            if (i - start > bestLength) {
                bestStart = start;
                bestLength = i - start;
            }
        }
        StringBuilder text = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!text.isEmpty() && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    /** Returns the address as an unsigned 32-bit value, or -1 when the text is not a strict dotted quad. */
    private static long parseIpv4(CharSequence text, int from, int to) {
        long value = 0;
        int parts = 0;
        int i = from;
        while (i <= to) {
            int start = i;
            int octet = 0;
            while (i < to && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                octet = octet * 10 + (text.charAt(i) - '0');
                i++;
                if (i - start > 3) {
                    return -1;
                }
            }
            int digits = i - start;
            // Leading zeros are refused: some stacks read "010" as octal, so its meaning is ambiguous.
            if (digits == 0 || octet > 255 || (digits > 1 && text.charAt(start) == '0')) {
                return -1;
            }
            value = (value << 8) | octet;
            parts++;
            if (i == to) {
                break;
            }
            if (text.charAt(i) != '.' || parts == 4) {
                return -1;
            }
            i++;
        }
        return parts == 4 ? value : -1;
    }

    private static Optional<IpAddress> parseIpv6(CharSequence text, int from, int to) {
        int[] groups = new int[8];
        int count = 0;
        int gapAt = -1;
        int i = from;
        if (to - from >= 2 && text.charAt(i) == ':' && text.charAt(i + 1) == ':') {
            gapAt = 0;
            i += 2;
            if (i == to) {
                return Optional.of(ofIpv6(0, 0));
            }
        } else if (text.charAt(i) == ':') {
            return Optional.empty();
        }
        while (i < to) {
            if (count == 8) {
                return Optional.empty();
            }
            int start = i;
            int group = 0;
            while (i < to && Character.digit(text.charAt(i), 16) >= 0 && i - start < 4) {
                group = (group << 4) | Character.digit(text.charAt(i), 16);
                i++;
            }
            if (i < to && text.charAt(i) == '.') {
                // An embedded IPv4 tail takes the last two groups.
                if (count > 6) {
                    return Optional.empty();
                }
                long v4 = parseIpv4(text, start, to);
                if (v4 < 0) {
                    return Optional.empty();
                }
                groups[count++] = (int) (v4 >>> 16);
                groups[count++] = (int) (v4 & 0xFFFF);
                i = to;
                break;
            }
            if (i == start) {
                return Optional.empty();
            }
            groups[count++] = group;
            if (i == to) {
                break;
            }
            if (text.charAt(i) != ':') {
                return Optional.empty();
            }
            i++;
            if (i < to && text.charAt(i) == ':') {
                if (gapAt >= 0) {
                    return Optional.empty();
                }
                gapAt = count;
                i++;
            } else if (i == to) {
                return Optional.empty();
            }
        }
        if (gapAt < 0 && count != 8 || gapAt >= 0 && count > 7) {
            return Optional.empty();
        }
        int[] full = new int[8];
        if (gapAt < 0) {
            full = groups;
        } else {
            int tail = count - gapAt;
            System.arraycopy(groups, 0, full, 0, gapAt);
            System.arraycopy(groups, gapAt, full, 8 - tail, tail);
        }
        long high = 0;
        long low = 0;
        for (int g = 0; g < 4; g++) {
            high = (high << 16) | full[g];
            low = (low << 16) | full[g + 4];
        }
        return Optional.of(ofIpv6(high, low));
    }

    private static int readInt(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFF) << 24 | (bytes[offset + 1] & 0xFF) << 16
                | (bytes[offset + 2] & 0xFF) << 8 | (bytes[offset + 3] & 0xFF);
    }

    private static long readLong(byte[] bytes, int offset) {
        return (readInt(bytes, offset) & 0xFFFF_FFFFL) << 32 | (readInt(bytes, offset + 4) & 0xFFFF_FFFFL);
    }

    private static void writeInt(byte[] bytes, int offset, int value) {
        bytes[offset] = (byte) (value >>> 24);
        bytes[offset + 1] = (byte) (value >>> 16);
        bytes[offset + 2] = (byte) (value >>> 8);
        bytes[offset + 3] = (byte) value;
    }

    private static void writeLong(byte[] bytes, int offset, long value) {
        writeInt(bytes, offset, (int) (value >>> 32));
        writeInt(bytes, offset + 4, (int) value);
    }

}
