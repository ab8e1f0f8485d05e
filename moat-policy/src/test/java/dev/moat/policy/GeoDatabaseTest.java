package dev.moat.policy;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class GeoDatabaseTest {

    private static final GeoDatabase IPV4 = GeoDatabase.open(SharedData.geo("geo-whois-asn-country-ipv4.mmdb"));

    @Property(tries = 20_000)
    void theFlattenedIpv4TableAgreesWithTheReadersOwnTree(@ForAll int bits) {
        IpAddress address = IpAddress.ofIpv4(bits);
        assertThat(IPV4.locate(address)).isEqualTo(IPV4.locateWithReader(address));
    }

    @Test
    void rangeBoundariesAgreeWithTheReader() {
        // 8.8.0.0/15 is US; its first and last addresses and their outside neighbours.
        for (String text : new String[] {"8.7.255.255", "8.8.0.0", "8.9.255.255", "8.10.0.0", "0.0.0.0", "255.255.255.255", "10.0.0.1"}) {
            IpAddress address = IpAddress.parseOrThrow(text);
            assertThat(IPV4.locate(address)).as(text).isEqualTo(IPV4.locateWithReader(address));
        }
        assertThat(IPV4.locate(IpAddress.parseOrThrow("8.8.0.0"))).map(GeoLocation::country).contains("US");
        assertThat(IPV4.locate(IpAddress.parseOrThrow("10.0.0.1"))).isEmpty();
    }

    @Test
    void anIpv4DatabaseNeverAnswersForIpv6() {
        assertThat(IPV4.locate(IpAddress.parseOrThrow("2a02:2e0::1"))).isEmpty();
    }
}
