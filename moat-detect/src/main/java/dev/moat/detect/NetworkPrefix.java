package dev.moat.detect;

/**
 * The network a client address belongs to, as linkage evidence: the /24 of an IPv4 address and the /48
 * of an IPv6 address, which are the usual allocation units of one hosting customer or one site.
 */
final class NetworkPrefix {

    private NetworkPrefix() {
    }

    /** Hash of the address's /24 (IPv4) or /48 (IPv6); 0 for an empty or unreadable address. */
    static long hash(String ip) {
        if (ip.isEmpty()) {
            return 0;
        }
        if (ip.indexOf(':') >= 0) {
            return Hashing.of("v6:" + ipv6Prefix48(ip));
        }
        int lastDot = ip.lastIndexOf('.');
        if (lastDot <= 0) {
            return 0;
        }
        long h = Hashing.FNV_OFFSET;
        for (int i = 0; i < lastDot; i++) {
            h ^= ip.charAt(i);
            h *= Hashing.FNV_PRIME;
        }
        return Hashing.mix(h ^ 0x24);
    }

    /** The first three 16-bit groups of an IPv6 address, expanded, e.g. {@code 2001:db8:0}. */
    static String ipv6Prefix48(String ip) {
        String address = ip;
        int zone = address.indexOf('%');
        if (zone >= 0) {
            address = address.substring(0, zone);
        }
        int doubleColon = address.indexOf("::");
        String[] head = groups(doubleColon >= 0 ? address.substring(0, doubleColon) : address);
        String[] tail = doubleColon >= 0 ? groups(address.substring(doubleColon + 2)) : new String[0];
        // "::" stands for as many zero groups as make eight in all
        String[] full = new String[8];
        java.util.Arrays.fill(full, "0");
        System.arraycopy(head, 0, full, 0, Math.min(head.length, 8));
        for (int i = 0; i < tail.length && 8 - tail.length + i >= head.length; i++) {
            full[8 - tail.length + i] = tail[i];
        }
        return normaliseGroup(full[0]) + ":" + normaliseGroup(full[1]) + ":" + normaliseGroup(full[2]);
    }

    private static String[] groups(String part) {
        return part.isEmpty() ? new String[0] : part.split(":");
    }

    private static String normaliseGroup(String group) {
        int i = 0;
        while (i < group.length() - 1 && group.charAt(i) == '0') {
            i++;
        }
        return group.isEmpty() ? "0" : group.substring(i).toLowerCase(java.util.Locale.ROOT);
    }
}
