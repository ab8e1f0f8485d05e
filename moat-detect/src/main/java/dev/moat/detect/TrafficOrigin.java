package dev.moat.detect;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Where a simulated client's requests come from: a small set of addresses it uses most of the time
 * and, optionally, another set it slips into now and then (a VPN that drops, a second office, a
 * proxy pool rotating). Addresses are drawn once, when the client is planned, so that a client keeps
 * its addresses like a real one does.
 */
record TrafficOrigin(List<Address> usual, List<Address> occasional, double occasionalShare) {

    /** One client address with the country and network class a lookup would give. */
    record Address(String ip, String country, String network) {
    }

    TrafficOrigin {
        if (usual.isEmpty()) {
            throw new IllegalArgumentException("usual: empty (expected: at least one address)");
        }
        usual = List.copyOf(usual);
        occasional = List.copyOf(occasional);
    }

    static TrafficOrigin of(List<Address> addresses) {
        return new TrafficOrigin(addresses, List.of(), 0);
    }

    /** {@code count} addresses drawn from a block. */
    static List<Address> addresses(TrafficNetworks.Block block, int count, SplittableRandom random) {
        return IntStream.range(0, count)
                .mapToObj(i -> new Address(block.address(random), block.country(), block.network())).toList();
    }

    Address pick(SplittableRandom random) {
        List<Address> from = !occasional.isEmpty() && random.nextDouble() < occasionalShare ? occasional : usual;
        return from.get(random.nextInt(from.size()));
    }
}
