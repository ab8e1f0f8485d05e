package dev.moat.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the client's address from the socket peer and the {@code X-Forwarded-For} headers.
 *
 * <p>Each proxy appends the address it received the request from, so the list reads
 * {@code client, proxy1, proxy2} and only the entries added by proxies we trust are believed. When the peer
 * is one of the trusted proxies, the entries are read from the right, skipping trusted proxies; the first
 * untrusted address is the client. Everything to its left was written by the client itself or by proxies we
 * know nothing about, and is ignored: a client can put any address there. When the peer is not trusted
 * the headers are ignored entirely and the peer is the client.
 *
 * <p>An entry that is not an address (garbage, a host name, {@code unknown}) stops the walk: nothing to
 * its left can be trusted, so the last address we could vouch for, the innermost proxy that handed it to
 * us, is used instead. Ports ({@code 192.0.2.1:4711}, {@code [2001:db8::1]:443}) are stripped, because some
 * proxies write them.
 *
 * <p>Immutable and thread-safe.
 */
public final class ClientAddressResolver {

    private final IpPrefixSet trustedProxies;

    public ClientAddressResolver(List<CidrRange> trustedProxies) {
        IpPrefixSet.Builder builder = IpPrefixSet.builder();
        trustedProxies.forEach(builder::add);
        this.trustedProxies = builder.build();
    }

    /** Parses the {@code trusted_proxies} setting; throws naming the first entry that is not a CIDR range. */
    public static ClientAddressResolver fromSettings(List<String> trustedProxies) {
        List<CidrRange> ranges = new ArrayList<>();
        for (String entry : trustedProxies) {
            ranges.add(CidrRange.parse(entry.strip()).orElseThrow(() -> new IllegalArgumentException(
                    "trusted_proxies: '%s' is not a CIDR range (expected: such as 10.0.0.0/8 or 2001:db8::/32)".formatted(entry))));
        }
        return new ClientAddressResolver(ranges);
    }

    /**
     * @param peer          the address of the socket peer
     * @param forwardedFor  the values of every {@code X-Forwarded-For} header in the order received
     *                      (each may hold several comma-separated entries)
     */
    public IpAddress resolve(IpAddress peer, List<String> forwardedFor) {
        if (!trustedProxies.contains(peer) || forwardedFor.isEmpty()) {
            return peer;
        }
        IpAddress lastTrusted = peer;
        for (int header = forwardedFor.size() - 1; header >= 0; header--) {
            String value = forwardedFor.get(header);
            int end = value.length();
            while (end > 0) {
                int comma = value.lastIndexOf(',', end - 1);
                String entry = value.substring(comma + 1, end).strip();
                end = comma < 0 ? 0 : comma;
                if (entry.isEmpty()) {
                    continue;
                }
                Optional<IpAddress> address = parseEntry(entry);
                if (address.isEmpty()) {
                    return lastTrusted;
                }
                if (!trustedProxies.contains(address.get())) {
                    return address.get();
                }
                lastTrusted = address.get();
            }
        }
        // Every hop was a trusted proxy: the left-most one is the closest we get to the client.
        return lastTrusted;
    }

    /** Like {@link #resolve(IpAddress, List)} for a peer given as text. */
    public IpAddress resolve(String peer, List<String> forwardedFor) {
        return resolve(IpAddress.parseOrThrow(peer), forwardedFor);
    }

    public boolean isTrustedProxy(IpAddress address) {
        return trustedProxies.contains(address);
    }

    private static Optional<IpAddress> parseEntry(String entry) {
        if (entry.startsWith("[")) {
            int close = entry.indexOf(']');
            return close < 0 ? Optional.empty() : IpAddress.parse(entry.substring(1, close));
        }
        int colon = entry.indexOf(':');
        if (colon > 0 && entry.indexOf(':', colon + 1) < 0) {
            // Exactly one colon: IPv4 with a port. (An IPv6 literal has at least two.)
            return IpAddress.parse(entry.substring(0, colon)).filter(IpAddress::ipv4);
        }
        return IpAddress.parse(entry);
    }
}
