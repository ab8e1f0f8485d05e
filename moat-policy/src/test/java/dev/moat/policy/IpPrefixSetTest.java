package dev.moat.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class IpPrefixSetTest {

    private static IpPrefixSet setOf(String... ranges) {
        IpPrefixSet.Builder builder = IpPrefixSet.builder();
        for (String range : ranges) {
            builder.add(CidrRange.parseOrThrow(range));
        }
        return builder.build();
    }

    private static boolean contains(IpPrefixSet set, String address) {
        return set.contains(IpAddress.parseOrThrow(address));
    }

    @Test
    void holdsTheFirstAndLastAddressOfARangeAndNothingOutside() {
        IpPrefixSet set = setOf("192.0.2.0/24", "2001:db8::/32");
        assertThat(contains(set, "192.0.2.0")).isTrue();
        assertThat(contains(set, "192.0.2.255")).isTrue();
        assertThat(contains(set, "192.0.1.255")).isFalse();
        assertThat(contains(set, "192.0.3.0")).isFalse();
        assertThat(contains(set, "2001:db8::")).isTrue();
        assertThat(contains(set, "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff")).isTrue();
        assertThat(contains(set, "2001:db7:ffff:ffff:ffff:ffff:ffff:ffff")).isFalse();
        assertThat(contains(set, "2001:db9::")).isFalse();
    }

    @Test
    void overlappingAndNestedRangesInEitherOrderReportTheShortestPrefix() {
        for (IpPrefixSet set : List.of(setOf("10.0.0.0/8", "10.1.0.0/16", "10.1.2.0/24"), setOf("10.1.2.0/24", "10.1.0.0/16", "10.0.0.0/8"))) {
            assertThat(set.matchingPrefixLength(IpAddress.parseOrThrow("10.1.2.3"))).isEqualTo(8);
            assertThat(set.matchingRange(IpAddress.parseOrThrow("10.200.0.1"))).map(CidrRange::toString).contains("10.0.0.0/8");
            assertThat(contains(set, "11.0.0.0")).isFalse();
            assertThat(set.size()).isEqualTo(3);
        }
    }

    @Test
    void zeroLengthPrefixHoldsItsWholeFamilyOnly() {
        IpPrefixSet v4 = setOf("0.0.0.0/0");
        assertThat(contains(v4, "0.0.0.0")).isTrue();
        assertThat(contains(v4, "255.255.255.255")).isTrue();
        assertThat(contains(v4, "::1")).isFalse();
        IpPrefixSet v6 = setOf("::/0");
        assertThat(contains(v6, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")).isTrue();
        assertThat(contains(v6, "8.8.8.8")).isFalse();
    }

    @Test
    void fullLengthPrefixesHoldExactlyOneAddress() {
        IpPrefixSet set = setOf("198.51.100.7/32", "2001:db8::7/128", "203.0.113.9");
        assertThat(contains(set, "198.51.100.7")).isTrue();
        assertThat(contains(set, "198.51.100.6")).isFalse();
        assertThat(contains(set, "198.51.100.8")).isFalse();
        assertThat(contains(set, "2001:db8::7")).isTrue();
        assertThat(contains(set, "2001:db8::6")).isFalse();
        assertThat(contains(set, "2001:db8::8")).isFalse();
        assertThat(contains(set, "203.0.113.9")).isTrue();
    }

    @Test
    void ipv4MappedAddressesMatchIpv4Ranges() {
        IpPrefixSet set = setOf("192.0.2.0/24", "::ffff:198.51.100.0/120");
        assertThat(contains(set, "::ffff:192.0.2.1")).isTrue();
        assertThat(contains(set, "198.51.100.200")).isTrue();
    }

    @Test
    void emptySetHoldsNothing() {
        assertThat(IpPrefixSet.empty().contains(IpAddress.parseOrThrow("1.1.1.1"))).isFalse();
        assertThat(IpPrefixSet.empty().contains(IpAddress.parseOrThrow("::"))).isFalse();
    }

    @Property(tries = 200)
    void agreesWithAPlainScanOfTheRanges(@ForAll("ranges") List<CidrRange> ranges, @ForAll("addresses") List<IpAddress> probes) {
        IpPrefixSet.Builder builder = IpPrefixSet.builder();
        ranges.forEach(builder::add);
        IpPrefixSet set = builder.build();
        // Probe the given addresses and each range's own first address, so that hits are common.
        List<IpAddress> all = new java.util.ArrayList<>(probes);
        ranges.forEach(range -> all.add(range.network()));
        for (IpAddress probe : all) {
            int expected = ranges.stream().filter(range -> range.contains(probe)).mapToInt(CidrRange::prefixLength).min().orElse(-1);
            assertThat(set.matchingPrefixLength(probe)).as("%s in %s", probe, ranges).isEqualTo(expected);
        }
    }

    @Provide
    Arbitrary<List<CidrRange>> ranges() {
        // A narrow address space (first byte 10 or 11 / 2001:db8) makes ranges overlap often.
        Arbitrary<CidrRange> v4 = Combinators.combine(Arbitraries.integers().between(0x0A00_0000, 0x0BFF_FFFF),
                Arbitraries.integers().between(0, 32)).as((bits, length) -> new CidrRange(IpAddress.ofIpv4(bits), length));
        Arbitrary<CidrRange> v6 = Combinators.combine(Arbitraries.longs(), Arbitraries.integers().between(0, 128))
                .as((low, length) -> new CidrRange(IpAddress.ofIpv6(0x2001_0db8_0000_0000L | (low >>> 40), low), length));
        return Arbitraries.oneOf(v4, v6).list().ofMaxSize(30);
    }

    @Provide
    Arbitrary<List<IpAddress>> addresses() {
        Arbitrary<IpAddress> v4 = Arbitraries.integers().between(0x0A00_0000, 0x0BFF_FFFF).map(IpAddress::ofIpv4);
        Arbitrary<IpAddress> v6 = Arbitraries.longs().map(low -> IpAddress.ofIpv6(0x2001_0db8_0000_0000L | (low >>> 40), low));
        return Arbitraries.oneOf(v4, v6).list().ofMaxSize(30);
    }
}
