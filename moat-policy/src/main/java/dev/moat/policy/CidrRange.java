package dev.moat.policy;

import java.util.Optional;

/**
 * A network prefix such as {@code 192.0.2.0/24} or {@code 2001:db8::/32}. Host bits after the prefix are
 * cleared on construction, so {@code 192.0.2.7/24} and {@code 192.0.2.0/24} are the same range: published
 * lists contain both spellings and mean the same thing.
 */
public record CidrRange(IpAddress network, int prefixLength) {

    public CidrRange {
        if (prefixLength < 0 || prefixLength > network.bitLength()) {
            throw new IllegalArgumentException("prefix length: %d (expected: 0..%d for %s)"
                    .formatted(prefixLength, network.bitLength(), network.ipv4() ? "IPv4" : "IPv6"));
        }
        network = network.masked(prefixLength);
    }

    /** A range holding exactly one address (/32 or /128). */
    public static CidrRange single(IpAddress address) {
        return new CidrRange(address, address.bitLength());
    }

    /** Parses {@code address/length} or a bare address (a single-address range); empty when malformed. */
    public static Optional<CidrRange> parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            return IpAddress.parse(text).map(CidrRange::single);
        }
        Optional<IpAddress> address = IpAddress.parse(text.substring(0, slash));
        if (address.isEmpty()) {
            return Optional.empty();
        }
        String lengthText = text.substring(slash + 1);
        if (lengthText.isEmpty() || lengthText.length() > 3 || !lengthText.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        int length = Integer.parseInt(lengthText);
        // An IPv4-mapped prefix (::ffff:0:0/96 and longer) was normalised to IPv4: shift its length to match.
        if (address.get().ipv4() && text.indexOf(':') >= 0) {
            if (length < 96 || length > 128) {
                return Optional.empty();
            }
            length -= 96;
        }
        if (length > address.get().bitLength()) {
            return Optional.empty();
        }
        return Optional.of(new CidrRange(address.get(), length));
    }

    public static CidrRange parseOrThrow(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException(
                "CIDR range: '%s' (expected: address/prefix-length such as 192.0.2.0/24 or 2001:db8::/32)".formatted(text)));
    }

    public boolean contains(IpAddress address) {
        return address.ipv4() == network.ipv4() && address.masked(prefixLength).equals(network);
    }

    @Override
    public String toString() {
        return network + "/" + prefixLength;
    }
}
