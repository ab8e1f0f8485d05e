package dev.moat.detect;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The address blocks simulated clients come from. Every block is a real IPv4 range whose country
 * (in the {@code geo-whois-asn-country} database) and network class (residential: in neither the
 * hosting nor the VPN list; hosting: in the datacenter list; vpn: in the commercial VPN list of
 * {@code ../shared/data/geo}) agree with what is written here, so that a gateway or analyser that
 * derives country and network from the address sees the same facts the simulator recorded. A test
 * checks that agreement against the data.
 */
public final class TrafficNetworks {

    public static final String RESIDENTIAL = "residential";
    public static final String HOSTING = "hosting";
    public static final String VPN = "vpn";

    /** Countries in the {@code us-export} profile's embargoed / restricted groups that have blocks here. */
    public static final List<String> RESTRICTED_COUNTRIES = List.of("CN", "RU", "IR", "KP");

    /** An IPv4 block with its country and network class. */
    public record Block(String cidr, String country, String network) {

        public Block {
            int slash = cidr.indexOf('/');
            if (slash < 0) {
                throw new IllegalArgumentException("cidr: " + cidr + " (expected: a.b.c.d/len)");
            }
        }

        int prefixLength() {
            return Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1));
        }

        long base() {
            String[] octets = cidr.substring(0, cidr.indexOf('/')).split("\\.");
            long value = 0;
            for (String octet : octets) {
                value = (value << 8) | Integer.parseInt(octet);
            }
            return value;
        }

        /** A host address in this block, avoiding the network and broadcast addresses of each /24. */
        public String address(SplittableRandom random) {
            long size = 1L << (32 - prefixLength());
            long offset = size <= 2 ? 0 : random.nextLong(size);
            long address = base() + offset;
            if (size > 2 && ((address & 0xff) == 0 || (address & 0xff) == 0xff)) {
                address = (address & ~0xffL) | (1 + random.nextInt(254));
            }
            return format(address);
        }

        /** One /24 inside this block (the block itself when it is already that small). */
        public Block narrow(SplittableRandom random) {
            int length = prefixLength();
            if (length >= 24) {
                return this;
            }
            long subnets = 1L << (24 - length);
            long base = base() + (random.nextLong(subnets) << 8);
            return new Block(format(base) + "/24", country, network);
        }

        private static String format(long address) {
            return ((address >> 24) & 0xff) + "." + ((address >> 16) & 0xff) + "." + ((address >> 8) & 0xff) + "."
                    + (address & 0xff);
        }
    }

    private static final List<Block> BLOCKS = List.of(
            new Block("73.32.0.0/16", "US", RESIDENTIAL), new Block("71.100.0.0/16", "US", RESIDENTIAL),
            new Block("24.10.0.0/16", "US", RESIDENTIAL), new Block("86.150.0.0/16", "GB", RESIDENTIAL),
            new Block("81.100.0.0/16", "GB", RESIDENTIAL), new Block("79.200.0.0/16", "DE", RESIDENTIAL),
            new Block("84.150.0.0/16", "DE", RESIDENTIAL), new Block("90.10.0.0/16", "FR", RESIDENTIAL),
            new Block("126.100.0.0/16", "JP", RESIDENTIAL), new Block("49.36.0.0/16", "IN", RESIDENTIAL),
            new Block("117.200.0.0/16", "IN", RESIDENTIAL), new Block("177.30.0.0/16", "BR", RESIDENTIAL),
            new Block("189.60.0.0/16", "BR", RESIDENTIAL), new Block("70.24.0.0/16", "CA", RESIDENTIAL),
            new Block("83.80.0.0/16", "NL", RESIDENTIAL), new Block("116.86.0.0/16", "SG", RESIDENTIAL),
            new Block("121.130.0.0/16", "KR", RESIDENTIAL), new Block("1.120.0.0/16", "AU", RESIDENTIAL),
            new Block("116.224.0.0/16", "CN", RESIDENTIAL), new Block("223.64.0.0/16", "CN", RESIDENTIAL),
            new Block("95.24.0.0/16", "RU", RESIDENTIAL), new Block("178.64.0.0/16", "RU", RESIDENTIAL),
            new Block("2.176.0.0/16", "IR", RESIDENTIAL), new Block("175.45.176.0/22", "KP", RESIDENTIAL),
            new Block("3.80.0.0/16", "US", HOSTING), new Block("47.88.0.0/16", "US", HOSTING),
            new Block("52.0.0.0/16", "US", HOSTING), new Block("5.9.0.0/16", "DE", HOSTING),
            new Block("51.15.0.0/16", "FR", HOSTING), new Block("18.130.0.0/16", "GB", HOSTING),
            new Block("13.112.0.0/16", "JP", HOSTING), new Block("34.80.0.0/16", "TW", HOSTING),
            new Block("85.203.20.0/24", "NL", VPN), new Block("98.159.33.0/24", "US", VPN),
            new Block("31.131.12.0/22", "US", VPN), new Block("92.119.24.0/22", "US", VPN),
            new Block("79.127.164.0/24", "BE", VPN), new Block("86.38.224.0/24", "PL", VPN),
            new Block("82.23.253.0/24", "CA", VPN));

    /** Countries where ordinary customers live, weighted roughly like a global API's customer base. */
    private static final List<String> CUSTOMER_COUNTRIES = List.of(
            "US", "US", "US", "US", "US", "GB", "GB", "DE", "DE", "FR", "JP", "IN", "IN", "BR", "CA", "NL", "SG",
            "KR", "AU");

    private TrafficNetworks() {
    }

    public static List<Block> all() {
        return BLOCKS;
    }

    /** A country an ordinary customer might be in, not a restricted one. */
    public static String customerCountry(SplittableRandom random) {
        return CUSTOMER_COUNTRIES.get(random.nextInt(CUSTOMER_COUNTRIES.size()));
    }

    public static Block residential(String country, SplittableRandom random) {
        return pick(country, RESIDENTIAL, random);
    }

    /** A hosting block, in the country when there is one there, else anywhere. */
    public static Block hosting(String country, SplittableRandom random) {
        return pick(country, HOSTING, random);
    }

    public static Block vpn(SplittableRandom random) {
        return pick("", VPN, random);
    }

    private static Block pick(String country, String network, SplittableRandom random) {
        List<Block> exact = BLOCKS.stream()
                .filter(block -> block.network().equals(network) && block.country().equals(country)).toList();
        List<Block> candidates = exact.isEmpty()
                ? BLOCKS.stream().filter(block -> block.network().equals(network)).toList() : exact;
        return candidates.get(random.nextInt(candidates.size()));
    }
}
